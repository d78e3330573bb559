"""Author text cannot run code in the learner's JupyterLab.

``fixtures/exercises/e2e-injection*.yaml`` put script-injection payloads in every author text of a
single-choice and a decision exercise: title, prompt, options, hints, feedback, scenes, replies,
consequences and commentaries. (``<script>``, ``<img onerror>``, ``[x](javascript:...)``, ``<svg
onload>``, ``<iframe src=javascript:...>``, entity-encoded ``&lt;script&gt;`` and
``java&#x73;cript:``, mixed-case ``JaVaScRiPt:``, event-handler attributes on allowed tags ...)
Both specs pass ``course validate``. Shown, checked with every option, with every hint and the
answer revealed, they must stay inert: no dialog opens, and the exercises' output areas hold no
script, iframe, image or SVG element, no ``on*`` attribute and no ``javascript:``/``data:`` URL.
"""

from __future__ import annotations

import subprocess
import sys

from playwright.sync_api import Dialog, Page, expect

from course.exercises.scoring.decision import choice
from course.safe_html import plain

from .. import e2e_content
from ..lab import FEEDBACK_TIMEOUT, REPO, LabServer
from .answering import choose_radio, load_spec, play_path
from .helpers import OUTPUTS, button, exercise, feedback, open_exercises, revealed, step_through_hints

SINGLE, DECISION = e2e_content.INJECTION

# Everything in the exercise output areas that could run code or load something.
_ACTIVE_JS = """
(selector) => {
  const found = [];
  const bad = /^(javascript|vbscript|data|blob):/;
  const areas = [...document.querySelectorAll(selector)];
  for (const area of areas) {
    for (const el of area.querySelectorAll('.jp-OutputArea-output *')) {
      const tag = el.tagName.toLowerCase();
      const where = el.closest('.cx-exercise') ? '' : ' (outside the exercise widget)';
      if (['script', 'iframe', 'frame', 'object', 'embed', 'img', 'svg', 'math', 'form', 'base',
           'meta', 'link', 'details', 'audio', 'video', 'source', 'image', 'foreignobject'].includes(tag)) {
        found.push(`<${tag}> element${where}: ${el.outerHTML.slice(0, 120)}`);
      }
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) found.push(`${name}= on <${tag}>${where}`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster', 'background'].includes(name)) {
          const url = attr.value.replace(/[\\u0000-\\u0020\\u007f-\\u009f]/g, '').toLowerCase();
          if (bad.test(url) || name === 'srcdoc') found.push(`${name}="${attr.value}" on <${tag}>${where}`);
          if (name === 'href' && !url.startsWith('https:') && !url.startsWith('#'))
            found.push(`non-https link href="${attr.value}"${where}`);
        }
      }
    }
  }
  return {areas: areas.length, found};
}
"""


def active_content(page: Page) -> list[str]:
    result = page.evaluate(_ACTIVE_JS, OUTPUTS)
    assert result["areas"] == len(e2e_content.INJECTION), f"expected the output areas of {e2e_content.INJECTION}"
    return result["found"]


def test_injection_specs_pass_course_validate(server: LabServer) -> None:
    """The payload specs are valid exercises (schema, references, and the self-test: each fixture's
    feedback fires): ``course validate`` on the served content reports nothing about them."""
    from course.content import load_content
    from course.exercises.checks import check_file

    result = subprocess.run(
        [sys.executable, "-m", "course", "validate", str(server.data)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    ours = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if any(ex_id in line for ex_id in e2e_content.INJECTION)
    ]
    assert not ours, "\n".join(ours)
    content = load_content(server.data)  # raises, listing them, if the course content itself is broken
    for ex_id in e2e_content.INJECTION:
        path = server.data / "exercises" / "examples" / f"{ex_id}.yaml"
        _, spec, problems = check_file(path, content, folder="examples")
        assert spec is not None and not problems, "\n".join(str(p) for p in problems)


def test_injection_payloads_stay_inert(page: Page, server: LabServer) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message!r}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    open_exercises(page, server, "injection")
    problems = [f"after rendering: {p}" for p in active_content(page)]

    # The payloads are shown as text, not markup: the option labels read literally.
    single = load_spec(server, SINGLE)
    out = exercise(page, SINGLE)
    expect(out.locator(".cx-exercise h3")).to_have_text(single.title)
    expect(out).to_contain_text("Marker prompt text.")
    expect(out).to_contain_text("<script>alert(1)</script>")  # the entity-encoded payload, as text
    for option in single.options:
        choose_radio(out, plain(option.text))
        button(out, "Check").click()
        expect(feedback(out).last).to_contain_text(f"Marker feedback {option.id}", timeout=FEEDBACK_TIMEOUT)
    step_through_hints(out, single)
    button(out, "Show answer").click()
    expect(revealed(out)).to_contain_text("Marker feedback link", timeout=FEEDBACK_TIMEOUT)
    problems += [f"after checking, hints and reveal ({SINGLE}): {p}" for p in active_content(page)]

    decision = load_spec(server, DECISION)
    out = exercise(page, DECISION)
    expect(out).to_contain_text("Marker scene.")
    for path in ([f.answer for f in decision.fixtures][0], decision.answer):
        play_path(out, decision, path)
        last = choice(decision, path[-1])
        expect(feedback(out).last).to_contain_text(f"Marker commentary {last.id}", timeout=FEEDBACK_TIMEOUT)
        button(out, "Reset").click()
        expect(feedback(out)).to_have_count(0, timeout=FEEDBACK_TIMEOUT)
    step_through_hints(out, decision)
    button(out, "Show answer").click()
    expect(revealed(out)).to_contain_text("Marker commentary good", timeout=FEEDBACK_TIMEOUT)
    problems += [f"after playing, hints and reveal ({DECISION}): {p}" for p in active_content(page)]

    # One more round trip to the kernel and back, so a handler queued by the last render had its turn.
    button(out, "Reset").click()
    expect(revealed(out)).to_have_count(0, timeout=FEEDBACK_TIMEOUT)
    assert not dialogs, f"a payload ran: dialogs {dialogs}"
    assert not problems, "active content in the exercises' output:\n" + "\n".join(problems)
