"""The reviewable exercises as an Anki deck (``course anki``), written with genanki.

One note per exercise marked ``review: true``: the front holds the title, the prompt and the options
(the exercise's static question, as on the site and on paper); the back holds the reference answer and
the feedback a learner gets for it. The deck id, the note type's id and every note's GUID are derived
from fixed names and the exercise id, never from the time: a deck built from a newer version of the
course updates the notes a learner imported before instead of adding them twice. The deck's description
names the course version. Anki keeps its own schedule; nothing comes back into the progress store.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..content import load_content
from ..exercises.types import describe_answer, evaluate, type_of
from ..safe_html import esc, markdown
from ..version import __version__
from .queue import reviewable
from .rating import self_rated

DECK_NAME = "Boundaries, transference and repair (Jane and Susan): review"
FIELDS = ("Question", "Answer", "Exercise")
CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; line-height: 1.45;
  max-width: 46em; margin: 0 auto; }
.exercise-source { font-size: 14px; opacity: 0.7; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 0.3em 0.5em; vertical-align: top; }
.static-choices { list-style: none; padding-left: 0.5em; }"""


def stable_id(name: str) -> int:
    """A number for Anki's ids, from ``name`` alone: the same on every build (between 2**30 and 2**31)."""
    return (1 << 30) + int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16) % (1 << 30)


DECK_ID = stable_id("jane-susan-course/review-deck")
MODEL_ID = stable_id("jane-susan-course/review-note")


def note_guid(exercise_id: str) -> str:
    """The note's GUID: genanki's hash of the course's name and the exercise id (stable across builds)."""
    import genanki

    return str(genanki.guid_for("jane-susan-course", exercise_id))


def question_html(spec: Any) -> str:
    """The front: the title, the prompt and the static question (options, items or rubric)."""
    return f"<h3>{esc(spec.title)}</h3>{markdown(spec.prompt)}{type_of(spec).static(spec)}"


def answer_html(spec: Any) -> str:
    """The back: the reference answer and, for a scored exercise, the feedback it earns."""
    back = describe_answer(spec)
    if not self_rated(spec.type) and spec.type != "single-choice":  # a single choice's answer has its feedback
        back += evaluate(spec, spec.answer).feedback_html
    return back


def build_deck(specs: list[Any], chapters: dict[str, str]) -> Any:
    """The genanki deck of ``specs``, one note each, in the order given."""
    import genanki

    model = genanki.Model(
        MODEL_ID,
        "Jane and Susan course: review question",
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {
                "name": "Review",
                "qfmt": "{{Question}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}<p class="exercise-source">{{Exercise}}</p>',
            }
        ],
        css=CSS,
    )
    deck = genanki.Deck(
        DECK_ID,
        DECK_NAME,
        description=(
            f"Short review questions from the course Boundaries, transference and repair: the case of Jane and "
            f"Susan, version {__version__}. The case is fictional. Importing a newer deck updates these notes."
        ),
    )
    for spec in specs:
        source = f"{esc(spec.id)} · {esc(chapters.get(spec.notebook, spec.notebook))}"
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[question_html(spec), answer_html(spec), source],
                guid=note_guid(spec.id),
                tags=[spec.notebook],
            )
        )
    return deck


def write_deck(out: str | Path, root: Path | None = None) -> tuple[Path, int]:
    """Write the reviewable exercises of the course in ``root`` (data/) to ``out``; (path, notes)."""
    import genanki

    content = load_content(root) if root is not None else load_content()
    specs = reviewable(root, content)
    chapters = {nb.id: nb.title for nb in content.course.notebooks}
    path = Path(out)
    genanki.Package(build_deck(specs, chapters)).write_to_file(str(path))
    return path, len(specs)
