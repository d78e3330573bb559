"""Every exercise type answered in JupyterLab as a learner answers it, with the feedback read from
the page: each wrong answer of the spec's ``fixtures`` shows that fixture's feedback text, and the
reference answer is marked correct; after ``reveal.after_attempts`` wrong answers the reference
answer shows by itself. Every hint, Show answer and Reset are pressed too.

Under ``make screenshots``, a screenshot of each type, answered, goes to
``artifacts/screenshots/exercises/<type>.png``.

JupyterLab is loaded once for the module: each test opens its notebook in it and closes it afterwards
(``reused_page`` in ``tests/browser/conftest.py``).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from course.exercises.types import describe_answer
from course.safe_html import markdown, plain, plain_text

from .. import e2e_content
from ..conftest import LabTab
from ..lab import FEEDBACK_TIMEOUT, LabServer
from .answering import answer_and_check, load_spec, play_path
from .helpers import button, exercise, feedback, hints, loose, open_exercises, revealed, shot, squash

CORRECT = {"reflection": "Done: your reflection reaches the suggested length."}


@pytest.fixture
def page(reused_page: Page) -> Page:
    """The module's one JupyterLab page."""
    return reused_page


def text_of(markdown_text: str) -> str:
    """What the page shows for author Markdown (whitespace collapsed)."""
    return squash(plain_text(markdown(markdown_text)))


def expect_feedback(out: Locator, *texts: str) -> None:
    shown = feedback(out).last
    for text in texts:
        expect(shown).to_contain_text(loose(text), timeout=FEEDBACK_TIMEOUT)


def expect_attempts(out: Locator, n: int) -> None:
    expect(out.locator(".cx-small").filter(has_text="Attempts:").first).to_contain_text(f"Attempts: {n}")


def press_hints_and_reveal(out: Locator, spec: Any) -> None:
    """Every hint in turn (the button counts them down), then Show answer."""
    total = len(spec.hints)
    for n in range(1, total + 1):
        button(out, f"Hint ({n} of {total})").click()
        expect(hints(out).locator("li")).to_have_count(n, timeout=FEEDBACK_TIMEOUT)
        expect(hints(out).locator("li").nth(n - 1)).to_contain_text(text_of(spec.hints[n - 1]))
    if total:
        expect(button(out, "No more hints")).to_be_disabled()
    button(out, "Show answer").click()
    expect(revealed(out)).to_contain_text(loose(plain_text(describe_answer(spec))), timeout=FEEDBACK_TIMEOUT)


def expect_reset(out: Locator, spec: Any) -> None:
    button(out, "Reset").click()
    expect(feedback(out)).to_have_count(0, timeout=FEEDBACK_TIMEOUT)
    expect(hints(out)).to_have_count(0)
    expect(revealed(out)).to_have_count(0)
    if spec.hints:
        expect(button(out, f"Hint (1 of {len(spec.hints)})")).to_be_enabled()


