"""``course validate --release``: the texts that will say, in plain text, which answer is accepted.

A student release stores ``answer`` and ``also_accept`` only as salted hashes, but keeps every text the
learner reads (prompt, hints, feedback, commentary) as it is written. Feedback that explains an
accepted answer ("Putting it under Susan's part is accepted too") is therefore readable in the release's
YAML files before the learner answers. This lists such texts, in exercises that have ``also_accept``.
"""

from __future__ import annotations

import re
from typing import Any

from ..content.yaml_reader import YamlDoc
from ..exercises.hashed import ALSO_FIELD
from ..problems import Problem

#: Words that say an answer is accepted.
SAYS_ACCEPTED = re.compile(r"\baccepted\b|\bfull credit\b", re.IGNORECASE)
#: Fields that are not text a learner reads (ids, answers, hashes, fixtures, settings).
NOT_TEXT = frozenset(
    {"id", "type", "notebook", "objective", "refs", "reveal", "answer", "also_accept", "fixtures", "release", "next"}
    | {"start", "event", "dimension", "tolerance", "min_words", "suggested_words", ALSO_FIELD, "answer_hash"}
)


def accepted_answer_texts(docs: dict[str, YamlDoc]) -> list[Problem]:
    """One entry per text that says an answer is accepted, in the specs (by id) that accept more than one."""
    out = []
    for doc in docs.values():
        data = doc.data
        if not isinstance(data, dict) or not (data.get("also_accept") or data.get(ALSO_FIELD)):
            continue
        for loc, text in _texts(data, ()):
            if SAYS_ACCEPTED.search(text):
                out.append(
                    doc.problem(
                        loc,
                        "says which answer is accepted; in the student release this text stays readable in the "
                        "exercise's file, so the accepted answer can be found there without answering. Fine for "
                        "practice; for anything graded, explain it in class instead, or score it on your side",
                    )
                )
    return out


def _texts(node: Any, loc: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], str]]:
    """(location, text) for every string a learner reads under ``node``."""
    if isinstance(node, str):
        return [(loc, node)]
    if isinstance(node, dict):
        return [item for key, value in node.items() if key not in NOT_TEXT for item in _texts(value, loc + (key,))]
    if isinstance(node, list):
        return [item for i, value in enumerate(node) for item in _texts(value, loc + (i,))]
    return []
