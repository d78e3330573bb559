"""Reference answers as salted hashes, for the student release (``course release``).

A released spec carries ``answer_hash`` instead of ``answer``: one SHA-256 digest per decision the
answer makes. The digest covers the salt, the exercise id, the item and its value, so two items with
the same value get different digests and the YAML says nothing about which is which. Each type's
record says how its answer is hashed (``AnswerHash``: the shape of ``answer_hash``, how it is made,
how the answer is read back); the built-in types hash:

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
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any

from pydantic import Field

from .scoring.common import Found, listing

SCHEME = "salted-sha256-v1"
FIELD = "answer_hash"
ALSO_FIELD = "also_accept_hash"
Hasher = Callable[..., str]  # the digest of (item, value) for one exercise
Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]  # one hash in a released spec
STALE = (
    "; the exercise changed after the release was built, or the hash was edited. Build the release "
    "again from the instructor's copy (course release)"
)


def digest(salt: str, exercise_id: str, *parts: Any) -> str:
    """sha256 of ``[salt, exercise id, *parts]`` as compact JSON (no separator can be forged)."""
    text = json.dumps([salt, exercise_id, *parts], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AnswerHash:
    """How a type's reference answer is kept in a student release.

    ``shape``: the type of ``answer_hash`` in a released spec (pydantic checks it); ``make(spec, h)``:
    the ``answer_hash`` value, each digest made by ``h(item, value)``; ``recover(spec, hashes, h)``:
    the answer whose digests are ``hashes``, and problems located under ``answer_hash``.
    """

    shape: Any
    make: Callable[[Any, Hasher], Any]
    recover: Callable[[Any, Any, Hasher], tuple[Any, Found]]
    # Answers also accepted: by default each whole alternative is hashed like an answer under a salt of
    # its own (``also_salt``). A type that hashes them otherwise gives all three.
    also_shape: Any = None
    make_also: Callable[[Any, Hasher], Any] | None = None
    recover_also: Callable[[Any, Any, Hasher], tuple[Any, Found]] | None = None

    def hash_answer(self, spec: Any, salt: str) -> Any:
        """The ``answer_hash`` value for a checked spec's reference answer (keys in the spec's own order)."""
        return self.make(spec, hasher(salt, spec.id))

    def recover_answer(self, spec: Any, hashes: Any, salt: str) -> tuple[Any, Found]:
        """The reference answer whose digests are ``hashes``, and problems (located under ``answer_hash``)."""
        return self.recover(spec, hashes, hasher(salt, spec.id))

    @property
    def alternatives_shape(self) -> Any:
        """The type of ``also_accept_hash`` in a released spec."""
        return self.also_shape if self.also_shape is not None else list[self.shape]

    def hash_alternatives(self, spec: Any, salt: str) -> Any:
        """The ``also_accept_hash`` value for a checked spec's accepted alternatives."""
        if self.make_also is not None:
            return self.make_also(spec, hasher(salt, spec.id))
        alternatives = getattr(spec, "also_accept", None) or []
        return [
            self.hash_answer(spec.model_copy(update={"answer": alt}), also_salt(salt, k))
            for k, alt in enumerate(alternatives)
        ]

    def recover_alternatives(self, spec: Any, hashes: Any, salt: str) -> tuple[Any, Found]:
        """The accepted alternatives whose digests are ``hashes`` (located under ``also_accept_hash``)."""
        if self.recover_also is not None:
            return self.recover_also(spec, hashes, hasher(salt, spec.id))
        alternatives: list[Any] = []
        problems: Found = []
        for k, entry in enumerate(hashes or []):
            value, found = self.recover_answer(spec, entry, also_salt(salt, k))
            problems += [((ALSO_FIELD, k) + tuple(loc[1:]), message) for loc, message in found]
            alternatives.append(value)
        return (None if problems else alternatives), problems


def hasher(salt: str, exercise_id: str) -> Hasher:
    """The digest of (item, value) for one exercise of a release."""
    return lambda *parts: digest(salt, exercise_id, *parts)


def also_salt(salt: str, index: int) -> str:
    """The salt of the ``index``-th accepted alternative (so two alternatives never share digests)."""
    return f"{salt}/also-accept/{index}"


def match(target: str, candidates: Iterable[Any], make: Callable[[Any], str]) -> list[Any]:
    """The candidates whose digest is ``target`` (one, unless the hash is stale or edited)."""
    return [value for value in candidates if make(value) == target]


def per_item(
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
        found = match(hashes[item_id], candidates, partial(h, item_id))
        if len(found) != 1:
            problems.append(((FIELD, item_id), f"matches no possible value for {what} '{item_id}'{STALE}"))
            continue
        values[item_id] = found[0]
    return values, problems
