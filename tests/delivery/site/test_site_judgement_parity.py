"""The case-judgement test on the site (``static/judgement.js``) follows the Python rules exactly.

* The form a learner takes first, from the same pseudonyms, and the form of the second sitting.
* The score of a sitting, and each item's verdict, for the same answers to the course's two forms.
* Author text in a form reaches the page only through the course's sanitizer.
All JavaScript runs under node, one process per test.
"""

from __future__ import annotations

import random
import string
from pathlib import Path
from typing import Any

import pytest

from course.delivery.site.judgement import compile_form, judgement_forms
from course.judgement.answers import Sitting
from course.judgement.forms import read_forms
from course.judgement.model import Form
from course.judgement.order import first_form, form_for
from course.judgement.results import build_results
from course.judgement.results_html import OBJECTIVE_WORDS, change_notes
from course.judgement.scoring import form_score
from course.safe_html import plain

from .node import REPO, run_js

JUDGEMENT = "const J = require(STATIC + '/judgement.js');\n"


def _pseudonyms(n: int) -> list[str]:
    rng = random.Random(25)
    out = [f"learner-{rng.getrandbits(48):012x}" for _ in range(n // 2)]  # as the site and the lab make them
    alphabet = string.ascii_letters + string.digits + "-_ .éøß漢字\U0001f600"
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))) for _ in range(n - len(out))]
    return out


def test_the_first_and_second_form_follow_the_python_rule() -> None:
    names = _pseudonyms(2000)
    got = run_js(
        JUDGEMENT
        + """
reply(input.map((p) => [J.firstForm(p), J.formFor('before', p, {}), J.formFor('after', p, {}),
                        J.formFor('after', p, {before: {form: 'A'}}), J.formFor('after', p, {before: {form: 'B'}})]));
""",
        names,
    )
    want = [
        [
            first_form(p),
            form_for("before", p),
            form_for("after", p),
            form_for("after", p, "A"),
            form_for("after", p, "B"),
        ]
        for p in names
    ]
    assert got == want
    firsts = [row[0] for row in want]
    assert 0.45 < firsts.count("A") / len(firsts) < 0.55, "a class gets both orders"


@pytest.fixture(scope="module")
def data() -> Path:
    return REPO / "data"


@pytest.fixture(scope="module")
def forms(data: Path) -> dict[str, Form]:
    found = read_forms(data)
    assert found.present and not found.problems and found.scorable, found.problems
    return found.forms


def _answers(form: Form, rng: random.Random) -> dict[str, str]:
    """A learner's choices: mostly one of the options, sometimes none, now and then an id not on the form."""
    out = {}
    for item in form.items:
        roll = rng.random()
        if roll < 0.1:
            continue
        out[item.id] = "not-an-option" if roll < 0.15 else rng.choice(item.option_ids)
    return out


def test_sittings_score_alike_item_by_item(data: Path, forms: dict[str, Form]) -> None:
    compiled = judgement_forms(data)
    rng = random.Random(11)
    cases: list[dict[str, Any]] = []
    for _ in range(60):
        first = rng.choice("AB")
        second = "B" if first == "A" else "A"
        cases.append(
            {
                "before": {
                    "form": first,
                    "answers": _answers(forms[first], rng),
                    "finished_at": "2026-12-01T10:00:00+00:00",
                },
                "after": {
                    "form": second,
                    "answers": _answers(forms[second], rng),
                    "finished_at": "2026-12-06T10:00:00+00:00",
                },
            }
        )
    cases.append({name: {**cases[0][name], "answers": {}} for name in ("before", "after")})  # nothing answered
    keys = {name: {item.id: item.key for item in forms[cases[1][name]["form"]].items} for name in ("before", "after")}
    cases.append({name: {**cases[1][name], "answers": keys[name]} for name in ("before", "after")})  # every key
    got = run_js(
        JUDGEMENT
        + """
reply(input.cases.map((taken) => {
  const c = J.compare(input.forms, taken);
  const side = (s, item) => (item ? [item.id, s.result.items.find((r) => r.id === item.id).verdict] : null);
  return {before: c.before.result.score, after: c.after.result.score, of: [c.before.result.max_score, c.after.result.max_score],
          change: c.change, pairs: c.pairs.map((p) => [p.pair, p.objective_label, side(c.before, p.before), side(c.after, p.after)])};
}));
""",
        {"forms": compiled, "cases": cases},
    )
    for taken, js in zip(cases, got, strict=True):
        sittings = {n: Sitting(n, t["form"], t["answers"], "", t["finished_at"]) for n, t in taken.items()}
        results = build_results(forms, sittings, "learner-x")
        assert results is not None
        totals = results["totals"]
        assert [js["before"], js["after"]] == [totals["before"]["score"], totals["after"]["score"]]
        assert js["before"] == form_score(forms[taken["before"]["form"]], taken["before"]["answers"]).score
        assert js["of"] == [totals["before"]["of"], totals["after"]["of"]]
        assert js["change"] == totals["after"]["score"] - totals["before"]["score"]
        want = []
        for entry in results["items"]:
            sides = []
            for name in ("before", "after"):
                side = entry[name]
                chosen = side["chosen"]
                verdict = (
                    None
                    if chosen is None and side["item"] not in taken[name]["answers"]
                    else "best"
                    if side["score"]
                    else "defensible"
                    if chosen in side["defensible"]
                    else "other"
                )
                sides.append([side["item"], verdict])
            want.append([entry["pair"], OBJECTIVE_WORDS[entry["objective"]], *sides])
        assert js["pairs"] == want
    assert got[-2]["before"] == 0 and got[-1]["before"] == got[-1]["of"][0], "none and every key"


def test_form_text_reaches_the_page_only_through_the_sanitizer(forms: dict[str, Form]) -> None:
    raw = forms["A"].model_dump()
    item = raw["items"][0]
    item["vignette"] = 'A client writes <script>alert(1)</script> and <img src=x onerror="alert(2)">.'
    item["question"] = "What now? <a href='javascript:alert(3)'>here</a>"
    item["options"][0]["text"] = "Decline <b onclick='alert(4)'>warmly</b>"
    item["reasons"][item["options"][0]["id"]] = "Because [this](javascript:alert(5))."
    compiled = compile_form(Form.model_validate(raw), OBJECTIVE_WORDS)
    first = compiled["items"][0]
    every = str(compiled)
    for bad in ("<script", "onerror=", "onclick=", "javascript:alert"):
        assert bad not in every, bad
    assert first["options"][0]["text_plain"] == plain(item["options"][0]["text"]) == "Decline warmly"
    assert set(first["reasons_html"]) == {o["id"] for o in item["options"]}
    assert first["key"] == item["key"] and first["objective_label"] == OBJECTIVE_WORDS[item["objective"]]


def test_the_results_read_a_change_as_the_lab_does() -> None:
    cases = [[change, of] for of in (9, 12) for change in range(-of, of + 1)]
    got = run_js(JUDGEMENT + "reply(input.map(([change, of]) => J.changeNotes(change, of)));\n", cases)
    assert got == [change_notes(change, of) for change, of in cases]
    assert any(len(notes) == 2 for notes in got) and any(len(notes) == 1 for notes in got)
