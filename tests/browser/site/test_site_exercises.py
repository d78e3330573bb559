"""The live exercises of the site, answered through the page as a learner answers them.

One exercise of each type (the examples in data/exercises/examples/): a fixture answer gets exactly
the feedback the Python engine gives it, the reference answer scores full marks, and hints, attempts,
the reveal rule and Reset behave as in JupyterLab. A reload restores every answer from the browser's
storage. An answer experts also accept (``also_accept``) gets full credit and the same feedback as in
Python on the course's own pages, and "Show answer" lists it. Keyboard alone answers an exercise. The injection fixtures stay inert.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from course.exercises import evaluate
from course.exercises.spec import as_plain
from course.exercises.types import describe_answer
from course.safe_html import plain_text

from .. import e2e_content
from .answering import TIMEOUT, answer, button, feedback_text, load_spec, section
from .conftest import TEST_PAGE, BuiltSite, SiteBrowser

PAGE = f"{TEST_PAGE}.html"
KINDS = list(e2e_content.EXAMPLES)


@pytest.mark.parametrize("kind", KINDS)
def test_each_type_scores_in_the_page_as_in_python(site: SiteBrowser, course_site: BuiltSite, kind: str) -> None:
    spec = load_spec(course_site.data, e2e_content.EXAMPLES[kind])
    page = site.open(PAGE)
    wrong = as_plain(spec.fixtures[0].answer)
    out = answer(page, spec, wrong)
    expected = evaluate(spec, wrong)
    expect(out.locator(".cx-feedback-area .cx-verdict")).to_have_count(1, timeout=TIMEOUT)
    assert feedback_text(out).startswith(expected.feedback_text), feedback_text(out)
    assert spec.fixtures[0].feedback.split()[0] in feedback_text(out)
    if spec.type != "reflection":
        expect(out.locator(".cx-status")).to_have_text("Attempts: 1")
    button(out, "Reset").click()
    expect(out.locator(".cx-feedback-area")).to_be_empty()
    out = answer(page, spec, spec.answer)
    verdict = "Done: your reflection reaches the suggested length." if kind == "reflection" else "Correct."
    expect(out.locator(".cx-feedback-area .cx-verdict")).to_have_text(verdict, timeout=TIMEOUT)
    assert feedback_text(out).startswith(evaluate(spec, as_plain(spec.answer)).feedback_text)


@pytest.mark.parametrize("kind", ["single-choice", "decision"])
def test_hints_attempts_and_the_reveal_rule(site_file: SiteBrowser, course_site: BuiltSite, kind: str) -> None:
    spec = load_spec(course_site.data, e2e_content.EXAMPLES[kind])
    page = site_file.open(PAGE)
    out = section(page, spec.id)
    total = len(spec.hints)
    for n in range(1, total + 1):
        button(out, f"Hint ({n} of {total})").click()
        expect(out.locator(".cx-hints li")).to_have_count(n)
    expect(button(out, "No more hints")).to_be_disabled()
    after = spec.reveal.after_attempts
    for n in range(1, after + 1):
        answer(page, spec, spec.fixtures[0].answer)
        if kind == "decision":
            expect(out.locator(".cx-feedback-area .cx-verdict")).to_be_visible()
        expect(out.locator(".cx-status")).to_have_text(f"Attempts: {n}")
        if n < after:
            expect(out.locator(".cx-answer")).to_have_count(0)
        if kind == "decision" and n < after:
            button(out, "Reset").click()
    expect(out.locator(".cx-answer")).to_contain_text(f"After {after} attempts, here is the reference answer.")


@pytest.mark.parametrize(
    ("exercise_id", "accepted"),
    [
        ("ch04-whose-part", {"waives": "susan"}),  # one item in a category experts also accept
        ("ch03-first-cancellation", ["ask-first", "note-and-follow"]),  # an accepted path
    ],
)
def test_an_accepted_answer_gets_full_credit_in_the_page_as_in_python(
    site_file: SiteBrowser, course_site: BuiltSite, exercise_id: str, accepted: object
) -> None:
    spec = load_spec(course_site.data, exercise_id)
    value = {**as_plain(spec.answer), **accepted} if isinstance(accepted, dict) else accepted
    expected = evaluate(spec, value)
    assert expected.correct and expected.score == expected.max_score
    page = site_file.open(f"{spec.notebook}.html")
    out = answer(page, spec, value)
    expect(out.locator(".cx-feedback-area .cx-verdict")).to_have_text("Accepted, with full credit.", timeout=TIMEOUT)
    assert feedback_text(out).startswith(expected.feedback_text), feedback_text(out)
    expect(out.locator(".cx-status")).to_have_text("Attempts: 1")
    button(out, "Show answer").click()
    expect(out.locator(".cx-answer")).to_contain_text("also accepted", ignore_case=True)
    assert plain_text(out.locator(".cx-answer").inner_html()) == plain_text(describe_answer(spec))


def test_reload_restores_every_answer(site: SiteBrowser, course_site: BuiltSite) -> None:
    specs = [load_spec(course_site.data, ex_id) for ex_id in e2e_content.EXAMPLES.values()]
    page = site.open(PAGE)
    for spec in specs:
        answer(page, spec, spec.answer)
        expect(section(page, spec.id).locator(".cx-verdict")).to_be_visible()
    page.reload()
    for spec in specs:
        out = section(page, spec.id)
        restored = {
            "decision": "Your last path, restored from your progress.",
            "reflection": "You saved a reflection of",
        }.get(spec.type, "Your last answer, restored from your progress.")
        expect(out.locator(".cx-feedback-area")).to_contain_text(restored)
        if spec.type not in ("reflection",):
            expect(out.locator(".cx-status")).to_have_text("Attempts: 1")
            expect(out.locator(".cx-feedback-area .cx-verdict")).to_have_text("Correct.")
    single = specs[0]
    option = next(o for o in single.options if o.id == single.answer)
    from course.safe_html import plain

    expect(section(page, single.id).get_by_label(plain(option.text), exact=True)).to_be_checked()
    reflection = next(s for s in specs if s.type == "reflection")
    out = section(page, reflection.id)
    button(out, "Load my saved reflection").click()
    expect(out.get_by_label("Reflection", exact=True)).to_have_value(reflection.answer.text)


def test_keyboard_alone_answers_an_exercise(site_file: SiteBrowser, course_site: BuiltSite) -> None:
    spec = load_spec(course_site.data, e2e_content.EXAMPLES["ordering"])
    page = site_file.open(PAGE)
    out = section(page, spec.id)
    first = out.locator("fieldset.cx-order input[type=radio]").first
    order = [i.id for i in spec.items]
    for target, item_id in enumerate(spec.answer):  # arrows pick an item, Tab reaches Move up, Enter moves it
        at = order.index(item_id)
        first.focus()
        page.keyboard.press("Space")
        for _ in range(at):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        expect(button(out, "Move up")).to_be_focused()
        for _ in range(at - target):
            page.keyboard.press("Enter")
        order.insert(target, order.pop(at))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(button(out, "Check")).to_be_focused()
    page.keyboard.press("Enter")
    expect(out.locator(".cx-verdict")).to_have_text("Correct.")


def test_injection_payloads_stay_inert(site: SiteBrowser, course_site: BuiltSite) -> None:
    dialogs: list[str] = []
    page = site.open(PAGE)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    single, decision = (load_spec(course_site.data, ex_id) for ex_id in e2e_content.INJECTION)
    out = section(page, single.id)
    expect(out.locator("h3")).to_have_text(single.title)
    expect(out).to_contain_text("<script>alert(1)</script>")
    for option in single.options:
        answer(page, single, option.id)
        expect(out.locator(".cx-feedback-area")).to_contain_text(f"Marker feedback {option.id}")
    for n in range(1, len(single.hints) + 1):
        button(out, f"Hint ({n} of {len(single.hints)})").click()
    button(out, "Show answer").click()
    out = section(page, decision.id)
    for path in (decision.fixtures[0].answer, decision.answer):
        answer(page, decision, path)
        expect(out.locator(".cx-feedback-area")).to_contain_text("Marker commentary")
        button(out, "Reset").click()
    for n in range(1, len(decision.hints) + 1):
        button(out, f"Hint ({n} of {len(decision.hints)})").click()
    button(out, "Show answer").click()
    found = page.evaluate(ACTIVE_JS, [single.id, decision.id])
    assert not found, "active content in the exercises:\n" + "\n".join(found)
    assert not dialogs, f"a payload ran: {dialogs}"


ACTIVE_JS = """
(ids) => {
  const found = [];
  const bad = /^(javascript|vbscript|data|blob):/;
  for (const id of ids) {
    for (const el of document.querySelectorAll(`section[data-exercise='${id}'] *`)) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'frame', 'object', 'embed', 'img', 'svg', 'math', 'form', 'base', 'meta', 'link',
           'details', 'audio', 'video', 'source', 'image', 'foreignobject', 'style'].includes(tag)) {
        found.push(`${id}: <${tag}> ${el.outerHTML.slice(0, 100)}`);
      }
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on') || name === 'style' || name === 'srcdoc') found.push(`${id}: ${name}= on <${tag}>`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'].includes(name)) {
          const url = attr.value.replace(/[\\u0000-\\u0020\\u007f-\\u009f]/g, '').toLowerCase();
          if (bad.test(url) || (name === 'href' && !url.startsWith('https:') && !url.startsWith('#'))) {
            found.push(`${id}: ${name}="${attr.value}" on <${tag}>`);
          }
        }
      }
    }
  }
  return found;
}
"""


def test_own_profession_leads_the_code_comparisons(site_file: SiteBrowser) -> None:
    page = site_file.open("progress.html")
    page.get_by_label("Social work (NASW Code of Ethics)").check()
    page.get_by_role("button", name="Save my choice").click()
    expect(page.get_by_text("Saved: Social work (NASW Code of Ethics).")).to_be_visible()
    page = site_file.open("01_codes_and_boundaries.html")
    first = page.locator("table.course-codes").first.locator("tbody tr").first.locator("th")
    expect(first).to_contain_text("NASW (your code)")
    assert (
        page.locator("table.course-codes th", has_text="(your code)").count()
        == page.locator("table.course-codes th", has_text="NASW").count()
    )


def test_my_ratings_are_drawn_beside_the_course_ratings(site_file: SiteBrowser, course_site: BuiltSite) -> None:
    holding = [n for n in course_site.pages if "data-widget='my-ratings'" in (course_site.root / n).read_text()]
    assert holding, "no page draws the learner's ratings"
    page = site_file.open(holding[0])
    chart = page.locator("[data-widget='my-ratings']")
    expect(chart).to_contain_text("You have not rated any events yet.")
    spec = load_spec(course_site.data, chart.get_attribute("data-exercise"))
    answer(page, spec, spec.answer)
    figure = chart.locator("svg[role=img]")
    expect(figure).to_have_count(1)
    assert "within 1 point(s) of the course's" in figure.get_attribute("aria-label")
    assert chart.locator("table tbody tr").count() == len(spec.events)
    page.reload()
    expect(page.locator("[data-widget='my-ratings'] svg[role=img]")).to_have_count(1)


def test_the_setup_check_is_replaced_by_a_note(course_site: BuiltSite) -> None:
    text = (course_site.root / "00_start_here.html").read_text(encoding="utf-8")
    assert "Nothing to set up here." in text
    assert "jupyterlab_widgets" not in text, "the build machine's package versions are shown"


def test_discussion_notes_stay_in_the_browser_and_show_the_points(
    site_file: SiteBrowser, course_site: BuiltSite
) -> None:
    """A "For discussion" question of the case: the points appear once notes are saved, or on request, and
    the notes come back into the box only when asked."""
    spec = load_spec(course_site.data, "ch03-discuss-fee-waived-2")
    other = load_spec(course_site.data, "ch03-discuss-uneasy-relief")
    page = site_file.open("03_the_case_of_jane_and_susan.html")
    out = section(page, spec.id)
    button(out, "Save my notes").click()
    expect(out.locator(".cx-feedback-area")).to_contain_text("Write your notes in the box")
    notes = {"text": "Mostly Susan's own guilt and fear of Jane's anger.", "rubric": {}}
    out = answer(page, spec, notes)
    expect(out.locator(".cx-feedback-area .cx-verdict")).to_have_text(
        "Saved: compare your notes with the points below."
    )
    assert feedback_text(out).startswith(evaluate(spec, notes).feedback_text)
    later = section(page, other.id)
    button(later, "Show the points").click()
    assert plain_text(later.locator(".cx-answer").inner_html()) == plain_text(describe_answer(other))
    page.reload()
    out = section(page, spec.id)
    expect(out.locator(".cx-feedback-area")).to_contain_text("You saved notes of 9 words")
    expect(out.get_by_label("Notes", exact=True)).to_have_value("")
    button(out, "Load my saved notes").click()
    expect(out.get_by_label("Notes", exact=True)).to_have_value(notes["text"])
