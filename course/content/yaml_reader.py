"""Read YAML content files, remembering the line of every key and item.

Messages about content must name the file, line and field, so loading keeps a map from each
path in the data (``("events", 3, "ratings")``) to the line where it is written.

Content files are untrusted input (instructors share them): a file over ``MAX_BYTES`` is not read,
and YAML anchors and aliases (``&a`` / ``*a``) are refused, since a few lines of nested aliases
expand to billions of values. Both are reported as problems, never a hang.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..paths import display_path
from ..problems import Problem

Loc = tuple[Any, ...]
MAX_BYTES = 1_000_000  # 1 MB: the largest course file is a few dozen kB
NO_ALIASES = (
    "anchors and aliases are not allowed in course files (a few nested ones can make a file expand to "
    "billions of values); write the value out in full"
)


_ANCHOR = re.compile(r"&[^\s,\[\]{}]")  # '&name': without one, no alias can exist


class _Repeated(Exception):
    """Internal: the composed document uses a node twice, i.e. a YAML alias."""


@dataclass
class YamlDoc:
    """A loaded YAML file: its data, its line map, and what went wrong while reading it."""

    path: Path
    data: Any = None
    lines: dict[Loc, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return display_path(self.path)

    def line_of(self, loc: Loc) -> int | None:
        """The line of the key or item at ``loc``, or of its nearest written parent."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def problem(self, loc: Loc, message: str) -> Problem:
        """A Problem located at ``loc`` in this file."""
        return Problem(self.name, self.line_of(loc), field_name(self.data, loc), message)


def field_name(data: Any, loc: Loc) -> str:
    """A readable field path, using item ids where they exist: ``events[refusal].ratings``."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
            label = item.get("id") if isinstance(item, dict) else None
            label = label if isinstance(label, (str, int)) and str(label).strip() else key
            parts.append(f"[{label}]")
            node = item
        else:
            parts.append(("." if parts else "") + str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts)


def load_yaml(path: Path) -> YamlDoc:
    """Read one YAML file. Never raises for bad content: problems are collected on the result."""
    import yaml

    doc = YamlDoc(Path(path))
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        doc.problems.append(
            Problem(doc.name, None, "", f"cannot be read ({exc.strerror}); check the path and permissions")
        )
        return doc
    if len(raw) > MAX_BYTES:
        doc.problems.append(
            Problem(
                doc.name,
                1,
                "",
                f"is larger than {MAX_BYTES // 1_000_000} MB, the most a course file may hold; it was not read. "
                "Split it into smaller files, or remove what does not belong in it",
            )
        )
        return doc
    if b"\x00" in raw:
        doc.problems.append(
            Problem(doc.name, 1, "", "is not a text file (it contains binary bytes); save it as UTF-8 YAML text")
        )
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        doc.problems.append(Problem(doc.name, line, "", "is not valid UTF-8 text; save the file with UTF-8 encoding"))
        return doc
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        doc.problems.append(Problem(doc.name, 1, "", "is empty; it should hold YAML content (see data/README.md)"))
        return doc
    try:
        # libyaml's parser when present (several times faster); the pure-Python parser words errors
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError, UnicodeError):
        node = None
    try:
        if node is None:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        doc.problems.append(_syntax_problem(doc, text, exc))
        return doc
    builder = _Builder(doc, watch_aliases=_ANCHOR.search(text) is not None, source=text.splitlines())
    try:
        doc.data = builder.build(node, ()) if node is not None else None
    except _Repeated:
        doc.data, doc.lines = None, {}
        doc.problems += alias_problems(doc, text)
        return doc
    # name fields only now that ids are known: ``events[refusal].title`` rather than ``events[4].title``
    doc.problems += [
        Problem(doc.name, line, field_name(doc.data, loc) or "", msg) for line, loc, msg in builder.pending
    ]
    return doc


HASH_IN_TEXT = (
    "stops at ' #': YAML reads '{rest}' as a comment and leaves it out of the text; put the whole text in "
    "double quotes, or write it after '>-'"
)
_HASHTAG_AFTER = re.compile(r"^[ \t]+#(\S.*)$")

COLON_IN_TEXT = (
    "contains ': ' (a colon and a space), which YAML reads as a new field: "
    "put the whole text in quotes, or write it after '>-'"
)


def _syntax_problem(doc: YamlDoc, text: str, exc: Any) -> Problem:
    """The YAML syntax error in words an instructor can act on: a tab, a colon inside a text, or else
    where to look."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    written = text.splitlines()[mark.line] if mark is not None and mark.line < len(text.splitlines()) else ""
    if "\\t" in reason or "\t" in written[: mark.column + 1 if mark is not None else 0]:
        return Problem(
            doc.name,
            line,
            "",
            "has a tab character; YAML allows only spaces here: replace the tab with spaces "
            "(two spaces per level of indentation)",
        )
    first_colon = written.find(": ")
    if "mapping values are not allowed" in reason and mark is not None and 0 <= first_colon < mark.column:
        key = written[:first_colon].strip().lstrip("-").strip()
        return Problem(doc.name, line, key, f"the text {COLON_IN_TEXT}")
    if "but got ':'" in reason and mark is not None:  # inside {...}: 'feedback: Not this: one.'
        before = written[: mark.column]
        key = before[max(before.rfind(","), before.rfind("{")) + 1 :].split(":")[0].strip()
        return Problem(doc.name, line, key, f"the text {COLON_IN_TEXT}")
    return Problem(
        doc.name, line, "", f"is not valid YAML ({reason}); check indentation, colons and quotes near this line"
    )


