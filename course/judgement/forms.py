"""Read and check the two forms of the case-judgement test (``data/judgement/``).

``read_forms`` never raises for bad content: it returns the forms it could use and every problem as
``file:line: field: message``. Checked: each file against the model; the form letter against the file name;
ids unique across both forms and starting with the form's letter; the key and the defensible options among
the item's options; a reason for every option and for nothing else; refs that exist in the course; the
forms parallel (every pair in both forms, with the same objective, so each objective has as many items in
A as in B; every objective covered); and a self-test: the key scores 1 and every other option 0.

A missing ``data/judgement/`` folder is not a problem (a course may run without the test); one form
without the other is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..content import load_content
from ..content.checks import suggest
from ..content.ids import duplicates
from ..content.links import link_problems
from ..content.yaml_reader import YamlDoc, load_yaml, validate_model
from ..paths import data_dir
from ..problems import ContentError, Problem
from .model import FOLDER, FORMS, MIN_ITEMS, OBJECTIVES, Form, form_file
from .scoring import item_score


@dataclass
class FormsRead:
    """What ``read_forms`` found: the usable forms by letter, their files, and every problem."""

    forms: dict[str, Form] = field(default_factory=dict)
    docs: dict[str, YamlDoc] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    present: bool = False  # False when the course has no data/judgement/ folder

    @property
    def scorable(self) -> bool:
        """Both forms usable and holding their keys."""
        return set(self.forms) == set(FORMS) and all(f.scorable for f in self.forms.values())


def judgement_dir(root: Path | None = None) -> Path:
    """``data/judgement`` (or that folder under ``root``)."""
    return (Path(root) if root is not None else data_dir()) / FOLDER


def read_forms(root: Path | None = None, content: Any = None) -> FormsRead:
    """Read and check both forms under ``root`` (default ``data/``); ``content`` (the loaded course
    content) is needed to check refs, and may be None to skip them."""
    folder = judgement_dir(root)
    found = FormsRead()
    if not folder.is_dir():
        return found
    found.present = True
    for path in sorted(folder.glob("*.y*ml")):
        if path.name not in {form_file(f) for f in FORMS}:
            found.problems.append(
                Problem(
                    str(path), None, "", "is not a form of the test; data/judgement/ holds form-a.yaml and form-b.yaml"
                )
            )
    parsed: dict[str, tuple[YamlDoc, Form]] = {}
    for letter in FORMS:
        path = folder / form_file(letter)
        if not path.exists():
            found.problems.append(
                Problem(
                    str(path),
                    None,
                    "",
                    "is missing; the case-judgement test needs both forms, A and B (see data/judgement/README.md)",
                )
            )
            continue
        doc = load_yaml(path)
        found.docs[letter] = doc
        if doc.problems:
            found.problems += doc.problems
            continue
        form, problems = validate_model(Form, doc)
        found.problems += problems + link_problems(doc)
        if form is None:
            continue
        own = _form_problems(doc, form, letter, content)
        found.problems += own
        if not own:
            parsed[letter] = (doc, form)
    if len(parsed) == len(FORMS):
        across = _across_problems(parsed)
        found.problems += across
    if not found.problems:
        found.forms = {letter: form for letter, (_, form) in parsed.items()}
    return found


def _form_problems(doc: YamlDoc, form: Form, letter: str, content: Any) -> list[Problem]:
    """Problems within one form."""
    out: list[Problem] = []
    if form.form != letter:
        out.append(
            doc.problem(("form",), f"is '{form.form}' but the file is {form_file(letter)}; write form: {letter}")
        )
    if form.release is None and len(form.items) < MIN_ITEMS:
        out.append(
            doc.problem(("items",), f"has {len(form.items)} items; a form needs at least {MIN_ITEMS} to say much")
        )
    ids = [item.id for item in form.items]
    for i in duplicates(ids):
        out.append(doc.problem(("items", i, "id"), f"'{ids[i]}' is used twice; every item id must be unique"))
    pairs = [item.pair for item in form.items]
    for i in duplicates(pairs):
        out.append(
            doc.problem(
                ("items", i, "pair"), f"'{pairs[i]}' is used twice in this form; each pair has one item per form"
            )
        )
    for i, item in enumerate(form.items):
        at = ("items", i)
        if not item.id.startswith(letter.lower()):
            out.append(
                doc.problem(
                    at + ("id",), f"'{item.id}' should start with '{letter.lower()}', the letter of form {letter}"
                )
            )
        options = item.option_ids
        for j in duplicates(options):
            out.append(doc.problem(at + ("options", j, "id"), f"'{options[j]}' is used twice; option ids must differ"))
        out += _key_problems(doc, form, i, options)
        if content is not None:
            out += _ref_problems(doc, at, item.refs, content)
    return out


def _key_problems(doc: YamlDoc, form: Form, i: int, options: list[str]) -> list[Problem]:
    """The key, the defensible options and the reasons of item ``i`` (not in a release)."""
    item = form.items[i]
    at = ("items", i)
    if form.release is not None:
        return []
    out: list[Problem] = []
    listed = ", ".join(options)
    if item.key is None:
        return [doc.problem(at + ("key",), f"is missing; name the one best response, one of: {listed}")]
    if item.key not in options:
        out.append(
            doc.problem(
                at + ("key",),
                f"'{item.key}' is not an option of this item; use one of: {listed}{suggest(item.key, options)}",
            )
        )
    for j, option in enumerate(item.defensible):
        if option == item.key:
            out.append(
                doc.problem(at + ("defensible", j), f"'{option}' is the key; list only the other defensible options")
            )
        elif option not in options:
            out.append(
                doc.problem(
                    at + ("defensible", j),
                    f"'{option}' is not an option of this item; use one of: {listed}{suggest(option, options)}",
                )
            )
    reasons = item.reasons or {}
    if item.reasons is None:
        out.append(doc.problem(at + ("reasons",), f"is missing; give a reason for every option ({listed})"))
    for option in options:
        if item.reasons is not None and option not in reasons:
            out.append(
                doc.problem(at + ("reasons",), f"has no reason for option '{option}'; every option needs its reason")
            )
    for option in reasons:
        if option not in options:
            out.append(
                doc.problem(
                    at + ("reasons", option),
                    f"'{option}' is not an option of this item; use one of: {listed}{suggest(option, options)}",
                )
            )
    if not out:
        out += _self_test(doc, form, i)
    return out


def _self_test(doc: YamlDoc, form: Form, i: int) -> list[Problem]:
    """The key must score 1, every other option 0."""
    item = form.items[i]
    out = []
    for option in item.option_ids:
        expected = 1 if option == item.key else 0
        if item_score(item, option) != expected:
            out.append(
                doc.problem(
                    ("items", i, "key"), f"the self-test scores option '{option}' {1 - expected}, not {expected}"
                )
            )
    return out


def _ref_problems(doc: YamlDoc, at: tuple, refs: Any, content: Any) -> list[Problem]:
    known = {
        "codes": (list(content.codes), "a code section id in data/codes/"),
        "terms": (list(content.terms), "a term id in data/glossary.yaml"),
        "references": (list(content.references), "a reference key in data/references.yaml"),
    }
    out = []
    for name, (ids, what) in known.items():
        for j, value in enumerate(getattr(refs, name)):
            if value not in ids:
                out.append(doc.problem(at + ("refs", name, j), f"'{value}' is not {what}{suggest(value, ids)}"))
    return out


def _across_problems(parsed: dict[str, tuple[YamlDoc, Form]]) -> list[Problem]:
    """Ids unique across the forms; every pair in both forms with one objective; objectives balanced."""
    out: list[Problem] = []
    (doc_a, form_a), (doc_b, form_b) = parsed["A"], parsed["B"]
    ids_a = {item.id for item in form_a.items}
    for i, item in enumerate(form_b.items):
        if item.id in ids_a:
            out.append(
                doc_b.problem(("items", i, "id"), f"'{item.id}' is also an item id in form A; ids must be unique")
            )
    pairs = {
        letter: {item.pair: (i, item) for i, item in enumerate(form.items)} for letter, (_, form) in parsed.items()
    }
    for letter, other in (("A", "B"), ("B", "A")):
        doc = parsed[letter][0]
        for pair, (i, item) in pairs[letter].items():
            match = pairs[other].get(pair)
            if match is None:
                out.append(
                    doc.problem(
                        ("items", i, "pair"),
                        f"'{pair}' has no item in form {other}{suggest(pair, pairs[other])}; each item needs its "
                        f"parallel item in the other form, with the same pair id",
                    )
                )
            elif letter == "B" and match[1].objective != item.objective:
                out.append(
                    doc.problem(
                        ("items", i, "objective"),
                        f"is '{item.objective}', but its pair '{pair}' in form A ({match[1].id}) is "
                        f"'{match[1].objective}'; parallel items serve the same objective",
                    )
                )
    counts = {letter: Counter(item.objective for item in form.items) for letter, (_, form) in parsed.items()}
    for objective in OBJECTIVES:
        a, b = counts["A"][objective], counts["B"][objective]
        if a != b:
            out.append(
                doc_b.problem(
                    ("items",),
                    f"has {b} item(s) for the objective '{objective}', form A has {a}; the forms are parallel only "
                    "when each objective has as many items in both",
                )
            )
        elif a == 0 and form_a.release is None:
            out.append(
                doc_a.problem(
                    ("items",),
                    f"has no item for the objective '{objective}'; cover every objective ({', '.join(OBJECTIVES)})",
                )
            )
    return out


def judgement_problems(root: Path | None = None, content: Any = None) -> list[Problem]:
    """Every problem in data/judgement/ (empty when all is well or when there is no test); for ``course validate``."""
    return read_forms(root, content).problems


def _signature(root: Path) -> tuple[Any, ...]:
    folder = judgement_dir(root)
    out = []
    for letter in FORMS:
        try:
            out.append((letter, (folder / form_file(letter)).stat().st_mtime_ns))
        except OSError:
            out.append((letter, None))
    return tuple(out)


@lru_cache(maxsize=4)
def _cached(root: Path, signature: tuple[Any, ...]) -> FormsRead:
    try:
        content = load_content(root)
    except ContentError:
        content = None
    return read_forms(root, content)


def load_forms(root: Path | None = None) -> FormsRead:
    """Both forms, checked (cached until a form file changes); ``problems`` says why one is missing."""
    where = (Path(root) if root is not None else data_dir()).resolve()
    return _cached(where, _signature(where))
