"""No exercise text is cut off: every option, item and label of every course exercise, and the share
panel, wraps and is fully readable in JupyterLab at 1280 and at 800 pixels wide.

One generated notebook shows every exercise of the course (one per cell, as the chapters do) and the
share panel. Text counts as cut off when the element holding it clips it (``overflow`` other than
visible, or ``text-overflow: ellipsis``) and its content is wider than its box; a list box whose
items are wider than the box or do not all fit in it; or a drop-down whose chosen label is wider than
the drop-down.
"""

from __future__ import annotations

import nbformat
import pytest
from playwright.sync_api import Page

from course.exercises.lookup import index
from course.paths import data_dir

from .lab import LabServer, open_notebook, output_errors, run_all, wait_widgets_rendered

FOLDER = "_cut_off"
NOTEBOOK = f"{FOLDER}/every-exercise.ipynb"
WIDTHS = (1280, 800)

# Elements holding exercise text whose text is not fully shown, as "what: text".
_CUT_JS = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const roots = panel ? panel.querySelectorAll('.cx-exercise, .course-share') : [];
  const canvas = document.createElement('canvas').getContext('2d');
  const found = [];
  const say = (el, what, text) => found.push(`${what} [${el.className}] ${el.scrollWidth}>${el.clientWidth}: ${text.trim().replace(/\\s+/g, ' ').slice(0, 90)}`);
  for (const root of roots) {
    for (const el of root.querySelectorAll('*')) {
      if (!el.getClientRects().length) continue;  // not shown
      const cs = getComputedStyle(el);
      if (el.tagName === 'SELECT') {
        if (el.size > 1 || el.multiple) {
          if (el.scrollWidth > el.clientWidth + 1) say(el, 'list box item wider than the box', el.textContent);
          if (el.scrollHeight > el.clientHeight + 1) say(el, 'list box items hidden below', el.textContent);
        } else {
          const chosen = el.options[el.selectedIndex];
          canvas.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
          if (chosen && canvas.measureText(chosen.text).width > room + 1) say(el, 'drop-down label', chosen.text);
        }
        continue;
      }
      if (!el.textContent.trim() || el.tagName === 'TEXTAREA' || el.tagName === 'INPUT') continue;
      const clips = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1) say(el, `<${el.tagName.toLowerCase()}> cut off`, el.textContent);
    }
  }
  return found;
}
"""


def _write_notebook(server: LabServer) -> None:
    ids = sorted(index(data_dir() / "exercises"))  # the course's own exercises and examples
    cells = [nbformat.v4.new_code_cell(f'import course\ncourse.exercise("{ex}")') for ex in ids]
    cells.append(nbformat.v4.new_code_cell("course.share_with_seminar()"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    (server.root / FOLDER).mkdir(exist_ok=True)
    nbformat.write(nb, server.root / NOTEBOOK)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_exercise_text_is_cut_off(page: Page, server: LabServer, width: int) -> None:
    _write_notebook(server)
    page.set_viewport_size({"width": width, "height": 900})
    open_notebook(page, server, NOTEBOOK)
    run_all(page)
    assert output_errors(page) == []
    assert wait_widgets_rendered(page) == []
    # Cells far below the fold are laid out too (JupyterLab skips them otherwise).
    page.add_style_tag(content=".jp-Notebook .jp-Cell { content-visibility: visible !important; }")
    cut = page.evaluate(_CUT_JS)
    assert page.locator(".cx-exercise").count() == len(index(data_dir() / "exercises"))
    assert cut == [], f"at {width} px, {len(cut)} cut off:\n" + "\n".join(cut)
