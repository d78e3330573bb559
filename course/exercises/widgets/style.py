"""The one small CSS block every exercise carries (JupyterLab theme colours, light and dark).

Every colour is a JupyterLab theme variable (the value after the comma is a fallback for pages
without them). The feedback boxes sit on the page's own background so that their coloured edge
(success, warning, error) keeps at least 3:1 contrast with it in the light and the dark theme, and
their text the contrast of body text (see tests/displays/test_theme_colours.py).

Every option, item and label wraps onto as many lines as it needs (``course.theme.WRAP``), where the
widgets would cut it to one line ending in an ellipsis.
"""

from __future__ import annotations

from ...theme import WRAP

CSS = (
    """<style>
.cx-exercise { border-left: 4px solid var(--jp-brand-color1, #1976d2); padding: 0.2em 0 0.4em 0.9em;
  max-width: 56em; color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.cx-exercise h3 { margin: 0.2em 0 0.4em; font-size: 1.15em; }
.cx-exercise .cx-label { margin: 0.6em 0 0.2em; font-weight: 600; }
.cx-exercise .cx-small { color: var(--jp-ui-font-color2, rgba(0, 0, 0, 0.54)); font-size: 0.92em; }
.cx-feedback, .cx-answer, .cx-hints { padding: 0.4em 0.8em; margin: 0.4em 0; border-radius: 4px;
  border: 1px solid var(--jp-border-color2, #e0e0e0); border-left: 4px solid var(--jp-border-color1, #bdbdbd);
  background: var(--jp-layout-color1, #ffffff); color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.cx-ok { border-left-color: var(--jp-success-color1, #388e3c); }
.cx-partial { border-left-color: var(--jp-warn-color0, #e65100); }
.cx-wrong { border-left-color: var(--jp-error-color1, #d32f2f); }
.cx-stale { border-left-style: dashed; }
.cx-step { margin-bottom: 0.6em; }
.cx-feedback p, .cx-answer p, .cx-hints p { margin: 0.3em 0; }
.cx-exercise .widget-radio-box label, .cx-exercise .jupyter-widget-radio-box label { height: auto;
  min-height: var(--jp-widgets-radio-item-height, 24px); line-height: 1.4; white-space: normal;
  display: flex; flex-direction: row-reverse; justify-content: flex-end; align-items: flex-start;
  gap: 0.5em; padding: 0.15em 0; }
.cx-exercise .widget-radio-box input, .cx-exercise .jupyter-widget-radio-box input { margin-top: 0.25em;
  flex-shrink: 0; }
"""
    + WRAP.replace("{scope}", ".cx-exercise")
    + "</style>"
)
