"""The site's JavaScript scorer (``static/scoring.js``) scores exactly like the Python scorer.

For every exercise in data/exercises/ (and the browser tests' injection fixtures): its reference
answer, its accepted alternatives (``also_accept``), every fixture and the unanswered states; then a few
hundred answers per exercise type drawn by hypothesis, both answers a page can give (options, orders,
categories, ratings, paths, texts), accepted alternatives and near misses of them, and values of the wrong
shape. The course's own alternatives are all categorize and decision ones, so each example exercise of the
other types also gets a variant (id ending in ``--also-accept``) with alternatives chosen here. Each answer is scored by ``course.exercises.evaluate`` and by the JavaScript,
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
from course.exercises.spec import as_plain
from course.exercises.types import TYPES, describe_answer

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
    for spec in list(out.values()):
        if spec.id.startswith("example-") and "also_accept" in type(spec).model_fields and not spec.also_accept:
            variant = with_alternatives(spec)
            out[variant.id] = variant
    accepting = {s.type for s in out.values() if getattr(s, "also_accept", None)}
    assert accepting == {"single-choice", "multiple-select", "ordering", "categorize", "decision"}, accepting
    return out


def _paths(spec: Any) -> list[list[str]]:
    """Every complete path of a decision exercise, from the start to the end."""

    def walk(here: str) -> list[list[str]]:
        if here == "end":
            return [[]]
        node = next(n for n in spec.nodes if n.id == here)
        return [[c.id] + rest for c in node.choices for rest in walk(c.next)]

    return walk(spec.start)


def with_alternatives(spec: Any) -> Any:
    """A copy of an example exercise that also accepts answers other than its reference answer."""
    kind, answer = spec.type, list(spec.answer) if isinstance(spec.answer, list) else spec.answer
    if kind == "single-choice":
        also: Any = [o.id for o in spec.options if o.id != answer][:1]
    elif kind == "multiple-select":
        extra = [o.id for o in spec.options if o.id not in answer]
        also = [answer[:-1]] if len(answer) > 1 else []
        also += [answer + extra[:1]] if extra else []
    elif kind == "ordering":
        also = [answer[1:2] + answer[:1] + answer[2:], answer[::-1]]
    elif kind == "categorize":
        cats = [c.id for c in spec.categories]
        also = {i.id: [c for c in cats if c != answer[i.id]][:1] for i in spec.items[:2]}
    else:
        also = [p for p in _paths(spec) if p != answer][:2]
    assert also, f"{spec.id}: no alternative to accept"
    return spec.model_copy(update={"id": f"{spec.id}--also-accept", "also_accept": also})


def alternatives(spec: Any) -> list[Any]:
    """The answers ``spec`` accepts besides its reference answer, in the form of an answer."""
    also = as_plain(getattr(spec, "also_accept", None))
    if not also:
        return []
    if spec.type != "categorize":
        return also
    answer = as_plain(spec.answer)
    out = [{**answer, item: c} for item, cats in also.items() for c in cats]
    return out + [{**answer, **{item: cats[0] for item, cats in also.items()}}]


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
        cases += [(ex_id, alt) for alt in alternatives(spec)]
        cases += [(ex_id, as_plain(f.answer)) for f in spec.fixtures]
        cases += [(ex_id, blank) for blank in (None, "", [], {}, {"text": "", "rubric": {}})]
    compare(specs, compiled, cases)
    assert len(cases) > 8 * sum(1 for s in specs.values() if s.fixtures)  # a discussion has no fixtures


def test_accepted_alternatives_score_as_accepted_in_both(specs, compiled) -> None:
    cases = [(ex_id, alt) for ex_id, spec in specs.items() for alt in alternatives(spec)]
    assert len(cases) >= 8
    compare(specs, compiled, cases)
    for ex_id, alt in cases:
        result = evaluate(specs[ex_id], alt)
        assert result.correct and result.score == result.max_score, (ex_id, alt)
        assert result.feedback_text.startswith("Accepted, with full credit."), (ex_id, alt)


def test_the_compiled_exercise_carries_its_alternatives_and_shows_them_with_the_answer(specs, compiled) -> None:
    from course.delivery.site.exercise_json import relink_html

    for ex_id, spec in specs.items():
        also = as_plain(getattr(spec, "also_accept", None))
        assert compiled[ex_id].get("also_accept") == (also or None), ex_id
        assert compiled[ex_id]["answer_html"] == relink_html(describe_answer(spec), _link), ex_id
        if also:
            assert "also accepted" in compiled[ex_id]["answer_html"].lower(), ex_id


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


def accepted_or_near(spec: Any) -> st.SearchStrategy[Any]:
    """An accepted alternative (or the reference answer), as a page could give it, or one step from it."""
    kind = spec.type
    answer = as_plain(spec.answer)
    also = as_plain(spec.also_accept)
    if kind == "categorize":
        cats = [c.id for c in spec.categories]
        # each item in its key category or one of its accepted ones; sometimes one item anywhere
        base = st.fixed_dictionaries(
            {item: st.sampled_from([right] + list(also.get(item, []))) for item, right in answer.items()}
        )
        some_item = st.sampled_from(sorted(answer))
        return st.one_of(base, st.tuples(base, some_item, st.sampled_from(cats)).map(lambda t: {**t[0], t[1]: t[2]}))
    chosen = st.sampled_from([answer] + list(also))
    if kind == "single-choice":
        return chosen
    if kind == "multiple-select":
        ids = [o.id for o in spec.options]
        exact = chosen.flatmap(st.permutations)  # the same ticks, in any order
        toggled = st.tuples(chosen, st.sampled_from(ids)).map(
            lambda t: [i for i in t[0] if i != t[1]] if t[1] in t[0] else t[0] + [t[1]]
        )
        return st.one_of(exact, toggled)
    if kind == "ordering":

        def swap(t: tuple[list[str], int, int]) -> list[str]:
            order, i, j = list(t[0]), t[1] % len(t[0]), t[2] % len(t[0])
            order[i], order[j] = order[j], order[i]
            return order

        return st.one_of(chosen, st.tuples(chosen, st.integers(0, 99), st.integers(0, 99)).map(swap))
    # decision: the path, or the path cut short (not a complete path)
    return st.one_of(chosen, chosen.flatmap(lambda p: st.integers(0, len(p)).map(lambda k: p[:k])))


def shaped(spec: Any) -> st.SearchStrategy[Any]:
    """Answers the exercise's page could give (or nearly: unplaced items, missing ratings...); for an
    exercise with accepted alternatives, often one of those or a near miss of one."""
    if getattr(spec, "also_accept", None):
        return st.one_of(accepted_or_near(spec), page_answer(spec))
    return page_answer(spec)


def page_answer(spec: Any) -> st.SearchStrategy[Any]:
    """Any answer the exercise's page could give."""
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
        # a discussion's notes have no rubric: its page sends an empty one
        optional={
            "rubric": st.fixed_dictionaries({}, optional={r.id: st.booleans() for r in getattr(spec, "rubric", [])})
        },
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
