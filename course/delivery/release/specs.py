"""One exercise spec as the student release writes it: answers as salted hashes, no fixtures.

Every field a learner sees is kept (prompt, options, feedback, hints, ...). ``answer`` becomes
``answer_hash`` and ``also_accept`` becomes ``also_accept_hash`` (see ``course.exercises.hashed``), and
``fixtures`` go. A rating keeps no ``answer``:
its reference ratings come from data/vignette/events.yaml, which the release ships. A reflection loses
its model reflection, and with it the "Show answer" button. Comments are not copied (they may talk about
the answer); the output is plain YAML in the field order of the source.
"""

from __future__ import annotations

from typing import Any

from ...exercises.hashed import ALSO_FIELD, FIELD, HASHED_TYPES, SCHEME, hash_alternatives, hash_answer
from ...exercises.released import KEY

HEADER = (
    "# Student release (written by `course release`): the reference answer is stored only as salted\n"
    "# SHA-256 hashes in answer_hash; wrong-answer fixtures and model answers are left out.\n"
    "# Edit the instructor's copy of this exercise and build the release again.\n"
)
NO_REVEAL = {"after_attempts": None, "on_request": False}


def released_data(data: dict[str, Any], spec: Any, salt: str) -> dict[str, Any]:
    """The released spec as plain data. ``data`` is the file as read; ``spec`` the same file checked."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "answer":
            if spec.type in HASHED_TYPES:
                out[FIELD] = hash_answer(spec, salt)
        elif key == "fixtures":
            continue
        elif key == "also_accept":
            if spec.type in HASHED_TYPES and value:
                out[ALSO_FIELD] = hash_alternatives(spec, salt)
        elif key == "reveal" and spec.type == "reflection":
            out[key] = dict(NO_REVEAL)
        else:
            out[key] = value
    if spec.type == "reflection":
        out.setdefault("reveal", dict(NO_REVEAL))
    out[KEY] = {"scheme": SCHEME, "salt": salt}
    return out


def released_yaml(data: dict[str, Any], spec: Any, salt: str) -> str:
    """The released spec file's text: a short header comment, then the data as YAML."""
    return HEADER + dump_yaml(released_data(data, spec, salt))


def dump_yaml(data: Any) -> str:
    """Deterministic YAML: source key order, Unicode kept, multi-line text as ``|`` blocks."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
