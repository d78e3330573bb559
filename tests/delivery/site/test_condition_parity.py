"""The site's conditions (``static/conditions.js``) choose the same variant as the Python ones
(``course/exercises/conditions.py``).

For every conditional scene of the course: every path through each decision its conditions name, each
choice alone, no answer, and answers of the wrong shape; then a few hundred conditions and answers drawn
at random (seeded). Both sides get the same JSON; all the JavaScript runs in one node process per test.
"""

from __future__ import annotations

import random
from typing import Any

from course.exercises import conditions
from course.exercises.lookup import load

from .node import run_js

PER_RUN = 400
CHOOSE_JS = """
const C = require(STATIC + '/conditions.js');
reply(input.map((c) => [C.chooseIndex(c.conditions, c.default, c.answers), c.conditions.map((w) => C.holds(w, c.answers))]));
"""


def paths(spec: Any) -> list[list[str]]:
    """Every path through a decision, from its start to the end."""
    nodes = {n.id: n for n in spec.nodes}
    out: list[list[str]] = []

    def walk(node_id: str, taken: list[str]) -> None:
        for choice in nodes[node_id].choices:
            path = [*taken, choice.id]
            if choice.next in nodes:
                walk(choice.next, path)
            else:
                out.append(path)

    walk(spec.start, [])
    return out


def python_side(cases: list[dict[str, Any]]) -> list[Any]:
    return [
        [
            conditions.choose_index(c["conditions"], c["default"], c["answers"]),
            [conditions.holds(w, c["answers"]) for w in c["conditions"]],
        ]
        for c in cases
    ]


def scene_cases(real_content: Any) -> list[dict[str, Any]]:
    cases = []
    scenes = [e for e in real_content.events if e.variants]
    assert len(scenes) >= 2
    for event in scenes:
        whens = [v.when for v in event.variants]
        default = next(i for i, v in enumerate(event.variants) if v.default)
        for ex in conditions.exercises_named(event.variants):
            spec = load(ex).spec
            assert spec is not None and spec.type == "decision"
            answers: list[Any] = paths(spec) + [[c.id] for n in spec.nodes for c in n.choices]
            answers += [None, [], "waive-now", {"x": 1}, 7, [["waive-now"]]]
            cases += [{"conditions": whens, "default": default, "answers": {ex: a}} for a in answers]
        cases.append({"conditions": whens, "default": default, "answers": {}})
    return cases


def test_every_scene_of_the_course_is_chosen_alike(real_content: Any) -> None:
    cases = scene_cases(real_content)
    assert len(cases) > 40
    assert run_js(CHOOSE_JS, cases) == python_side(cases)
    # and the cases are not all alike: every variant of every scene is chosen by some answer
    chosen = {(tuple(map(str, c["conditions"])), i) for c, (i, _) in zip(cases, python_side(cases))}
    assert len(chosen) == sum(len(e.variants) for e in real_content.events if e.variants)


IDS = ["a", "b", "c", "waive-now", "coffee"]
EXERCISES = ["ex-1", "ex-2", "ex-3"]


def drawn_case(rng: random.Random) -> dict[str, Any]:
    """Conditions over a few exercises and choices, and answers of every shape, some matching."""

    def condition() -> Any:
        if rng.random() < 0.15:
            return None
        picked = rng.sample(EXERCISES, rng.choice([0, 1, 1, 1, 2, 2, 3]))
        return {ex: rng.choice(IDS) if rng.random() < 0.4 else rng.sample(IDS, rng.randint(0, 3)) for ex in picked}

    def answer() -> Any:
        shapes = [rng.choice(IDS), rng.sample(IDS, rng.randint(1, 4)), None, rng.randint(0, 9), [rng.randint(0, 9)]]
        return shapes[0] if rng.random() < 0.3 else shapes[1] if rng.random() < 0.8 else rng.choice(shapes[2:])

    whens = [condition() for _ in range(rng.randint(1, 4))]
    answers = {ex: answer() for ex in EXERCISES if rng.random() < 0.8}
    return {"conditions": whens, "default": rng.randrange(len(whens)), "answers": answers}


def test_drawn_conditions_and_answers_are_chosen_alike() -> None:
    rng = random.Random(26)
    cases = [drawn_case(rng) for _ in range(PER_RUN)]
    python = python_side(cases)
    assert run_js(CHOOSE_JS, cases) == python
    # the draw reaches every outcome: conditions that hold and fail, with several exercises named
    held = [h for _, holds in python for h in holds]
    assert 0.1 < sum(held) / len(held) < 0.9, sum(held) / len(held)
    assert any(len(w or {}) > 1 and h for c, (_, hs) in zip(cases, python) for w, h in zip(c["conditions"], hs))


HISTORY_JS = """
const P = require(STATIC + '/progress.js');
const C = require(STATIC + '/conditions.js');
function memory() {
  const items = {};
  return { getItem: (k) => (k in items ? items[k] : null), setItem: (k, v) => { items[k] = String(v); },
           removeItem: (k) => { delete items[k]; } };
}
reply(input.map((c) => {
  const store = new P.Store(memory(), 'key');
  for (const [ex, answer] of c.history) store.recordAttempt(ex, 'h', answer, 0, 1, '', null);
  const answers = C.answersFrom(store, c.exercises);
  return [answers, C.chooseIndex(c.conditions, c.default, answers)];
}));
"""


def test_the_first_answer_counts_alike_in_both_stores(real_content: Any) -> None:
    """A learner who answers, then tries again (often after the recommended path is shown), meets the scene
    of their first answer, in the lab's store and in the browser's."""
    from course.progress import MemoryProgress

    event = real_content.event("naming-the-enactment")
    whens = [v.when for v in event.variants]
    default = next(i for i, v in enumerate(event.variants) if v.default)
    ex = "ch03-first-cancellation"
    histories = [
        [],
        [(ex, ["rules-are-rules"])],
        [(ex, ["rules-are-rules"]), (ex, ["hold-and-explore", "note-and-follow"])],
        [("ch03-friendship-request", ["coffee"]), (ex, ["waive-now"]), (ex, ["ask-first", "insist"])],
    ]
    cases = [{"history": h, "exercises": [ex], "conditions": whens, "default": default} for h in histories]
    python = []
    for case in cases:
        store = MemoryProgress()
        for exercise_id, answer in case["history"]:
            store.record_attempt(exercise_id, "h", answer, 0, 1, "")
        answers = conditions.answers_from(store, case["exercises"])
        python.append([answers, conditions.choose_index(whens, default, answers)])
    assert run_js(HISTORY_JS, cases) == python
    ids = [event.variants[i].id for _, i in python]
    assert ids == ["fee-waived", "frame-as-verdict", "frame-as-verdict", "fee-waived"]
