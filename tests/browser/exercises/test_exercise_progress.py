"""Answers survive a kernel restart and a page reload: they come back from the progress store.

One notebook shows every type. Four exercises are answered (ticks, dropdowns, a decision path, a
reflection), then Kernel > Restart Kernel... is confirmed, the page is reloaded, and Run All shows
each earlier answer in its widgets with its feedback again.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from course.safe_html import plain

from .. import e2e_content
from ..lab import (
    FEEDBACK_TIMEOUT,
    LOAD_TIMEOUT,
    LabServer,
    cell_prompts,
    notebook_panel,
    restart_kernel,
    wait_kernel_idle,
)
from .answering import answer_and_check, dropdown_for, load_spec
from .helpers import button, exercise, feedback, loose, open_exercises, run_exercises

EX = e2e_content.EXAMPLES
RESTORED = "Your last answer, restored from your progress."


def test_answers_come_back_after_restart_and_reload(page: Page, server: LabServer) -> None:
    specs = {kind: load_spec(server, EX[kind]) for kind in ("multiple-select", "categorize", "decision", "reflection")}
    ms, cat, dec, ref = specs.values()
    ms_answer, cat_answer, dec_answer = ms.fixtures[0].answer, cat.fixtures[0].answer, dec.fixtures[1].answer
    ref_text = ref.answer.text

    open_exercises(page, server, "all-types")
    answer_and_check(exercise(page, ms.id), ms, ms_answer)
    expect(feedback(exercise(page, ms.id)).last).to_contain_text(loose(ms.fixtures[0].feedback))
    answer_and_check(exercise(page, cat.id), cat, cat_answer)
    expect(feedback(exercise(page, cat.id)).last).to_contain_text(loose(cat.fixtures[0].feedback))
    answer_and_check(exercise(page, dec.id), dec, dec_answer)
    expect(feedback(exercise(page, dec.id)).last).to_contain_text(loose(dec.fixtures[1].feedback))
    answer_and_check(exercise(page, ref.id), ref, ref.answer)
    expect(exercise(page, ref.id)).to_contain_text("Saved on this computer only", timeout=FEEDBACK_TIMEOUT)

    restart_kernel(page)
    page.reload(wait_until="domcontentloaded")
    expect(notebook_panel(page).locator(".jp-Cell").first).to_be_visible(timeout=LOAD_TIMEOUT)
    wait_kernel_idle(page)
    run_exercises(page, server, "all-types")
    # A new kernel really ran the cells: its execution counts start again at 1.
    assert cell_prompts(page)[0].prompt.startswith("[1]"), cell_prompts(page)[0]

    out = exercise(page, ms.id)
    expect(feedback(out).first).to_contain_text(RESTORED)
    expect(feedback(out).last).to_contain_text(loose(ms.fixtures[0].feedback))
    for option in ms.options:
        box = out.get_by_label(plain(option.text), exact=True)
        (expect(box).to_be_checked if option.id in ms_answer else expect(box).not_to_be_checked)()
    expect(out).to_contain_text("Attempts: 1")

    out = exercise(page, cat.id)
    expect(feedback(out).first).to_contain_text(RESTORED)
    expect(feedback(out).last).to_contain_text(loose(cat.fixtures[0].feedback))
    labels = {c.id: plain(c.label) for c in cat.categories}
    for item in cat.items:
        select = dropdown_for(out, plain(item.text))
        expect(select.locator("option:checked")).to_have_text(labels[cat_answer[item.id]])

    out = exercise(page, dec.id)
    expect(feedback(out).first).to_contain_text("Your last path, restored from your progress.")
    expect(feedback(out).last).to_contain_text(loose(dec.fixtures[1].feedback))
    expect(feedback(out).last.locator(".cx-step")).to_have_count(len(dec_answer))
    expect(out).to_contain_text("The scenario has ended")

    # A reflection is never put back unasked (it would end up in the saved notebook's widget state).
    out = exercise(page, ref.id)
    expect(out.locator("textarea")).to_have_value("")
    expect(feedback(out).first).to_contain_text(f"You saved a reflection of {len(ref_text.split())} words")
    button(out, "Load my saved reflection").click()
    expect(out.locator("textarea")).to_have_value(ref_text, timeout=FEEDBACK_TIMEOUT)
    for item in ref.rubric:
        expect(out.get_by_label(plain(item.text), exact=True)).to_be_checked()
