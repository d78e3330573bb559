"""The site's JavaScript scorer (``static/scoring.js``) scores exactly like the Python scorer.

For every exercise in data/exercises/ (and the browser tests' injection fixtures): its reference
answer, every fixture and the unanswered states; then a few hundred answers per exercise type drawn by
hypothesis, both answers a page can give (options, orders, categories, ratings, paths, texts) and
values of the wrong shape. Each answer is scored by ``course.exercises.evaluate`` and by the JavaScript,
and score, maximum, correctness, validity, feedback text and feedback HTML must be identical.
Answers travel as JSON, so both sides see the same values; all the JavaScript runs in one node process
per test.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.exercises import evaluate
from course.exercises.checks import check_file
from course.exercises.spec import TYPES, as_plain

from .node import REPO, run_js

EXERCISES = REPO / "data" / "exercises"
FIXTURE_SPECS = REPO / "tests" / "browser" / "fixtures" / "exercises"
PER_TYPE = 300
FIELDS = ("score", "max_score", "correct", "valid", "feedback_text", "feedback_html")
SCORE_JS = """
const S = require(STATIC + '/scoring.js');
reply(input.cases.map((c) => {
  try { return S.evaluate(input.specs[c.id], c.answer); }
  catch (err) { return {error: String(err && err.stack || err)}; }
}));
"""


def _link(href: str) -> str:
    return href.replace(".ipynb", ".html")


@pytest.fixture(scope="module")
def specs(real_content: Any) -> dict[str, Any]:
    out = {}
    for path in sorted(EXERCISES.rglob("*.yaml")) + sorted(FIXTURE_SPECS.glob("*.yaml")):
        _, spec, problems = check_file(path, real_content)
        assert spec is not None and not problems, "\n".join(map(str, problems))
        out[spec.id] = spec
    assert {s.type for s in out.values()} == set(TYPES)
    return out


@pytest.fixture(scope="module")
def compiled(specs: dict[str, Any]) -> dict[str, Any]:
    from course.delivery.site.exercise_json import compile_spec

    return {ex_id: compile_spec(spec, _link) for ex_id, spec in specs.items()}


def python_result(spec: Any, answer: Any) -> dict[str, Any]:
    from course.delivery.site.exercise_json import relink_html

    r = evaluate(spec, answer)
    return {
        "score": r.score,
        "max_score": r.max_score,
        "correct": r.correct,
        "valid": r.valid,
        "feedback_text": r.feedback_text,
        "feedback_html": relink_html(r.feedback_html, _link),
    }


def compare(specs: dict[str, Any], compiled: dict[str, Any], cases: list[tuple[str, Any]]) -> None:
    """Score every (exercise id, answer) both ways; fail listing the first differences."""
    cases = [(ex_id, json.loads(json.dumps(answer))) for ex_id, answer in cases]
    used = {ex_id for ex_id, _ in cases}
    payload = {
        "specs": {k: v for k, v in compiled.items() if k in used},
        "cases": [{"id": ex_id, "answer": answer} for ex_id, answer in cases],
    }
    got = run_js(SCORE_JS, payload)
    assert len(got) == len(cases)
    wrong = []
    for (ex_id, answer), js in zip(cases, got):
        py = python_result(specs[ex_id], answer)
        if "error" in js:
            wrong.append(f"{ex_id} {answer!r:.120}: the JavaScript threw {js['error'][:300]}")
            continue
        for name in FIELDS:
            if py[name] != js[name]:
                wrong.append(
                    f"{ex_id} {answer!r:.120}: {name}\n  Python:     {py[name]!r:.400}\n  JavaScript: {js[name]!r:.400}"
                )
    assert not wrong, f"{len(wrong)} difference(s) in {len(cases)} answers:\n" + "\n".join(wrong[:8])


def test_reference_answers_fixtures_and_blank_answers_score_alike(specs, compiled) -> None:
    cases = []
    for ex_id, spec in specs.items():
        cases.append((ex_id, as_plain(spec.answer)))
        cases += [(ex_id, as_plain(f.answer)) for f in spec.fixtures]
        cases += [(ex_id, blank) for blank in (None, "", [], {}, {"text": "", "rubric": {}})]
    compare(specs, compiled, cases)
    assert len(cases) > 8 * len(specs)


# ------------------------------------------------------------------ generated answers

# Text as a page can hold it. Left out: surrogates (not text), and code points unassigned in Python's
# Unicode version (node's may be newer and would print them instead of escaping them in a message).
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cn")), max_size=14)
# JSON numbers as both sides read them: whole numbers JavaScript holds exactly, and fractions.
WHOLE = st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
FRACTION = st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer())
# Object keys that JavaScript does not reorder (it puts array-index keys such as "7" first).
KEY = TEXT.filter(lambda k: not (k.isascii() and k.isdigit()))
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    WHOLE,
    FRACTION,
    TEXT,
    st.sampled_from(["a", "end", "text", "rubric", "onload=", "javascript:x", "<b>&amp;"]),
)
JUNK = st.recursive(
    SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEY, inner, max_size=4)), max_leaves=10
)
WORDS = st.lists(
    st.sampled_from(["Jane", "Susan", "felt", "the", " ", "\n", "\u00a0", "\u3000", "\x1c", "x\u200by", "naïve", "—"]),
    max_size=90,
).map("".join)


def shaped(spec: Any) -> st.SearchStrategy[Any]:
    """Answers the exercise's page could give (or nearly: unplaced items, missing ratings...)."""
    kind = spec.type
    if kind == "single-choice":
        return st.sampled_from([o.id for o in spec.options])
    if kind == "multiple-select":
        return st.lists(st.sampled_from([o.id for o in spec.options]), unique=True)
    if kind == "ordering":
        return st.permutations([i.id for i in spec.items])
    if kind == "categorize":
        cats = [c.id for c in spec.categories]
        return st.fixed_dictionaries({}, optional={i.id: st.sampled_from(cats) for i in spec.items})
    if kind == "rating":
        return st.fixed_dictionaries(
            {e.event: st.integers(-3, 3) for e in spec.events}, optional={"extra-event": st.integers(-5, 5)}
        )
    if kind == "decision":

        @st.composite
        def path(draw: Any) -> list[str]:
            here, out = spec.start, []
            while here != "end" and draw(st.integers(0, 9)) > 0:
                node = next(n for n in spec.nodes if n.id == here)
                picked = draw(st.sampled_from(node.choices))
                out.append(picked.id)
                here = picked.next
            return out

        return path()
    return st.fixed_dictionaries(
        {"text": WORDS},
        optional={"rubric": st.fixed_dictionaries({}, optional={r.id: st.booleans() for r in spec.rubric})},
    )


@pytest.mark.parametrize("kind", TYPES)
def test_generated_answers_score_alike(kind: str, specs, compiled) -> None:
    of_kind = sorted(ex_id for ex_id, spec in specs.items() if spec.type == kind)
    cases: list[tuple[str, Any]] = []

    @settings(
        max_examples=PER_TYPE,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def draw(data: Any) -> None:
        ex_id = data.draw(st.sampled_from(of_kind))
        answer = data.draw(st.one_of(shaped(specs[ex_id]), shaped(specs[ex_id]), JUNK))
        cases.append((ex_id, answer))

    draw()
    assert len(cases) >= PER_TYPE
    compare(specs, compiled, cases)
