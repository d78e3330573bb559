"""``course validate``'s checks of conditional scenes: every ``when:`` names a real exercise and real
choices, and every conditional scene has exactly one default (course/exercises/conditions.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..content.checks import suggest
from ..content.loader import Content
from ..content.yaml_reader import YamlDoc
from ..exercises.checks import ExerciseCheck
from ..exercises.conditions import CHOICE_TYPES, named
from ..problems import Problem

EVENTS = "vignette/events.yaml"
Loc = tuple[Any, ...]


def choice_ids(data: Any) -> set[str] | None:
    """The choice ids an exercise's answers are made of (as its YAML has them), or None for a type
    whose answers are not choices."""
    if not isinstance(data, dict) or data.get("type") not in CHOICE_TYPES:
        return None
    if data.get("type") == "decision":
        items = [c for n in data.get("nodes") or [] if isinstance(n, dict) for c in n.get("choices") or []]
    else:
        items = data.get("options") or []
    return {str(c["id"]) for c in items if isinstance(c, dict) and "id" in c}


def exercise_choices(exercises: ExerciseCheck) -> dict[str, set[str] | None]:
    """Exercise id -> its choice ids (None when its type has no choices), for every readable exercise."""
    return {ex_id: choice_ids(doc.data) for ex_id, doc in exercises.docs.items()}


def variant_problems(
    doc: YamlDoc, at: Loc, variants: Sequence[Any], choices: Mapping[str, set[str] | None], itself: str = ""
) -> list[Problem]:
    """What is wrong with one scene's ``variants`` (at ``at`` in ``doc``): defaults, conditions, ids."""
    if not variants:
        return []
    out: list[Problem] = []
    if len(variants) < 2:
        out.append(doc.problem(at, "has one variant; a conditional scene needs at least two (or none at all)"))
    defaults = [i for i, v in enumerate(variants) if v.default]
    if not defaults:
        out.append(
            doc.problem(
                at,
                "has no default; mark one variant 'default: true': the one shown to a learner who skipped the "
                "earlier exercise or whose choice no variant names",
            )
        )
    for i in defaults[1:]:
        out.append(doc.problem(at + (i, "default"), "is a second default; exactly one variant may be the default"))
    seen: set[str] = set()
    for i, variant in enumerate(variants):
        if variant.id in seen:
            out.append(doc.problem(at + (i, "id"), f"'{variant.id}' is used by an earlier variant of this scene"))
        seen.add(variant.id)
        title = getattr(variant, "title", None)  # a decision node's variants have no title
        if variant.default and (title or variant.text):
            out.append(
                doc.problem(
                    at + (i, "text" if variant.text else "title"),
                    "is set on the default variant, which is told by the scene's own title and text; write it "
                    "there, or move it to another variant",
                )
            )
        if not variant.default and not variant.text:
            out.append(doc.problem(at + (i,), "has no 'text'; a variant other than the default tells its own scene"))
        if variant.when is None and not variant.default:
            out.append(
                doc.problem(at + (i,), "has no 'when'; give the earlier choices that lead here, or make it the default")
            )
            continue
        if variant.when is not None and not variant.when:
            out.append(doc.problem(at + (i, "when"), "is empty; name an exercise and the choice(s) that lead here"))
        for ex_id, listed in (variant.when or {}).items():
            if ex_id == itself:
                out.append(
                    doc.problem(
                        at + (i, "when", ex_id),
                        "names this exercise itself; a node can depend only on the learner's earlier exercises",
                    )
                )
                continue
            out += _condition_problems(doc, at + (i, "when", ex_id), ex_id, named(listed), choices)
    return out


def _condition_problems(
    doc: YamlDoc, loc: Loc, ex_id: str, listed: list[str], choices: Mapping[str, set[str] | None]
) -> list[Problem]:
    if ex_id not in choices:
        return [
            doc.problem(loc, f"names the exercise '{ex_id}', which is not in data/exercises/{suggest(ex_id, choices)}")
        ]
    known = choices[ex_id]
    if known is None:
        return [
            doc.problem(
                loc,
                f"names '{ex_id}', whose answers are not choices; a condition can name a {', '.join(CHOICE_TYPES)} exercise",
            )
        ]
    if not listed:
        return [doc.problem(loc, f"lists no choice of '{ex_id}'")]
    return [
        doc.problem(loc, f"'{c}' is not a choice of the exercise '{ex_id}'{suggest(c, known)}")
        for c in listed
        if c not in known
    ]


def condition_problems(content: Content, exercises: ExerciseCheck) -> list[Problem]:
    """The problems of every conditional scene in the course: the events' ``variants``, and those of
    decision nodes (which may not depend on their own exercise)."""
    choices = exercise_choices(exercises)
    doc = content.docs[EVENTS]
    out: list[Problem] = []
    for i, event in enumerate(content.events):
        out += variant_problems(doc, ("events", i, "variants"), event.variants, choices)
    for ex_id, spec in exercises.specs.items():
        for i, node in enumerate(getattr(spec, "nodes", None) or []):
            out += variant_problems(exercises.docs[ex_id], ("nodes", i, "variants"), node.variants, choices, ex_id)
    return out
