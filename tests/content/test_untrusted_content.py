"""Content files are untrusted input: YAML alias bombs and oversized files are refused with a
``file:line`` message (never a hang), and ``course validate`` reports every link that is not https://
or a course file.

Each check runs under a 10-second alarm: a hang guard, not a speed target (a refused bomb takes a
fraction of a second; before the fix, the first one ran for minutes).
"""

from __future__ import annotations

import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from course.authoring.validate import validate_all
from course.cli import main
from course.content import read_content
from course.content.yaml_reader import MAX_BYTES, load_yaml
from course.exercises.lookup import clear_cache, load

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "fixtures" / "bad"
HANG_GUARD_SECONDS = 10


@pytest.fixture
def hang_guard() -> Iterator[None]:
    def stop(*_: object) -> None:
        raise TimeoutError(f"still running after {HANG_GUARD_SECONDS} s: the content was expanded, not refused")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(HANG_GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture
def data_copy(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    clear_cache()
    yield target
    clear_cache()


def _validate(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", str(data)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out


def test_an_alias_bomb_in_a_code_file_is_refused(data_copy: Path, capsys, hang_guard) -> None:
    shutil.copyfile(BAD / "codes-alias-bomb.yaml", data_copy / "codes" / "aamft.yaml")
    code, out = _validate(data_copy, capsys)
    assert code == 2
    assert "codes/aamft.yaml:17: (file): uses the YAML alias '*a' (a copy of '&a' on line 16)" in out
    assert "anchors and aliases are not allowed in course files" in out
    content, problems = read_content(data_copy)  # what a notebook loading the content meets
    assert content is None and any(p.line == 24 and "'*h'" in p.message for p in problems)


def test_an_alias_bomb_in_an_exercises_hints_is_refused(data_copy: Path, capsys, hang_guard) -> None:
    target = data_copy / "exercises" / "examples" / "bad-alias-bomb.yaml"
    shutil.copyfile(BAD / "exercise-alias-bomb-in-hints.yaml", target)
    code, out = _validate(data_copy, capsys)
    assert code == 2
    assert "examples/bad-alias-bomb.yaml:10: (file): uses the YAML alias '*a' (a copy of '&a' on line 9)" in out
    loaded = load("bad-alias-bomb", root=data_copy)  # what course.exercise() shows instead of hanging
    assert loaded.spec is None and any("alias" in p.message for p in loaded.problems)


def test_a_recursive_alias_is_refused(tmp_path: Path, hang_guard) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("terms: &a [1, *a]\n", encoding="utf-8")
    doc = load_yaml(path)
    assert doc.data is None and [str(p).split(": ", 1)[0] for p in doc.problems] == [f"{doc.name}:1"]


def test_a_content_file_over_one_megabyte_is_not_read(data_copy: Path, capsys, hang_guard) -> None:
    glossary = data_copy / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    padding = "# a comment line to make the file large\n" * (MAX_BYTES // 40 + 1)
    glossary.write_text(padding + text, encoding="utf-8")
    assert glossary.stat().st_size > MAX_BYTES
    code, out = _validate(data_copy, capsys)
    assert code == 2
    assert "glossary.yaml:1: (file): is larger than 1 MB, the most a course file may hold" in out


def test_a_content_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("# pad\n" * ((MAX_BYTES - 20) // 6) + "a: 1\n", encoding="utf-8")
    assert path.stat().st_size <= MAX_BYTES
    doc = load_yaml(path)
    assert doc.problems == [] and doc.data == {"a": 1}


def test_validate_reports_every_link_that_is_not_https_or_a_course_file(data_copy: Path, capsys) -> None:
    name = "links-not-https-in-exercise.yaml"
    shutil.copyfile(BAD / name, data_copy / "exercises" / "examples" / name)
    code, out = _validate(data_copy, capsys)
    assert code == 2
    reported = [line for line in out.splitlines() if "links to" in line]
    assert len(reported) == 3, reported
    where = f"examples/{name}"
    assert any(f"{where}:7: prompt: links to 'javascript:alert(document.cookie)'" in line for line in reported)
    assert any(f"{where}:11: hints[0]: links to 'http://example.org/old'" in line for line in reported)
    assert any(f"{where}:13: options[a].feedback: links to 'data:image/png" in line for line in reported)
    assert not any("links to 'https://" in line or "links to 'glossary.ipynb" in line for line in reported)
    problems = validate_all(data_copy)
    assert [p for p in problems if "links to" in p.message] and all(p.line for p in problems)


def test_a_link_to_a_missing_course_file_is_reported(data_copy: Path) -> None:
    glossary = data_copy / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    marker = "definition: "
    at = text.index(marker) + len(marker)
    glossary.write_text(text[:at] + "See [the case](no_such_notebook.ipynb). " + text[at:], encoding="utf-8")
    messages = [p.message for p in validate_all(data_copy) if "links to" in p.message]
    assert messages == [
        "links to 'no_such_notebook.ipynb': there is no course file no_such_notebook.ipynb next to the notebooks. "
        "Links must start with https:// or point to a course file such as glossary.ipynb#Transference; "
        "learners see this one as plain text"
    ]
