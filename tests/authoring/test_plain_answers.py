"""`course validate --release` lists the texts that say which answer is accepted: in the student release
the answers are hashed, but these texts stay readable."""

from __future__ import annotations

from pathlib import Path

from course.authoring.plain_answers import accepted_answer_texts
from course.authoring.validate import validate
from course.cli import main
from course.content.yaml_reader import load_yaml

SPEC = """id: {id}
type: single-choice
title: Whom to ask first
notebook: examples
prompt: Jane asks to be friends. Whom does Susan ask first?
options:
  - {{id: a, text: Nobody, feedback: Not this one.}}
  - {{id: b, text: Her supervisor, feedback: The course's answer.}}
  - id: c
    text: A colleague
    feedback: "{feedback}"
answer: b
{also}fixtures:
  - {{answer: a, feedback: Not this one.}}
  - {{answer: a, feedback: Not this one.}}
"""


def _spec(tmp_path: Path, *, feedback: str, also: bool) -> Path:
    path = tmp_path / "spec.yaml"
    also_accept = "also_accept: [c]\n" if also else ""
    path.write_text(SPEC.format(id="spec", feedback=feedback, also=also_accept), encoding="utf-8")
    return path


def test_feedback_saying_an_answer_is_accepted_is_listed_with_file_line_and_field(tmp_path: Path) -> None:
    doc = load_yaml(_spec(tmp_path, feedback="Also accepted, with full credit: a colleague can help.", also=True))
    found = accepted_answer_texts({"spec": doc})
    assert [(p.line, p.field) for p in found] == [(11, "options[c].feedback")]
    assert "student release" in found[0].message


def test_other_feedback_and_exercises_without_alternatives_are_not_listed(tmp_path: Path) -> None:
    doc = load_yaml(_spec(tmp_path, feedback="A colleague can help, and so can the supervisor.", also=True))
    assert accepted_answer_texts({"spec": doc}) == []
    doc = load_yaml(_spec(tmp_path, feedback="Also accepted, with full credit.", also=False))
    assert accepted_answer_texts({"spec": doc}) == []


def test_the_course_lists_its_own_such_feedback_only_when_asked(capsys) -> None:
    listed = validate().texts_in_release
    assert {Path(p.file).name for p in listed} >= {"ch04-whose-part.yaml", "seminar-four-components-sort.yaml"}
    assert main(["validate"]) == 0
    assert "says which answer is accepted" not in capsys.readouterr().out
    assert main(["validate", "--release"]) == 0
    out = capsys.readouterr().out
    assert f"In the student release, {len(listed)} text(s) say in plain words which answer is accepted:" in out
    assert "ch04-whose-part.yaml:" in out
