"""Decision: a branching scenario. Each choice leads to its consequence, an expert commentary and
the next node (or the end); the answer is the path of choice ids, compared with the recommended one."""

from __future__ import annotations

from typing import Any

from ...safe_html import inline, markdown
from ..result import Feedback, Result, invalid
from ..spec import Choice, Decision, DecisionNode
from . import accepted
from .common import Found, is_text_list, listing, shown

END = "end"


def node(spec: Decision, node_id: str) -> DecisionNode | None:
    """The node with this id, or None."""
    return next((n for n in spec.nodes if n.id == node_id), None)


def choice(spec: Decision, choice_id: str) -> Choice | None:
    """The choice with this id (choice ids are unique across the exercise), or None."""
    return next((c for n in spec.nodes for c in n.choices if c.id == choice_id), None)


def spec_problems(spec: Decision) -> Found:
    """Unique node and choice ids, a known start, ``next`` pointing at a node or ``end``, every node
    reachable from the start, and no loops."""
    found: Found = []
    node_ids = [n.id for n in spec.nodes]
    seen_nodes: set[str] = set()
    seen_choices: set[str] = set()
    for i, n in enumerate(spec.nodes):
        if n.id in seen_nodes:
            found.append((("nodes", i, "id"), f"'{n.id}' is used by an earlier node; node ids must be unique"))
        seen_nodes.add(n.id)
        for j, c in enumerate(n.choices):
            at = ("nodes", i, "choices", j)
            if c.id in seen_choices:
                found.append(
                    (at + ("id",), f"'{c.id}' is used by an earlier choice; choice ids must be unique in the exercise")
                )
            seen_choices.add(c.id)
            if c.next != END and c.next not in node_ids:
                found.append((at + ("next",), f"'{c.next}' is not a node id; use one of {listing(node_ids)} or 'end'"))
    if spec.start not in node_ids:
        found.append((("start",), f"'{spec.start}' is not a node id; use one of: {listing(node_ids)}"))
        return found
    if found:
        return found
    reached = _reachable(spec)
    for i, n in enumerate(spec.nodes):
        if n.id not in reached:
            found.append(
                (
                    ("nodes", i, "id"),
                    f"node '{n.id}' cannot be reached from the start; point a choice's next at it or remove it",
                )
            )
    loop = _find_loop(spec)
    if loop:
        found.append((("nodes",), f"the path {' → '.join(loop)} goes round in a circle; every path must reach 'end'"))
    return found


def _reachable(spec: Decision) -> set[str]:
    todo, seen = [spec.start], set()
    while todo:
        current = todo.pop()
        if current in seen or current == END:
            continue
        seen.add(current)
        n = node(spec, current)
        todo += [c.next for c in n.choices] if n else []
    return seen


def _find_loop(spec: Decision) -> list[str]:
    def visit(node_id: str, trail: list[str]) -> list[str]:
        if node_id == END:
            return []
        if node_id in trail:
            return trail[trail.index(node_id) :] + [node_id]
        n = node(spec, node_id)
        for c in n.choices if n else []:
            loop = visit(c.next, trail + [node_id])
            if loop:
                return loop
        return []

    return visit(spec.start, [])


def walk(spec: Decision, answer: list[str]) -> tuple[list[Choice], str | None]:
    """Follow the path from the start: (choices taken, problem or None). A problem names the step."""
    current, taken = spec.start, []
    for step, choice_id in enumerate(answer, start=1):
        if current == END:
            return taken, f"step {step} ('{choice_id}') comes after the scenario has ended"
        here = node(spec, current)
        options = [c.id for c in here.choices] if here else []
        picked = next((c for c in here.choices if c.id == choice_id), None) if here else None
        if picked is None:
            return taken, f"step {step}: '{choice_id}' is not a choice at this point; choose one of {listing(options)}"
        taken.append(picked)
        current = picked.next
    if current != END:
        return taken, f"the path stops before the end; step {len(answer) + 1} still needs a choice"
    return taken, None


def answer_problems(spec: Decision, answer: Any) -> Found:
    """``answer`` must be a list of choice ids forming a path from the start to the end."""
    if not is_text_list(answer):
        return [
            ((), f"got {shown(answer)}; it should be a list of choice ids, one per step, from the start to the end")
        ]
    _, problem = walk(spec, answer)
    return [((), problem)] if problem else []


def step_html(step: int, picked: Choice) -> str:
    """One step of the story: the choice, what happened, and the commentary."""
    return (
        f'<div class="cx-step"><p><strong>Step {step}. You said:</strong> {inline(picked.text)}</p>'
        f"<p><strong>What happens:</strong></p>{markdown(picked.consequence)}"
        f"<p><strong>Commentary:</strong></p>{markdown(picked.commentary)}</div>"
    )


def evaluate(spec: Decision, answer: Any) -> Result:
    """One point per step where the path matches the recommended one; full marks for the recommended path
    and for any accepted path (``also_accept``), whose end-of-path summary calls it accepted."""
    n = len(spec.answer)
    if answer is None or answer == []:
        return invalid("Choose a reply to start the scenario.", n)
    found = answer_problems(spec, answer)
    if found:
        return invalid(f"Your path could not be read: {found[0][1]}.", n)
    taken, _ = walk(spec, answer)
    fb = Feedback()
    for step, picked in enumerate(taken, start=1):
        fb.html(step_html(step, picked))
    correct = list(answer) == list(spec.answer)
    if not correct and accepted.is_alternative(answer, spec.also_accept):
        fb.html(_summary(spec, taken, correct=False, accepted_path=True))
        return fb.result(n, n, correct=True, verdict=accepted.ACCEPTED)
    score = sum(1 for i, c in enumerate(answer) if i < n and c == spec.answer[i])
    fb.html(_summary(spec, taken, correct))
    return fb.result(score, n, correct=correct)


def _summary(spec: Decision, taken: list[Choice], correct: bool, accepted_path: bool = False) -> str:
    recommended = [choice(spec, c) for c in spec.answer]
    yours = "".join(f"<li>{inline(c.text)}</li>" for c in taken)
    if correct:
        return (
            f'<div class="cx-summary"><p><strong>Your path</strong> is the recommended one:</p><ol>{yours}</ol></div>'
        )
    best = "".join(f"<li>{inline(c.text)}</li>" for c in recommended if c is not None)
    if accepted_path:
        return (
            '<div class="cx-summary"><p><strong>Your path</strong> is an accepted path, with full credit:</p>'
            f"<ol>{yours}</ol><p><strong>The recommended path</strong>, next to it:</p><ol>{best}</ol></div>"
        )
    return (
        f'<div class="cx-summary"><p><strong>Your path:</strong></p><ol>{yours}</ol>'
        f"<p><strong>The recommended path:</strong></p><ol>{best}</ol></div>"
    )


def describe_answer(spec: Decision) -> str:
    """HTML of the recommended path with each step's commentary, then any other accepted path."""
    steps = [choice(spec, c) for c in spec.answer]
    out = "<p><strong>The recommended path:</strong></p>" + "".join(
        step_html(i, c) for i, c in enumerate(steps, start=1) if c is not None
    )
    for alt in spec.also_accept:
        picked = [c for c in (choice(spec, i) for i in alt) if c is not None]
        out += f"<p><strong>{accepted.ALSO_ACCEPTED}, with full credit:</strong></p><ol>"
        out += "".join(f"<li>{inline(c.text)}</li>" for c in picked) + "</ol>"
    return out
