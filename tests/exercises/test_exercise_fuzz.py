"""Random answers of the wrong shape never raise: they get a clear message, in ``evaluate`` and in the widget."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.exercises import evaluate
from course.exercises.checks import check_file
from course.exercises.spec import TYPES
from course.exercises.widgets import build_view
from course.progress.memory_store import MemoryProgress

from .conftest import EXERCISES

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["a", "b", "explore", "end", "text", "rubric", "friendship-request", "crossing"]),
)
answers = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(
            st.one_of(st.text(max_size=10), st.integers(), st.sampled_from(["text", "rubric", "refusal"])),
            inner,
            max_size=5,
        ),
        st.tuples(inner, inner),
    ),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def specs(real_content) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path in sorted((EXERCISES / "examples").glob("*.yaml")):
        _, spec, problems = check_file(path, real_content)
        assert spec is not None and not problems
        out[spec.type] = spec
    assert set(out) == set(TYPES)
    return out


@pytest.mark.parametrize("kind", TYPES)
def test_evaluate_never_raises(kind: str, specs: dict[str, Any]) -> None:
    spec = specs[kind]

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(answer=answers)
    def run(answer: Any) -> None:
        result = evaluate(spec, answer)
        assert result.feedback_text.strip()
        assert 0 <= result.score <= result.max_score
        if not result.valid:
            assert result.feedback_text.startswith("Not checked yet.")
            assert not result.correct and result.score == 0

    run()


@pytest.mark.parametrize("kind", TYPES)
def test_widget_never_raises_and_explains(kind: str, specs: dict[str, Any]) -> None:
    view = build_view(specs[kind], MemoryProgress())

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(answer=answers)
    def run(answer: Any) -> None:
        view.reset()
        view.answer_with(answer)
        assert view.feedback.value.strip()
        assert "Something went wrong" not in view.feedback.value

    run()


@given(answer=st.one_of(st.integers(), st.floats(), st.none(), st.booleans(), st.lists(st.integers(), max_size=3)))
@settings(max_examples=50, deadline=None)
def test_wrong_types_get_a_message_saying_what_would_be_right(answer: Any) -> None:
    from .conftest import single_choice_spec

    result = evaluate(single_choice_spec(), answer)
    assert not result.valid
    assert "option" in result.feedback_text


WEIRD = st.one_of(
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.text(max_size=12),
    st.lists(st.one_of(st.integers(), st.text(max_size=4)), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
EXAMPLE_FILES = sorted((EXERCISES / "examples").glob("*.yaml"))


def _paths(node: Any, here: tuple = ()) -> list[tuple]:
    out = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, here + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, here + (i,))
    return out


def test_damaged_specs_are_reported_never_raised(tmp_path: Any, real_content: Any) -> None:
    import re

    import yaml

    @settings(max_examples=120, deadline=None)
    @given(data=st.data(), path=st.sampled_from(EXAMPLE_FILES), action=st.sampled_from(["delete", "swap"]))
    def run(data: Any, path: Any, action: str) -> None:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        where = data.draw(st.sampled_from(_paths(spec)[1:]))
        parent = spec
        for part in where[:-1]:
            parent = parent[part]
        if action == "delete":
            del parent[where[-1]]
        else:
            parent[where[-1]] = data.draw(WEIRD)
        target = tmp_path / path.name
        target.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
        _, _, problems = check_file(target, real_content)
        for problem in problems:
            assert re.match(r"^\S.*:(\d+|\?): .+: .+$", str(problem)) and "\n" not in str(problem), str(problem)

    run()
