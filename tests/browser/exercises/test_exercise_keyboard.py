"""The ordering exercise done with the keyboard alone: Home and End in the list, Tab and Shift+Tab
between controls, Space and Enter on buttons. No mouse click at all.

(Arrow keys are not used: in JupyterLab 4 the notebook takes ArrowUp/ArrowDown from a focused list
or radio button to move between cells; see test_exercise_a11y.py:
test_keys_promised_by_the_widgets_work and test_a_key_typed_on_an_exercise_leaves_the_notebook_alone.)

The test starts with focus on the exercise's list, where a learner arrives by tabbing (the
notebook's own editors, before it, keep Tab for indenting); from there only keys are pressed, and
after each Tab the test checks which control has focus.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from course.safe_html import plain

from .. import e2e_content
from ..lab import FEEDBACK_TIMEOUT, LabServer
from .answering import load_spec, order_shown
from .helpers import exercise, feedback, hints, loose, open_exercises, revealed, squash

KIND = "ordering"

_FOCUSED_JS = """
(area) => {
  const el = document.activeElement;
  if (!el || !area.contains(el)) return null;
  const tag = el.tagName.toLowerCase();
  return tag === 'button' ? 'button:' + el.textContent.trim() : tag;
}
"""


def focused(out: Locator) -> str | None:
    """What has focus inside the exercise: 'select', 'button:<label>' ...; None when outside."""
    return out.evaluate(_FOCUSED_JS)


def expect_focus(out: Locator, what: str | re.Pattern) -> None:
    now = focused(out)
    ok = bool(re.fullmatch(what, now or "")) if isinstance(what, re.Pattern) else now == what
    assert ok, f"focus is on {now!r}, expected {what!r}"


def key(page: Page, out: Locator, name: str, then: str | re.Pattern | None = None) -> None:
    """Press one key; ``then`` is where focus must be afterwards."""
    page.keyboard.press(name)
    if then is not None:
        expect_focus(out, then)


def expect_order(out: Locator, order: list[str]) -> None:
    options = out.locator(".widget-select select option")
    for n, text in enumerate(order):
        expect(options.nth(n)).to_have_text(
            re.compile(rf"^{n + 1}\.\s*" + loose(text).pattern), timeout=FEEDBACK_TIMEOUT
        )


def expect_selected(out: Locator, text: str) -> None:
    expect(out.locator(".widget-select select option:checked")).to_have_text(loose(text), timeout=FEEDBACK_TIMEOUT)


def test_ordering_with_the_keyboard_alone(page: Page, server: LabServer) -> None:
    ex_id = e2e_content.EXAMPLES[KIND]
    spec = load_spec(server, ex_id)
    texts = {i.id: squash(plain(i.text)) for i in spec.items}
    ids = [i.id for i in spec.items]
    fixture = next((f for f in spec.fixtures if f.answer == ids[1:] + ids[:1]), None)  # first item last
    open_exercises(page, server, KIND)
    out = exercise(page, ex_id)
    select = out.locator(".widget-select select")
    start = order_shown(out)
    assert start == [texts[i.id] for i in spec.items]

    select.focus()  # where tabbing into the exercise lands: the list
    expect_focus(out, "select")

    # 1. The first item to the bottom: Home selects it, Tab Tab reaches Move down, Space x3.
    key(page, out, "Home", "select")
    expect_selected(out, start[0])
    key(page, out, "Tab", "button:Move up")
    key(page, out, "Tab", "button:Move down")
    moved = start[1:] + start[:1]
    for _ in range(len(start) - 1):
        key(page, out, "Space", "button:Move down")
    expect_order(out, moved)
    expect(out).to_contain_text(f"Moved to position {len(start)}: {start[0]}")

    # 2. Check it with Enter (Tab from Move down goes to Check) and read the feedback.
    key(page, out, "Tab", "button:Check")
    key(page, out, "Enter", "button:Check")
    verdict = feedback(out).last.locator(".cx-verdict")
    expect(verdict).to_have_count(1, timeout=FEEDBACK_TIMEOUT)
    expect(verdict).not_to_have_text("Correct.")
    if fixture is not None:
        expect(feedback(out).last).to_contain_text(loose(fixture.feedback))

    # 3. Back to the list with Shift+Tab, then sort it: End selects the bottom item, Move up (Space)
    #    lifts it into place among the items already sorted at the top; item by item.
    want = [texts[i] for i in spec.answer]
    rank = {text: n for n, text in enumerate(want)}
    current = list(moved)
    key(page, out, "Shift+Tab", "button:Move down")
    key(page, out, "Shift+Tab", "button:Move up")
    key(page, out, "Shift+Tab", "select")
    for placed in range(len(current)):
        if current == want:
            break
        key(page, out, "End", "select")
        bottom = current[-1]
        expect_selected(out, bottom)
        to = sum(1 for text in current[:placed] if rank[text] < rank[bottom])
        key(page, out, "Tab", "button:Move up")
        for _ in range(len(current) - 1 - to):
            key(page, out, "Space", "button:Move up")
        current.insert(to, current.pop())
        expect_order(out, current)
        key(page, out, "Shift+Tab", "select")
    assert current == want

    # 4. Tab to Check, press Enter: correct. Then a hint (Enter), the answer (Space), Reset (Enter).
    key(page, out, "Tab", "button:Move up")
    key(page, out, "Tab", "button:Move down")
    key(page, out, "Tab", "button:Check")
    key(page, out, "Enter")
    expect(feedback(out).last).to_contain_text("Correct.", timeout=FEEDBACK_TIMEOUT)
    key(page, out, "Tab", re.compile(r"button:Hint \(1 of \d+\)"))
    key(page, out, "Enter")
    expect(hints(out).locator("li")).to_have_count(1, timeout=FEEDBACK_TIMEOUT)
    expect(hints(out)).to_contain_text(loose(spec.hints[0]))
    expect_focus(out, re.compile(r"button:Hint \(2 of \d+\)"))  # focus stays on the button
    key(page, out, "Tab", "button:Show answer")
    key(page, out, "Space")
    expect(revealed(out)).to_contain_text(loose(want[0]), timeout=FEEDBACK_TIMEOUT)
    key(page, out, "Tab", "button:Reset")
    key(page, out, "Enter")
    expect(feedback(out)).to_have_count(0, timeout=FEEDBACK_TIMEOUT)
    expect_order(out, start)
