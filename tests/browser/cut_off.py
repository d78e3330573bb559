"""Finding exercise text that is cut off in a page (JupyterLab or the Voila app), and the notebook that
shows every exercise of the course for it.

Text counts as cut off when the element holding it clips it (``overflow`` other than visible, or
``text-overflow: ellipsis``) and its content is wider than its box; a list box whose items are wider
than the box or do not all fit in it; a drop-down whose chosen label is wider than the drop-down; or a
text field squeezed to almost nothing by its label.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from course.exercises.lookup import index
from course.paths import data_dir

# Elements holding exercise text whose text is not fully shown, as "what: text".
CUT_JS = """
(scope) => {
  const panel = document.querySelector(scope);
  const roots = panel ? panel.querySelectorAll('.cx-exercise, .course-share') : [];
  const canvas = document.createElement('canvas').getContext('2d');
  const found = [];
  const say = (el, what, text) => found.push(`${what}: ${text.trim().replace(/\\s+/g, ' ').slice(0, 90)}`);
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
      if (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && /^(text|number|)$/.test(el.type))) {
        if (el.clientWidth < 40) say(el, 'field squeezed to nothing', el.closest('.widget-inline-hbox')?.textContent || '');
        continue;
      }
      if (!el.textContent.trim() || el.tagName === 'INPUT') continue;
      const clips = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1) say(el, `<${el.tagName.toLowerCase()}> cut off`, el.textContent);
    }
  }
  return found;
}
"""


def exercise_ids() -> list[str]:
    """Every exercise of the course, the worked examples included."""
    return sorted(index(data_dir() / "exercises"))


def write_every_exercise(path: Path, part: slice = slice(None)) -> None:
    """A notebook at ``path`` showing every exercise (or the ``part`` of their sorted list), one per cell as
    the chapters do, then the share panel."""
    ids = exercise_ids()[part]
    cells = [nbformat.v4.new_code_cell(f'import course\ncourse.exercise("{ex}")') for ex in ids]
    cells.append(nbformat.v4.new_code_cell("course.share_with_seminar()"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
