"""Exercise specs from a student release, read back into ordinary specs.

``course release`` writes each spec without ``answer`` and ``fixtures``; it adds a ``release`` block
(hash scheme and salt) and, for the types with a right answer, ``answer_hash`` (see ``hashed``). Such
a file is validated with a model derived from its type's model, its answer is recovered from the
hashes (as the type's record says, ``answer_hash``), and the result is the ordinary spec the scoring
functions and widgets already use. Its ``fixtures`` list is empty, so the fixture self-test of ``course validate`` does not run on a release;
the recovered answer must still score full marks. A released reflection has no model answer.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal, Optional

from pydantic import create_model

from ..content.strict import Strict
from ..content.yaml_reader import YamlDoc, validate_model
from ..problems import Problem
from .hashed import ALSO_FIELD, FIELD
from .spec import ReflectionAnswer, Text
from .types import REGISTRY, AnySpec

KEY = "release"
OMITTED = ("answer", "fixtures", "also_accept")
NO_MODEL_ANSWER = (
    "The example reflection is kept in the instructor's copy of the course; this student release does not include it."
)


class ReleaseInfo(Strict):
    """How the answers of a released spec were hashed."""

    scheme: Literal["salted-sha256-v1"]  # = hashed.SCHEME
    salt: Text


def is_released(data: Any) -> bool:
    """True for the data of a spec written by ``course release``."""
    return isinstance(data, dict) and KEY in data


@cache
def released_model(kind: str) -> Any:
    """The model of a released spec of this type: the type's fields without answer and fixtures."""
    base = REGISTRY[kind].model
    hashed = REGISTRY[kind].answer_hash
    fields: dict[str, Any] = {n: (f.annotation, f) for n, f in base.model_fields.items() if n not in OMITTED}
    if hashed is not None:
        fields[FIELD] = (hashed.shape, ...)
        fields[ALSO_FIELD] = (Optional[hashed.alternatives_shape], None)
    fields[KEY] = (ReleaseInfo, ...)
    return create_model(f"Released{base.__name__}", __base__=Strict, **fields)


def check_released(doc: YamlDoc, kind: str) -> tuple[AnySpec | None, list[Problem]]:
    """(ordinary spec with its answer recovered, or None; problems) for a released spec file."""
    released, problems = validate_model(released_model(kind), doc)
    if released is None:
        return None, problems
    answer: Any = None
    extra: dict[str, Any] = {}
    hashed = REGISTRY[kind].answer_hash
    if hashed is not None:
        answer, found = hashed.recover_answer(released, getattr(released, FIELD), released.release.salt)
        hashes = getattr(released, ALSO_FIELD, None)
        if hashes:
            alternatives, more = hashed.recover_alternatives(released, hashes, released.release.salt)
            found += more
            extra["also_accept"] = alternatives
        if found:
            return None, [doc.problem(loc, message) for loc, message in found]
    elif kind == "reflection":
        answer = ReflectionAnswer(text=NO_MODEL_ANSWER, rubric={})
    return to_spec(released, kind, answer, **extra), []


def to_spec(released: Any, kind: str, answer: Any, **extra: Any) -> AnySpec:
    """The ordinary spec: every field of the released one, ``answer`` (and any recovered alternatives)
    filled in, no fixtures."""
    base = REGISTRY[kind].model
    values = {name: getattr(released, name) for name in base.model_fields if name not in OMITTED}
    if "also_accept" in base.model_fields:
        values["also_accept"] = extra.get("also_accept") or base.model_fields["also_accept"].get_default(
            call_default_factory=True
        )
    return base.model_construct(**values, answer=answer, fixtures=[])