@pytest.mark.screenshots
@pytest.mark.parametrize("kind", [k for k in e2e_content.EXAMPLES if k != "decision"])
def test_fixtures_and_answer_give_their_feedback(page: Page, lab_tab: LabTab, server: LabServer, kind: str) -> None:
    ex_id = e2e_content.EXAMPLES[kind]
    spec = load_spec(server, ex_id)
    open_exercises(page, server, kind, lab_tab)
    out = exercise(page, ex_id)
    expect(out.locator(".cx-exercise h3")).to_have_text(squash(spec.title))

    for n, fixture in enumerate(spec.fixtures, start=1):
        answer_and_check(out, spec, fixture.answer)
        if kind != "reflection":  # (a reflection is saved, not counted as an attempt)
            expect_attempts(out, n)  # first: then the feedback below is this check's, not the last one's
        expect_feedback(out, fixture.feedback)
        expect(feedback(out).last).not_to_contain_text(CORRECT.get(kind, "Correct."))
        after = spec.reveal.after_attempts
        if after is not None and n >= after:  # the reference answer shows by itself
            expect(revealed(out)).to_contain_text(f"After {n} attempts", timeout=FEEDBACK_TIMEOUT)
        else:
            expect(revealed(out)).to_have_count(0)

    answer_and_check(out, spec, spec.answer)
    expect_feedback(out, CORRECT.get(kind, "Correct."))
    if kind == "single-choice":
        expect_feedback(out, text_of(next(o.feedback for o in spec.options if o.id == spec.answer)))
    if kind == "rating":
        expect(out).to_contain_text("Your ratings are saved: the timeline can show them")
    if kind == "reflection":
        expect(out).to_contain_text("Saved on this computer only; it is not written into the notebook.")
        expect(out.locator(".cx-small").filter(has_text="words (suggested")).to_contain_text(
            f"{len(spec.answer.text.split())} words (suggested: at least {spec.min_words})"
        )

    press_hints_and_reveal(out, spec)
    shot(out, kind)
    expect_reset(out, spec)


DECISIONS = [("decision", e2e_content.EXAMPLES["decision"])] + list(e2e_content.COURSE_DECISIONS.items())


@pytest.mark.screenshots
@pytest.mark.parametrize(("stem", "ex_id"), DECISIONS, ids=[stem for stem, _ in DECISIONS])
def test_decision_point_two_paths(page: Page, lab_tab: LabTab, server: LabServer, stem: str, ex_id: str) -> None:
    """Each fixture path and the recommended path, step by step: after every reply the page shows
    that reply's consequence and commentary; at the end the summary of the path. Runs on the example
    and on the decision points of the course's own notebooks (notebook 09: telling Jane)."""
    from course.exercises.scoring.decision import choice

    spec = load_spec(server, ex_id)
    open_exercises(page, server, stem, lab_tab)
    out = exercise(page, ex_id)
    recommended = [plain(choice(spec, c).text) for c in spec.answer]

    def step_shown(step: int, picked: Any) -> None:
        shown = feedback(out).last.locator(".cx-step").nth(step - 1)
        expect(shown).to_contain_text(f"Step {step}. You said: {squash(plain(picked.text))}")
        expect(shown).to_contain_text(loose(text_of(picked.consequence)))
        expect(shown).to_contain_text(loose(text_of(picked.commentary)))

    paths = [(f.answer, f.feedback) for f in spec.fixtures] + [(spec.answer, None)]
    walked = set()
    for path, fixture_text in paths:
        if tuple(path) in walked:
            continue
        walked.add(tuple(path))
        play_path(out, spec, path, on_step=step_shown)
        summary = feedback(out).last.locator(".cx-summary")
        expect(summary).to_have_count(1, timeout=FEEDBACK_TIMEOUT)
        taken = [squash(plain(choice(spec, c).text)) for c in path]
        if fixture_text is None:
            expect(feedback(out).last.locator(".cx-verdict")).to_have_text("Correct.")
            expect(summary).to_contain_text(loose("Your path is the recommended one"))
            expect(summary.locator("li")).to_have_text(taken)
        else:
            expect_feedback(out, fixture_text)
            expect(feedback(out).last.locator(".cx-verdict")).not_to_have_text("Correct.")
            expect(summary).to_contain_text("The recommended path:")
            expect(summary.locator("ol").first.locator("li")).to_have_text(taken)
            expect(summary.locator("ol").last.locator("li")).to_have_text([squash(t) for t in recommended])
        # The scenario has ended: no reply to choose until Reset.
        expect(out).to_contain_text("The scenario has ended")
        expect(button(out, "Choose this reply")).to_be_disabled()
        if fixture_text is None:
            shot(out, stem)
        button(out, "Reset").click()
        expect(feedback(out)).to_have_count(0, timeout=FEEDBACK_TIMEOUT)
        expect(out.locator(".widget-radio-box label").first).to_be_visible()
    assert len(walked) >= 2
