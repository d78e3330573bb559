"""The look of the course's displays in JupyterLab, in its light and dark themes alike.

One small CSS block, carried by every display that is not an exercise (exercises carry their own,
``course.exercises.widgets.style``): the timeline, the event explorer, event cards, the codes side by
side, the Gottlieb worksheet and the progress overview. Every colour is one of JupyterLab's theme
variables (the value after the comma is only a fallback for pages without them), so the displays
follow the learner's theme. The one exception is deliberate: pictures sit on a white card
(``.course-picture``), because a plot drawn for a white page stays readable on a dark one that way.
"""

from __future__ import annotations

# The colour every picture is drawn for; ``PICTURE_CARD`` is the only colour not from the theme.
PICTURE_CARD = "#ffffff"

# Widget text wraps, never ends in an ellipsis: ipywidgets draw a check box's label, a description and a
# list box's items on one line of fixed height and cut what does not fit, which a learner can then read
# only by hovering with a mouse. ``{scope}`` is the class of the display the rules apply in.
WRAP = """
{scope} .widget-inline-hbox, {scope} .jupyter-widget-inline-hbox { height: auto;
  min-height: var(--jp-widgets-inline-height, 28px); margin-left: 0; margin-right: 0; max-width: 100%; }
{scope} .widget-checkbox, {scope} .jupyter-widget-checkbox { width: auto; }
{scope} .widget-label-basic, {scope} .jupyter-widget-label-basic, {scope} .widget-label,
{scope} .jupyter-widget-label { white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  line-height: 1.4; overflow-wrap: anywhere; }
{scope} .widget-label-basic, {scope} .jupyter-widget-label-basic { display: flex; align-items: flex-start;
  gap: 0.5em; padding: 0.15em 0; }
{scope} .widget-label-basic span, {scope} .jupyter-widget-label-basic span { white-space: normal;
  overflow: visible; text-overflow: clip; }
{scope} .widget-label-basic input, {scope} .jupyter-widget-label-basic input { flex-shrink: 0; margin-top: 0.25em; }
{scope} .widget-select select, {scope} .jupyter-widget-select select { width: 100%; min-width: 0; max-width: 100%;
  flex: 1 1 auto; height: auto; field-sizing: content; }
{scope} .widget-select option, {scope} .jupyter-widget-select option { white-space: normal; padding: 0.15em 0.2em; }
{scope} .widget-dropdown select, {scope} .jupyter-widget-dropdown select { max-width: 100%; }
{scope} .widget-button, {scope} .jupyter-button { height: auto; min-height: var(--jp-widgets-inline-height, 28px);
  white-space: normal; overflow: visible; text-overflow: clip; max-width: 100%; }
"""

CSS = (
    """<style>
.course-timeline, .course-explorer-event, .course-event, .course-codes, .course-progress,
.course-worksheet-result, .course-worksheet-problems { color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
figure.course-timeline { margin: 0.4em 0; max-width: 1300px; }
.course-timeline-title { font-weight: 600; margin: 0.2em 0 0.4em; }
.course-picture { background: """
    + PICTURE_CARD
    + """; border: 1px solid var(--jp-border-color2, #e0e0e0); border-radius: 6px;
  padding: 6px; line-height: 0; max-width: 100%; box-sizing: border-box; }
.course-picture img { max-width: 100%; height: auto; }
.course-timeline figcaption { margin-top: 0.4em; max-width: 62em; }
.course-timeline-keys-heading { margin: 0.3em 0 0.1em; }
ol.course-timeline-keys { columns: 2 22em; column-gap: 2em; margin: 0.2em 0 0.5em; }
.course-timeline-messages { border-left: 4px solid var(--jp-warn-color0, #e65100); padding: 0.1em 0.8em;
  margin: 0.3em 0; background: var(--jp-layout-color1, #ffffff); }
table.course-table { border-collapse: collapse; margin: 0.4em 0; color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.course-table th, .course-table td { border: 1px solid var(--jp-border-color2, #e0e0e0);
  padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
.course-table thead th { background: var(--jp-layout-color2, #eeeeee); }
.course-event { border: 1px solid var(--jp-border-color2, #e0e0e0);
  border-left: 4px solid var(--jp-brand-color1, #1976d2); border-radius: 4px; padding: 0.3em 0.9em;
  margin: 0.6em 0; max-width: 56em; background: var(--jp-layout-color1, #ffffff); }
.course-explorer-event { max-width: 56em; }
.course-path-scene { border: 1px dashed var(--jp-border-color2, #e0e0e0); border-radius: 4px; padding: 0.3em 0.9em;
  margin: 0.6em 0; max-width: 56em; background: var(--jp-layout-color1, #ffffff);
  color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.course-paths { border-top: 1px dashed var(--jp-border-color2, #e0e0e0); margin-top: 0.6em; padding-top: 0.2em; }
.course-worksheet-result, .course-worksheet-problems { border-left: 4px solid var(--jp-brand-color1, #1976d2);
  padding: 0.2em 0.9em; margin: 0.4em 0; background: var(--jp-layout-color1, #ffffff); }
.course-worksheet-problems { border-left-color: var(--jp-error-color1, #d32f2f); }
.course-progress progress { accent-color: var(--jp-brand-color1, #1976d2); }
.course-muted { color: var(--jp-content-font-color2, rgba(0, 0, 0, 0.54)); }
</style>"""
)
