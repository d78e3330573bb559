"""The case-judgement test on the instructor's side: score the class's shared sittings, and return each
learner's item-by-item results.

Learners' servers on the hub have no keys (``course release`` strips them), so the test is scored only here,
against the instructor's full copy of the forms, from the ``judgement`` block of each shared submission
(``course.judgement.answers``). The block is untrusted input like the rest of a submission: a block that is
not as the course writes it is set aside with a note, never half read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..judgement.answers import Sitting, block_problem
from ..judgement.forms import FormsRead, load_forms
from ..judgement.results import build_results
from ..judgement.scoring import form_score, item_score
from . import exchange as ex
from .item_analysis import Response
from .judgement_stats import Figure, Paired, figure

KEY = "judgement"


@dataclass
class JudgementClass:
    """The class's test: the figure, each learner's results (pseudonym -> results JSON), and notes."""

    available: bool  # False when this copy of the course has no scorable forms
    figure: Figure | None = None
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    one_sitting: int = 0  # learners who shared only one finished sitting
    notes: list[str] = field(default_factory=list)
    pairs: list[Paired] = field(default_factory=list)  # one per learner with both sittings
    of: int | None = None  # items per form (the highest score)
    responses: dict[str, dict[str, Response]] = field(default_factory=dict)  # learner -> item id -> answer
    keys: dict[str, str] = field(default_factory=dict)  # item id -> key, for the item analysis


def _sittings(block: dict[str, Any]) -> dict[str, Sitting]:
    return {
        name: Sitting(name, row["form"], dict(row["answers"]), row.get("started_at", ""), row.get("finished_at"))
        for name, row in block["sittings"].items()
    }


def class_judgement(entries: Iterable[tuple[str, dict[str, Any]]], forms: FormsRead | None = None) -> JudgementClass:
    """Score the shared sittings of ``entries`` (pseudonym, checked payload)."""
    forms = forms if forms is not None else load_forms()
    if not forms.scorable:
        return JudgementClass(False)
    out = JudgementClass(True, of=max(len(f.items) for f in forms.forms.values()))
    pairs = out.pairs
    for learner, payload in entries:
        block = payload.get(KEY)
        if block is None:
            continue
        problem = block_problem(block)
        if problem is not None:
            out.notes.append(f"{learner}: the case-judgement answers were set aside: {problem}")
            continue
        taken = _sittings(block)
        out.responses[learner] = _responses(forms, taken)
        results = build_results(forms.forms, taken, learner)
        if results is None:
            out.one_sitting += 1
            continue
        out.results[learner] = results
        before, after = taken["before"], taken["after"]
        pairs.append(
            Paired(
                form_score(forms.forms[before.form], before.answers).score,
                form_score(forms.forms[after.form], after.answers).score,
                before.form,
                after.form,
            )
        )
    out.figure = figure(pairs)
    out.keys = {item.id: str(item.key) for form in forms.forms.values() for item in form.items}
    return out


def _responses(forms: FormsRead, taken: dict[str, Sitting]) -> dict[str, Response]:
    """Every answered item of the learner's finished sittings, for the item analysis (1 for the key, else 0)."""
    out = {}
    for sitting in taken.values():
        form = forms.forms.get(sitting.form)
        for item in form.items if form is not None else []:
            choice = sitting.answers.get(item.id)
            if choice is not None:
                out[item.id] = Response(float(item_score(item, choice)), choice)
    return out


def return_results(exchange: Path, found: JudgementClass) -> tuple[list[str], list[str]]:
    """Write each scored learner's results into their return folder: (pseudonyms returned to, problems)."""
    done, problems = [], []
    for learner, results in sorted(found.results.items()):
        data = (json.dumps(results, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        try:
            ex.write_returned(Path(exchange), learner, data)
        except ex.ExchangeError as exc:
            problems.append(f"{learner}: {exc}")
            continue
        done.append(learner)
    return done, problems
