"""A participation gradebook for Canvas or Moodle from the seminar exchange: completion, never text.

Every figure is derived from the shared answers themselves: they are scored again with the exercise
engine against this copy of the course's keys (``rescore``); a stored score or ``completed`` list is
never read. ``measure`` says what counts: "answered" (the default: attempted at least once, or a
reflection saved) or "correct" (full marks or an accepted alternative, or a reflection saved). The
measure is named in every course column's header.

The roster is a CSV the instructor keeps: the LMS's own columns (see ``ROSTER_COLUMNS``) plus
``hub_user``, the learner's user name on the hub. Submissions carry only pseudonyms; the seminar key in
the exchange (readable by instructors only) turns each roster user name into its pseudonym, so names and
pseudonyms meet only here, on the instructor's side. A learner without a usable submission gets empty
cells, which both LMSs leave ungraded.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import load_content
from ..problems import Problem
from .class_view import ExchangeRead, course_specs, rescore_all
from .exchange import pseudonym
from .rescore import MEASURES

HUB_USER = "hub_user"
FORMATS = ("canvas", "moodle")
# The LMS columns copied from the roster into the gradebook, in the LMS's order; * marks required ones.
ROSTER_COLUMNS: dict[str, list[tuple[str, bool]]] = {
    "canvas": [("Student", True), ("ID", True), ("SIS User ID", True), ("SIS Login ID", True), ("Section", True)],
    "moodle": [("First name", False), ("Last name", False), ("ID number", False), ("Email address", True)],
}
POINTS_POSSIBLE = "    Points Possible"  # Canvas's own second row, as in its gradebook export


@dataclass
class Gradebook:
    """The CSV text and what was matched."""

    text: str
    columns: list[str]
    matched: int = 0
    missing: list[str] = field(default_factory=list)  # roster users with no usable submission
    unmatched: int = 0  # submissions whose pseudonym is not on the roster
    ignored: list[str] = field(default_factory=list)  # answers left out (no such exercise, not scoreable)


def column_title(nb_id: str, title: str, measure: str = "answered") -> str:
    """A notebook's gradebook column: stable, unique, readable in the LMS, and naming the measure."""
    return f"Jane and Susan {nb_id[:2]} {title} (% {measure})"


def total_title(measure: str = "answered") -> str:
    """The column over all notebooks."""
    return f"Jane and Susan, all notebooks (% {measure})"


def read_roster(path: Path, fmt: str) -> tuple[list[dict[str, str]], list[Problem]]:
    """The roster's rows, or the problems (file, line, field) that stop it from being used."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(str(path), None, "", f"cannot be read ({getattr(exc, 'strerror', None) or exc})")]
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    required = [HUB_USER] + [c for c, needed in ROSTER_COLUMNS[fmt] if needed]
    missing = [c for c in required if c not in header]
    if missing:
        return [], [
            Problem(str(path), 1, c, f"this column is missing; a {fmt} roster needs {', '.join(required)}")
            for c in missing
        ]
    rows, problems, seen = [], [], set()
    for line, row in enumerate(reader, start=2):
        if None in row or all(not (v or "").strip() for v in row.values()):
            if None in row:
                problems.append(Problem(str(path), line, "", "has more cells than the header"))
            continue
        user = (row.get(HUB_USER) or "").strip()
        if not user:
            problems.append(Problem(str(path), line, HUB_USER, "is empty; give the learner's hub user name"))
        elif user in seen:
            problems.append(Problem(str(path), line, HUB_USER, f"{user!r} is listed twice"))
        seen.add(user)
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows, problems


def _percent(done: int, total: int) -> str:
    return str(round(100 * done / total)) if total else ""


def build_gradebook(
    read: ExchangeRead,
    roster: list[dict[str, str]],
    key: bytes,
    fmt: str,
    content: Any = None,
    measure: str = "answered",
) -> Gradebook:
    """The participation CSV for ``fmt`` ("canvas" or "moodle"), counting exercises by ``measure``."""
    if measure not in MEASURES:
        raise ValueError(f"the measure is {measure!r}; use one of {', '.join(MEASURES)}")
    content = content or load_content()
    specs = course_specs(content)
    notebooks = [(nb, {s.id for s in specs if s.notebook == nb.id}) for nb in content.course.notebooks]
    notebooks = [(nb, ids) for nb, ids in notebooks if ids]
    total_ids = set().union(*(ids for _, ids in notebooks)) if notebooks else set()
    lms = [c for c, _ in ROSTER_COLUMNS[fmt]]
    if fmt == "moodle":
        roster_header = set().union(*(r.keys() for r in roster)) if roster else set()
        lms = [c for c in lms if c in roster_header]
    grades = [column_title(nb.id, nb.title, measure) for nb, _ in notebooks] + [total_title(measure)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(lms + grades)
    if fmt == "canvas":
        writer.writerow([POINTS_POSSIBLE] + [""] * (len(lms) - 1) + ["100"] * len(grades))
    scored = rescore_all(read, specs)
    by_pseudonym = {s.folder: s for s in scored}
    book = Gradebook("", lms + grades, ignored=[note for s in scored for note in s.ignored])
    wanted = set()
    for row in roster:
        name = pseudonym(key, row[HUB_USER])
        wanted.add(name)
        sub = by_pseudonym.get(name)
        cells = [row.get(c, "") for c in lms]
        if sub is None:
            book.missing.append(row[HUB_USER])
            writer.writerow(cells + [""] * len(grades))
            continue
        book.matched += 1
        done = sub.done(measure)
        writer.writerow(
            cells
            + [_percent(len(ids & done), len(ids)) for _, ids in notebooks]
            + [_percent(len(total_ids & done), len(total_ids))]
        )
    book.unmatched = sum(1 for name in by_pseudonym if name not in wanted)
    book.text = out.getvalue()
    return book