class _Builder:
    """Turns a composed YAML node tree into plain Python, recording lines and duplicate keys."""

    def __init__(self, doc: YamlDoc, watch_aliases: bool = True, source: list[str] | None = None) -> None:
        import yaml

        self.doc = doc
        self.source = source or []
        self.yaml = yaml
        self.pending: list[tuple[int, Loc, str]] = []
        self.constructor = yaml.SafeLoader("")
        self.seen: set[int] | None = set() if watch_aliases else None  # ids of the nodes built so far

    def build(self, node: Any, loc: Loc) -> Any:
        yaml = self.yaml
        if self.seen is not None:
            if id(node) in self.seen:  # an alias: stop before it expands
                raise _Repeated()
            self.seen.add(id(node))
        self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.pending.append(
                        (
                            key_node.start_mark.line + 1,
                            loc,
                            "uses a YAML merge key ('<<'); write the fields out in full",
                        )
                    )
                    continue
                key = self.build(key_node, loc + ("<key>",))
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    self.pending.append(
                        (
                            key_node.start_mark.line + 1,
                            loc,
                            "has a key that is not plain text; keys are words like 'id' or 'title'",
                        )
                    )
                    continue
                key = str(key) if not isinstance(key, str) else key
                if key in out:
                    self.pending.append(
                        (
                            key_node.start_mark.line + 1,
                            loc + (key,),
                            f"'{key}' is written twice in the same block; keep one",
                        )
                    )
                    continue
                self.doc.lines[loc + (key,)] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, loc + (key,))
            self.doc.lines.pop(loc + ("<key>",), None)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        self._check_cut_by_hash(node, loc)
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            return node.value

    def _check_cut_by_hash(self, node: Any, loc: Loc) -> None:
        """A plain one-line text followed by ' #word': the '#word' looks like part of the text, but YAML has
        read it as a comment. (A comment written as '# note', with a space, is left alone.)"""
        end = node.end_mark
        if node.style not in (None, "") or node.tag != "tag:yaml.org,2002:str" or end.line >= len(self.source):
            return
        found = _HASHTAG_AFTER.match(self.source[end.line][end.column :])
        if found:
            self.pending.append((end.line + 1, loc, HASH_IN_TEXT.format(rest="#" + found.group(1).strip())))


def alias_problems(doc: YamlDoc, text: str) -> list[Problem]:
    """One problem per line that uses YAML aliases (read event by event, so nothing is expanded)."""
    import yaml

    anchors: dict[str, int] = {}
    aliases: dict[int, list[str]] = {}
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                names = aliases.setdefault(line, [])
                if event.anchor not in names:
                    names.append(event.anchor)
            elif getattr(event, "anchor", None):
                anchors.setdefault(event.anchor, line)
    except yaml.YAMLError:
        pass  # the file composed, so this does not happen; what was found is still right
    found = []
    for line, names in aliases.items():
        copies = ", ".join(
            f"'*{name}' (a copy of '&{name}'" + (f" on line {anchors[name]})" if name in anchors else ")")
            for name in names
        )
        found.append(Problem(doc.name, line, "", f"uses the YAML alias {copies}; {NO_ALIASES}"))
    return found or [Problem(doc.name, 1, "", f"uses YAML anchors and aliases; {NO_ALIASES}")]


def validate_model(model: Any, doc: YamlDoc, data: Any = None, loc_prefix: Loc = ()) -> tuple[Any, list[Problem]]:
    """Validate ``data`` (default: the whole document) with a pydantic model; map errors to Problems."""
    from pydantic import ValidationError

    value = doc.data if data is None and not loc_prefix else data
    try:
        return model.model_validate(value), []
    except ValidationError as exc:
        problems = [_problem_from_error(doc, err, loc_prefix) for err in exc.errors(include_url=False)]
        return None, sorted(set(problems), key=lambda p: (p.line or 0, p.field, p.message))


def _data_loc(data: Any, loc: Loc) -> Loc:
    """Keep only the parts of a pydantic error location that exist in the data (drops union tags)."""
    out: list[Any] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            out.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _looks_internal(part):
            out.append(part)  # a missing or unknown field: still name it
            node = None
    return tuple(out)


def _looks_internal(part: str) -> bool:
    return part.startswith(("function-", "list[", "dict[", "union[", "tagged-union[")) or "[" in part


def _problem_from_error(doc: YamlDoc, err: dict[str, Any], prefix: Loc) -> Problem:
    root = doc.data
    sub = root
    for part in prefix:
        sub = sub[part]
    loc = prefix + _data_loc(sub, tuple(err.get("loc", ())))
    return doc.problem(loc, friendly_message(err))


def friendly_message(err: dict[str, Any]) -> str:
    """Say what is wrong and what would be right, in plain words."""
    kind = err.get("type", "")
    msg = str(err.get("msg", "is not valid"))
    given = err.get("input")
    if kind == "missing":
        return "is missing; add this field (see data/README.md for what it holds)"
    if kind == "extra_forbidden":
        return "is not a field this file knows; remove it or correct its spelling (see data/README.md)"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"is {_kind_of(given)}; it should be a block of 'name: value' fields (see data/README.md)"
    if kind == "list_type":
        return f"is {_kind_of(given)}; it should be a list, one item per line starting with '- '"
    if kind == "string_type" and isinstance(given, dict):
        return f"got {_short(given)}; it should be a text, but the text {COLON_IN_TEXT}"
    if msg.startswith("Value error, "):
        return msg[len("Value error, ") :]
    if msg.startswith("Assertion failed, "):
        return msg[len("Assertion failed, ") :]
    shown = _short(given)
    msg = msg[0].lower() + msg[1:] if msg else msg
    msg = msg.replace("input should", "should").replace("Input should", "should")
    return f"got {shown}; it {msg}"


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of fields"
    if value is None:
        return "empty"
    return f"the value {_short(value)}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
