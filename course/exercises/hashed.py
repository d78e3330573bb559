"""Reference answers as salted hashes, for the student release (``course release``).

A released spec carries ``answer_hash`` instead of ``answer``: one SHA-256 digest per decision the
answer makes. The digest covers the salt, the exercise id, the item and its value, so two items with
the same value get different digests and the YAML says nothing about which is which:

- single-choice: one digest of the right option id;
- multiple-select: per option, whether it should be ticked (true or false);
- ordering: per item, its position (1, 2, ...);
- categorize: per item, its category id;
- decision: per step of the recommended path, the choice id.

Answers that are also accepted (``also_accept``) go into ``also_accept_hash`` the same way: each whole
alternative hashed like an answer, under a salt of its own (``<salt>/also-accept/<n>``), and for
categorize, per item, one digest per accepted category.

At load time every candidate value is tried (options, positions, categories and choices are few) and
the answer is rebuilt in memory, so scoring, partial credit, per-item feedback and "Show answer" work
unchanged. This keeps answers out of plain text, not out of reach: the salt ships with the release and
anyone can run the same search, as with any exercise that is checked on the learner's own machine.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from .scoring.common import Found, listing

SCHEME = "salted-sha256-v1"
HASHED_TYPES: tuple[str, ...] = ("single-choice", "multiple-select", "ordering", "categorize", "decision")
FIELD = "answer_hash"
ALSO_FIELD = "also_accept_hash"
Hasher = Callable[..., str]  # the digest of (item, value) for one exercise
STALE = (
    "; the exercise changed after the release was built, or the hash was edited. Build the release "
    "again from the instructor's copy (course release)"
)


def digest(salt: str, exercise_id: str, *parts: Any) -> str:
    """sha256 of ``[salt, exercise id, *parts]`` as compact JSON (no separator can be forged)."""
    text = json.dumps([salt, exercise_id, *parts], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_answer(spec: Any, salt: str) -> Any:
    """The ``answer_hash`` value for a checked spec's reference answer (keys in the spec's own order)."""
    sid, answer = spec.id, spec.answer
    if spec.type == "single-choice":
        return digest(salt, sid, "answer", answer)
    if spec.type == "multiple-select":
        return {o.id: digest(salt, sid, o.id, o.id in answer) for o in spec.options}
    if spec.type == "ordering":
        return {i.id: digest(salt, sid, i.id, answer.index(i.id) + 1) for i in spec.items}
    if spec.type == "categorize":
        return {i.id: digest(salt, sid, i.id, answer[i.id]) for i in spec.items}
    if spec.type == "decision":
        return [digest(salt, sid, step, choice) for step, choice in enumerate(answer, start=1)]
    raise ValueError(f"{spec.type} answers are not hashed")


def hash_alternatives(spec: Any, salt: str) -> Any:
    """The ``also_accept_hash`` value for a checked spec's accepted alternatives."""
    alternatives = getattr(spec, "also_accept", None) or []
    if spec.type == "categorize":
        return {
            item: [digest(salt, spec.id, "also-accept", item, category) for category in categories]
            for item, categories in alternatives.items()
        }
    return [
        hash_answer(spec.model_copy(update={"answer": alt}), also_salt(salt, k)) for k, alt in enumerate(alternatives)
    ]


def also_salt(salt: str, index: int) -> str:
    """The salt of the ``index``-th accepted alternative (so two alternatives never share digests)."""
    return f"{salt}/also-accept/{index}"


def recover_alternatives(spec: Any, hashes: Any, salt: str) -> tuple[Any, Found]:
    """The accepted alternatives whose digests are ``hashes`` (located under ``also_accept_hash``)."""
    if spec.type == "categorize":
        categories = [c.id for c in spec.categories]
        items = [i.id for i in spec.items]
        out: dict[str, list[str]] = {}
        problems: Found = []
        for item, digests in (hashes or {}).items():
            if item not in items:
                problems.append(((ALSO_FIELD, item), f"'{item}' is not one of this exercise's items{STALE}"))
                continue
            for j, target in enumerate(digests):
                found = _match(target, categories, lambda c, item=item: digest(salt, spec.id, "also-accept", item, c))
                if len(found) != 1:
                    problems.append(((ALSO_FIELD, item, j), f"matches no category{STALE}"))
                    continue
                out.setdefault(item, []).append(found[0])
        return (None if problems else out), problems
    alternatives: list[Any] = []
    problems = []
    for k, entry in enumerate(hashes or []):
        value, found = recover_answer(spec, entry, also_salt(salt, k))
        problems += [((ALSO_FIELD, k) + tuple(loc[1:]), message) for loc, message in found]
        alternatives.append(value)
    return (None if problems else alternatives), problems


