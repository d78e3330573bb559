"""`course validate`: the shipped content passes; every malformed fixture is reported exactly."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from course.authoring.validate import validate_all
from course.cli import main

FIXTURES = Path(__file__).parent.parent / "fixtures"
MINIMAL = FIXTURES / "good" / "minimal-data"
BAD = FIXTURES / "bad"
HEADER = re.compile(r"^# target: (?P<target>\S+)\n# expect: (?P<line>\d+) \| (?P<field>.+?) \| (?P<message>.+)$", re.M)


def _expectations() -> dict[str, dict]:
    table = yaml.safe_load((BAD / "EXPECTATIONS.yaml").read_text())
    for path in sorted(BAD.glob("*.yaml")):
        if path.name == "EXPECTATIONS.yaml" or path.name in table:
            continue
        head = path.read_bytes()[:600].decode("utf-8", "replace")
        match = HEADER.match(head)
        if match:
            table[path.name] = {**match.groupdict(), "line": int(match["line"])}
    return table


EXPECTED = _expectations()


def test_there_are_at_least_thirty_content_fixtures():
    assert len(EXPECTED) >= 30


def test_shipped_data_validates():
    problems = validate_all()
    assert problems == [], "\n".join(map(str, problems))


def test_minimal_fixture_data_validates():
    assert validate_all(MINIMAL) == []


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_is_reported_with_file_line_and_field(name, data_copy, capsys):
    expect = EXPECTED[name]
    shutil.copyfile(BAD / name, data_copy / expect["target"])

    problems = validate_all(data_copy)
    located = [p for p in problems if p.file.endswith(expect["target"])]
    assert located, f"nothing reported for {expect['target']}: {[str(p) for p in problems]}"
    match = [p for p in located if p.line == expect["line"] and (p.field or "(file)") == expect["field"]]
    assert match, f"expected line {expect['line']} field {expect['field']!r}, got {[str(p) for p in located]}"
    assert any(expect["message"] in p.message for p in match), [p.message for p in match]

    # the command itself: every problem printed as file:line: field: message, exit 2, no traceback
    assert main(["validate", str(data_copy)]) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert f"{expect['target']}:{expect['line']}: {expect['field']}: " in out.out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_every_problem_is_listed_not_just_the_first(data_copy):
    _edit(data_copy / "vignette/events.yaml", "transference: 2,", "transference: 9,")
    _edit(data_copy / "vignette/events.yaml", "stance: 0}\n    boundaries", "stance: -7}\n    boundaries")
    _edit(
        data_copy / "glossary.yaml",
        "definition: A departure from the frame that harms or exploits the client.",
        "definition: Harm.",
    )
    fields = {p.field for p in validate_all(data_copy)}
    assert {
        "events[first-session].ratings.transference",
        "events[friendship-request].ratings.stance",
        "terms[boundary-violation].definition",
    } <= fields


def test_every_cross_reference_problem_is_listed(data_copy):
    _edit(data_copy / "vignette/events.yaml", "codes: [apa-3.05]", "codes: [apa-9.99]")
    _edit(data_copy / "vignette/events.yaml", "actors: [jane]", "actors: [nobody]")
    _edit(data_copy / "glossary.yaml", "see_also: [boundary-violation]", "see_also: [nothing]")
    fields = {p.field for p in validate_all(data_copy)}
    assert {
        "events[friendship-request].codes[0]",
        "events[jane-moves].actors[0]",
        "terms[boundary-crossing].see_also[0]",
    } <= fields


def test_missing_folder_is_a_clean_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "is not a folder" in capsys.readouterr().out
