"""`course validate --sources`: every detail still to check against a primary text, with file and line."""

import shutil
from pathlib import Path

from course.authoring.sources import report, unverified
from course.cli import main

MINIMAL = Path(__file__).parent.parent / "fixtures" / "good" / "minimal-data"


def test_the_course_lists_what_is_left_to_check_with_file_and_line(capsys):
    items = unverified()
    assert items, "the course still has details to check; the list should not be empty"
    assert main(["validate", "--sources"]) == 0
    out = capsys.readouterr().out
    assert f"{len(items)} detail(s) still to check against a primary text" in out
    assert "All course content is valid." in out
    for item in items:
        assert str(item) in out
        lines = (Path(item.file) if Path(item.file).is_absolute() else Path.cwd() / item.file).read_text().splitlines()
        assert lines[item.line - 1].lstrip().startswith("verify:"), item


def test_kinds_of_content_that_carry_notes_are_all_listed():
    files = {Path(item.file).name for item in unverified()}
    assert {"references.yaml", "gottlieb.yaml"} <= files and any(f in files for f in ("aca.yaml", "aamft.yaml"))


def test_a_planted_note_is_listed_and_a_settled_one_disappears(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    items = unverified(data)
    assert [(Path(i.file).name, i.line, i.item) for i in items] == [("apa.yaml", 19, "apa-10.01")]
    path = data / "codes" / "apa.yaml"
    path.write_text(
        path.read_text().replace("    verify: Check the wording of 10.01(c) against the primary source.\n", "")
    )
    assert unverified(data) == []
    assert report([]).startswith("No verify notes")
    refs = data / "references.yaml"
    refs.write_text(refs.read_text() + "    verify: >-\n      Pages not yet seen.\n")
    (item,) = unverified(data)
    assert Path(item.file).name == "references.yaml" and item.note == "Pages not yet seen."


def test_sources_are_listed_for_another_content_folder_too(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    assert main(["validate", str(data), "--sources"]) == 0
    out = capsys.readouterr().out
    assert "apa.yaml:19: apa-10.01: Check the wording of 10.01(c) against the primary source." in out
    assert "1 detail(s) still to check" in out
