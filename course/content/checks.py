"""Cross-checks across content files: unique ids, calendar order, and references that resolve."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Iterable

from ..problems import Problem
from . import models as m

if TYPE_CHECKING:  # pragma: no cover
    from .loader import Content


def suggest(value: str, known: Iterable[str]) -> str:
    """', did you mean 'x'?' when a close match exists, else a hint listing nothing."""
    close = difflib.get_close_matches(str(value), list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def cross_check(c: Content) -> list[Problem]:
    """All cross-file problems, in file order."""
    problems: list[Problem] = []
    problems += _check_course(c)
    problems += _check_phases(c)
    problems += _check_events(c)
    problems += _check_held_frame(c)
    problems += _check_codes(c)
    problems += _check_glossary(c)
    problems += _check_unique(c, "references.yaml", "references", [r.key for r in c.references.values()], "key")
    return problems


def _check_unique(c: Content, rel: str, list_name: str, ids: list[str], key: str = "id") -> list[Problem]:
    doc = c.docs[rel]
    seen: set[str] = set()
    out = []
    items = doc.data.get(list_name, []) if isinstance(doc.data, dict) else []
    for i, item in enumerate(items):
        value = item.get(key) if isinstance(item, dict) else None
        if value in seen:
            out.append(
                doc.problem((list_name, i, key), f"'{value}' is used by an earlier entry; every {key} must be unique")
            )
        seen.add(value)
    return out


def _check_course(c: Content) -> list[Problem]:
    doc = c.docs["course.yaml"]
    out = _check_unique(c, "course.yaml", "notebooks", [nb.id for nb in c.course.notebooks])
    seen: set[str] = set()
    for i, nb in enumerate(c.course.notebooks):
        for j, obj in enumerate(nb.objectives):
            if obj.id in seen:
                out.append(
                    doc.problem(
                        ("notebooks", i, "objectives", j, "id"),
                        f"'{obj.id}' is already used by another objective; objective ids must be unique across the course",
                    )
                )
            seen.add(obj.id)
        for j, key in enumerate(nb.references):
            if key not in c.references:
                out.append(
                    doc.problem(
                        ("notebooks", i, "references", j),
                        f"'{key}' is not in data/references.yaml{suggest(key, c.references)}",
                    )
                )
    return out


def _check_phases(c: Content) -> list[Problem]:
    doc = c.docs["vignette/phases.yaml"]
    got = [p.id for p in c.phases]
    if got != list(m.PHASE_IDS):
        return [
            doc.problem(
                ("phases",), f"lists {got}; it should list every phase once, in this order: {', '.join(m.PHASE_IDS)}"
            )
        ]
    return []


def _check_events(c: Content) -> list[Problem]:
    rel = "vignette/events.yaml"
    doc = c.docs[rel]
    out = _check_unique(c, rel, "events", [e.id for e in c.events])
    characters = {ch.id for ch in c.characters}
    previous: m.Event | None = None
    for i, ev in enumerate(c.events):
        at = ("events", i)
        w = ev.when
        if w.session is not None:
            if w.day not in m.SESSION_DAYS:
                out.append(
                    doc.problem(
                        at + ("when", "day"),
                        f"is {w.day}, but sessions are held on Mondays and Wednesdays; change the day or remove 'session'",
                    )
                )
            elif w.week < 1:
                out.append(
                    doc.problem(
                        at + ("when", "session"),
                        f"is set in week {w.week}, before therapy began; sessions start in week 1",
                    )
                )
            else:
                expected = 2 * w.week - (1 if w.day == "Monday" else 0)
                if w.session != expected:
                    out.append(
                        doc.problem(
                            at + ("when", "session"),
                            f"is {w.session}, but the {w.day} session of week {w.week} is session {expected} (Mondays are 2×week−1, Wednesdays 2×week)",
                        )
                    )
        if previous is not None:
            if w.day_number < previous.when.day_number:
                out.append(
                    doc.problem(
                        at + ("when",),
                        f"({w.label()}) comes before the previous event '{previous.id}' ({previous.when.label()}); events must be listed in the order they happen",
                    )
                )
            if m.PHASE_IDS.index(ev.phase) < m.PHASE_IDS.index(previous.phase):
                out.append(
                    doc.problem(
                        at + ("phase",),
                        f"'{ev.phase}' comes after '{previous.phase}' in the story; phases must not go backwards (order: {', '.join(m.PHASE_IDS)})",
                    )
                )
        if ev.ratings is None and ev.phase != "before-therapy":
            out.append(
                doc.problem(
                    at + ("ratings",),
                    "is missing; every event after therapy begins needs teaching ratings for transference, alliance and stance (-3 to 3)",
                )
            )
        for j, actor in enumerate(ev.actors):
            if actor not in characters:
                out.append(
                    doc.problem(
                        at + ("actors", j),
                        f"'{actor}' is not in data/vignette/characters.yaml{suggest(actor, characters)}",
                    )
                )
        for j, code in enumerate(ev.codes):
            if code not in c.codes:
                out.append(
                    doc.problem(
                        at + ("codes", j), f"'{code}' is not a code section in data/codes/{suggest(code, c.codes)}"
                    )
                )
        previous = ev
    return out


def _check_held_frame(c: Content) -> list[Problem]:
    hf = c.held_frame
    if hf is None:
        return []
    doc = c.docs["vignette/held-frame.yaml"]
    ids = [e.id for e in c.events]
    out = []
    if hf.diverges_at not in ids:
        out.append(
            doc.problem(("diverges_at",), f"'{hf.diverges_at}' is not an event id{suggest(hf.diverges_at, ids)}")
        )
    last = -1
    for i, r in enumerate(hf.ratings):
        if r.event not in ids:
            out.append(doc.problem(("ratings", i, "event"), f"'{r.event}' is not an event id{suggest(r.event, ids)}"))
            continue
        pos = ids.index(r.event)
        if pos <= last:
            out.append(
                doc.problem(
                    ("ratings", i, "event"),
                    f"'{r.event}' is out of story order; list the hypothetical ratings in the order of the events",
                )
            )
        last = pos
    return out


def _check_codes(c: Content) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, str] = {}
    for rel, doc in c.docs.items():
        if not rel.startswith("codes/"):
            continue
        data = doc.data
        if isinstance(data, dict) and data.get("citation") not in c.references:
            cit = str(data.get("citation"))
            out.append(
                doc.problem(("citation",), f"'{cit}' is not in data/references.yaml{suggest(cit, c.references)}")
            )
        for i, sec in enumerate(data.get("sections", []) if isinstance(data, dict) else []):
            sid = sec.get("id") if isinstance(sec, dict) else None
            if sid in seen:
                out.append(
                    doc.problem(
                        ("sections", i, "id"), f"'{sid}' is already used in {seen[sid]}; section ids must be unique"
                    )
                )
            else:
                seen[sid] = f"data/{rel}"
    return out


def _check_glossary(c: Content) -> list[Problem]:
    rel = "glossary.yaml"
    doc = c.docs[rel]
    out = _check_unique(c, rel, "terms", list(c.terms))
    notebooks = {nb.id for nb in c.course.notebooks}
    for i, term in enumerate(doc.data["terms"]):
        t = c.terms[term["id"]]
        for j, key in enumerate(t.cite):
            if key not in c.references:
                out.append(
                    doc.problem(
                        ("terms", i, "cite", j), f"'{key}' is not in data/references.yaml{suggest(key, c.references)}"
                    )
                )
        for j, other in enumerate(t.see_also):
            if other not in c.terms:
                out.append(
                    doc.problem(
                        ("terms", i, "see_also", j),
                        f"'{other}' is not a term id in this glossary{suggest(other, c.terms)}",
                    )
                )
            elif other == t.id:
                out.append(doc.problem(("terms", i, "see_also", j), "points to the term itself; name a different term"))
        for j, nb in enumerate(t.notebooks):
            if nb not in notebooks:
                out.append(
                    doc.problem(
                        ("terms", i, "notebooks", j),
                        f"'{nb}' is not a notebook in data/course.yaml{suggest(nb, notebooks)}",
                    )
                )
    return out