def recover_answer(spec: Any, hashes: Any, salt: str) -> tuple[Any, Found]:
    """The reference answer whose digests are ``hashes``, and problems (located under ``answer_hash``)."""
    recover = _RECOVER[spec.type]
    return recover(spec, hashes, lambda *parts: digest(salt, spec.id, *parts))


def _match(target: str, candidates: Iterable[Any], make: Callable[[Any], str]) -> list[Any]:
    return [value for value in candidates if make(value) == target]


def _single(spec: Any, hashes: str, h: Hasher) -> tuple[Any, Found]:
    ids = [o.id for o in spec.options]
    found = _match(hashes, ids, partial(h, "answer"))
    if len(found) != 1:
        return None, [((FIELD,), f"matches none of the options ({listing(ids)}){STALE}")]
    return found[0], []


def _per_item(
    ids: list[str], hashes: dict[str, str], candidates: list[Any], h: Hasher, what: str
) -> tuple[dict[str, Any], Found]:
    """For each id, the one candidate value whose digest is ``hashes[id]``."""
    values: dict[str, Any] = {}
    problems: Found = [
        ((FIELD, key), f"'{key}' is not one of this exercise's {what}s ({listing(ids)}){STALE}")
        for key in hashes
        if key not in ids
    ]
    for item_id in ids:
        if item_id not in hashes:
            problems.append(((FIELD,), f"has no entry for {what} '{item_id}'{STALE}"))
            continue
        found = _match(hashes[item_id], candidates, partial(h, item_id))
        if len(found) != 1:
            problems.append(((FIELD, item_id), f"matches no possible value for {what} '{item_id}'{STALE}"))
            continue
        values[item_id] = found[0]
    return values, problems


def _multiple(spec: Any, hashes: dict[str, str], h: Hasher) -> tuple[Any, Found]:
    ids = [o.id for o in spec.options]
    ticked, problems = _per_item(ids, hashes, [True, False], h, "option")
    return (None if problems else [i for i in ids if ticked[i]]), problems


def _ordering(spec: Any, hashes: dict[str, str], h: Hasher) -> tuple[Any, Found]:
    ids = [i.id for i in spec.items]
    places, problems = _per_item(ids, hashes, list(range(1, len(ids) + 1)), h, "item")
    if problems:
        return None, problems
    if sorted(places.values()) != list(range(1, len(ids) + 1)):
        return None, [((FIELD,), f"does not give each item its own position{STALE}")]
    return sorted(ids, key=lambda i: places[i]), []


def _categorize(spec: Any, hashes: dict[str, str], h: Hasher) -> tuple[Any, Found]:
    ids = [i.id for i in spec.items]
    cats = [c.id for c in spec.categories]
    placed, problems = _per_item(ids, hashes, cats, h, "item")
    return (None if problems else placed), problems


def _decision(spec: Any, hashes: list[str], h: Hasher) -> tuple[Any, Found]:
    choices = [c.id for n in spec.nodes for c in n.choices]
    path: list[str] = []
    problems: Found = []
    for step, target in enumerate(hashes, start=1):
        found = _match(target, choices, partial(h, step))
        if len(found) != 1:
            problems.append(((FIELD, step - 1), f"step {step} matches none of the choices{STALE}"))
            continue
        path.append(found[0])
    return (None if problems else path), problems


_RECOVER: dict[str, Callable[[Any, Any, Hasher], tuple[Any, Found]]] = {
    "single-choice": _single,
    "multiple-select": _multiple,
    "ordering": _ordering,
    "categorize": _categorize,
    "decision": _decision,
}
