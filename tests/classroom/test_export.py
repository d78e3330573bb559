"""Exports: pseudonymous by default, name and reflections only when asked, tampering refused."""

from __future__ import annotations

import json
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

import course.progress as progress
from course.classroom.export import export_results, learner_id, load_export, write_export
from course.classroom.file_format import checksum
from course.cli import main as cli
from course.progress import ProgressStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "progress"


@pytest.fixture
def filled(store: ProgressStore) -> ProgressStore:
    store.record_attempt("crossing-or-violation", "h1", "violation", 0, 1, "Think of the frame.", "01_nb")
    store.record_attempt("crossing-or-violation", "h1", "crossing", 1, 1, "Right.", "01_nb")
    store.save_ratings("rate", "h2", {"friendship-request": 3, "refusal": 1}, "transference")
    store.save_reflection("reflect", "h3", "Private thoughts about Susan.", {"names-feeling": True})
    return store


def test_pseudonymous_by_default_with_a_stable_id(filled: ProgressStore) -> None:
    first, second = export_results(filled), export_results(filled)
    assert first["format"] == "jane-susan-course-export" and first["version"] == 1
    learner = first["payload"]["learner"]
    assert set(learner) == {"id"} and learner["id"].startswith("learner-")
    assert second["payload"]["learner"]["id"] == learner["id"] == learner_id(filled)
    assert "reflections" not in first["payload"]
    assert "Private thoughts" not in json.dumps(first)
    assert [a["answer"] for a in first["payload"]["attempts"]] == ["violation", "crossing"]
    assert {(r["event_id"], r["value"]) for r in first["payload"]["ratings"]} == {
        ("friendship-request", 3),
        ("refusal", 1),
    }


def test_learner_id_differs_between_learners(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "a.sqlite3") as a, ProgressStore(tmp_path / "b.sqlite3") as b:
        assert learner_id(a) != learner_id(b)


def test_name_only_when_given(filled: ProgressStore) -> None:
    named = export_results(filled, name="  Robin Q.  ")
    assert named["payload"]["learner"] == {"id": learner_id(filled), "name": "Robin Q."}
    assert "name" not in export_results(filled, name="   ")["payload"]["learner"]


def test_reflections_only_when_asked(filled: ProgressStore) -> None:
    data = export_results(filled, include_reflections=True)
    [r] = data["payload"]["reflections"]
    assert (r["text"], r["rubric"]) == ("Private thoughts about Susan.", {"names-feeling": True})


def test_checksum_covers_the_payload(filled: ProgressStore) -> None:
    data = export_results(filled)
    assert data["checksum"] == {"algorithm": "sha256", "value": checksum(data["payload"])}


def test_written_export_loads_back_and_an_instructor_can_read_it(filled: ProgressStore, tmp_path: Path) -> None:
    data = export_results(filled, name="Robin", include_reflections=True)
    old = os.umask(0o022)
    try:
        path = write_export(data, tmp_path / "out.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # 0600 was unreadable by anyone the learner sent it to
    loaded, problem = load_export(path)
    assert problem is None and loaded == data
    assert not list(tmp_path.glob(".out.json.*"))  # no temporary file left behind


def test_writing_replaces_a_link_at_the_target_and_never_writes_through_it(
    filled: ProgressStore, tmp_path: Path
) -> None:
    victim = tmp_path / "profile"
    victim.write_text("keep me")
    (tmp_path / "out.json").symlink_to(victim)
    write_export(export_results(filled), tmp_path / "out.json")
    assert victim.read_text() == "keep me" and not (tmp_path / "out.json").is_symlink()


def test_a_symlink_is_refused_not_followed(filled: ProgressStore, tmp_path: Path) -> None:
    real = write_export(export_results(filled), tmp_path / "real.json")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    data, problem = load_export(link)
    assert data is None and "symbolic link" in problem and str(link) in problem


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "planted.json"
    os.mkfifo(fifo)
    box: dict[str, object] = {}
    reader = threading.Thread(target=lambda: box.update(result=load_export(fifo)), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "load_export blocked on a named pipe"
    data, problem = box["result"]
    assert data is None and "named pipe" in problem


def test_any_edit_after_export_is_detected(filled: ProgressStore, tmp_path: Path) -> None:
    data = export_results(filled)
    data["payload"]["attempts"][0]["score"] = 1
    path = write_export(data, tmp_path / "edited.json")
    loaded, problem = load_export(path)
    assert loaded is None
    assert problem.startswith(f"{path}:") and "checksum.value" in problem and "changed after" in problem


@pytest.mark.parametrize(
    "name",
    ["export-good-learner-a.json", "export-good-learner-b.json", "export-good-learner-c-named-with-reflections.json"],
)
def test_good_fixtures_load(name: str) -> None:
    data, problem = load_export(FIXTURES / name)
    assert problem is None and data is not None


@pytest.mark.parametrize(
    ("name", "field", "words"),
    [
        ("export-tampered-checksum.json", "checksum.value", "changed after it was exported"),
        ("export-malformed-json.json", "(file)", "not valid JSON"),
        ("export-wrong-format.json", "format", "jane-susan-course-export"),
        ("export-newer-version.json", "version", "reads version 1"),
        ("export-missing-learner-id.json", "payload.learner.id", "non-empty string"),
        ("export-rating-out-of-range.json", "payload.ratings[0].value", "from -3 to 3"),
    ],
)
def test_bad_fixtures_are_refused_with_file_field_and_reason(name: str, field: str, words: str) -> None:
    data, problem = load_export(FIXTURES / name)
    assert data is None and problem is not None
    assert problem.startswith(str(FIXTURES / name) + ":")
    assert f": {field}: " in problem and words in problem


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2]", "top level must be a JSON object"),
        (b'{"format": "jane-susan-course-export", "version": true}', "whole number 1"),
        (b'{"a": NaN}', "NaN"),
        (b"", "not valid JSON"),
    ],
)
def test_other_malformed_files_are_refused(tmp_path: Path, body: bytes, words: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(body)
    data, problem = load_export(path)
    assert data is None and words in problem and str(path) in problem


def test_missing_file_is_refused(tmp_path: Path) -> None:
    data, problem = load_export(tmp_path / "nope.json")
    assert data is None and "cannot be read" in problem


def test_fixtures_match_their_generator() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        import make_fixtures
    finally:
        sys.path.pop(0)
    for name, text in make_fixtures.build().items():
        assert (FIXTURES / name).read_text(encoding="utf-8") == text, (
            f"{name} is stale: run .venv/bin/python tests/classroom/make_fixtures.py"
        )


def test_course_export_command(
    filled: ProgressStore, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "_store", filled)
    out = tmp_path / "mine.json"
    assert cli(["export", "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert str(out) in said and "pseudonym" in said and "reflections not included" in said
    data, problem = load_export(out)
    assert problem is None and "name" not in data["payload"]["learner"]
    assert cli(["export", "-o", str(out), "--name", "Robin", "--include-reflections"]) == 0
    data, _ = load_export(out)
    assert data["payload"]["learner"]["name"] == "Robin" and data["payload"]["reflections"]
    monkeypatch.chdir(tmp_path)
    assert cli(["export"]) == 0
    assert (tmp_path / f"course-export-{learner_id(filled)}.json").exists()
