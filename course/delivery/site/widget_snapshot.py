"""A widget as static HTML, drawn from the widget state that nbclient saves in an executed notebook.

The site's pages must work offline and without a kernel, so instead of embedding the widget state with
a renderer loaded from the web, each widget view is replaced by a snapshot: HTML widgets keep
their HTML, controls become inert text (a button's label, a list's options, a slider's value),
boxes keep their children. Parts hidden in the notebook (``display: none``) stay hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_REF = "IPY_MODEL_"
_PLACEHOLDER = re.compile(r"^\s*(?:—|--)")  # "— choose a level —": a prompt, not an option

State = dict[str, Any]


def widget_states(nb: Any) -> dict[str, State]:
    """model id -> {"model_name", "state", ...} from the notebook's metadata (empty if none saved)."""
    saved = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {})
    return dict(saved.get("state", {}))


class Snapshot:
    """Renders model ids of one notebook's widget state to static HTML."""

    def __init__(self, states: dict[str, State]) -> None:
        self.states = states

    def render(self, model_id: str) -> str:
        """Static HTML for the widget ``model_id`` and its children; '' when unknown or hidden."""
        model = self.states.get(model_id.removeprefix(_REF))
        if model is None:
            return ""
        state = model.get("state", {})
        if self._hidden(state):
            return ""
        name = str(model.get("model_name", "")).removesuffix("Model")
        draw = _DRAW.get(name) or (_selection if "_options_labels" in state else _other)
        return draw(self, state)

    def children(self, state: State) -> list[str]:
        return [html for ref in state.get("children", []) if (html := self.render(str(ref)))]

    def _hidden(self, state: State) -> bool:
        layout = self.states.get(str(state.get("layout", "")).removeprefix(_REF), {}).get("state", {})
        return layout.get("display") == "none" or layout.get("visibility") == "hidden"


def _desc(state: State) -> str:
    text = str(state.get("description") or "").strip()
    return f"<span class='snap-label'>{escape(text)}</span> " if text else ""


def _html(snap: Snapshot, state: State) -> str:
    value = str(state.get("value") or "")
    return f"<div class='snap-html'>{_desc(state)}{value}</div>" if value.strip() or _desc(state) else ""


def _label(snap: Snapshot, state: State) -> str:
    return f"<div class='snap-html'>{escape(str(state.get('value') or ''))}</div>"


def _box(snap: Snapshot, state: State) -> str:
    parts = snap.children(state)
    return f"<div class='snap-box'>{''.join(parts)}</div>" if parts else ""


def _hbox(snap: Snapshot, state: State) -> str:
    parts = snap.children(state)
    return f"<div class='snap-box snap-row'>{''.join(parts)}</div>" if parts else ""


def _titled(snap: Snapshot, state: State) -> str:
    titles = list(state.get("titles") or state.get("_titles", {}).values() or [])
    parts = []
    for i, ref in enumerate(state.get("children", [])):
        title = escape(str(titles[i])) if i < len(titles) and titles[i] else f"Part {i + 1}"
        parts.append(f"<div class='snap-box'><h5>{title}</h5>{snap.render(str(ref))}</div>")
    return "".join(parts)


def _button(snap: Snapshot, state: State) -> str:
    label = escape(str(state.get("description") or state.get("tooltip") or "button"))
    return f"<span class='snap-button' title='a button in the live notebook'>{label}</span>"


def _check(snap: Snapshot, state: State) -> str:
    mark = "&#9745;" if state.get("value") else "&#9744;"
    return f"<div class='snap-control'>{mark} {escape(str(state.get('description') or ''))}</div>"


def _valid(snap: Snapshot, state: State) -> str:
    mark = "&#10004;" if state.get("value") else "&#10008;"
    return f"<div class='snap-control'>{mark} {escape(str(state.get('description') or ''))}</div>"


def _selection(snap: Snapshot, state: State) -> str:
    labels = [str(label) for label in state.get("_options_labels", [])]
    chosen = state.get("index")
    chosen = set(chosen) if isinstance(chosen, (list, tuple)) else {chosen}
    items = "".join(
        f"<li>{'&#9673;' if i in chosen else '&#9675;'} {escape(label)}</li>"
        for i, label in enumerate(labels)
        if not _PLACEHOLDER.match(label)
    )
    return f"<div class='snap-control'>{_desc(state)}<ul class='snap-options'>{items}</ul></div>"


def _value(snap: Snapshot, state: State) -> str:
    value = state.get("value")
    shown = "" if value is None else escape(str(value))
    span = ""
    if "min" in state and "max" in state:
        span = f" <span class='snap-small'>({escape(str(state['min']))} to {escape(str(state['max']))})</span>"
    return f"<div class='snap-control'>{_desc(state)}<span class='snap-value'>{shown}</span>{span}</div>"


def _output(snap: Snapshot, state: State) -> str:
    return "".join(render_output(out) for out in state.get("outputs", []))


def _other(snap: Snapshot, state: State) -> str:
    if state.get("children"):
        return _box(snap, state)
    return f"<div class='snap-control'>{_desc(state)}<em>(interactive in the live notebook)</em></div>"


def render_output(out: dict[str, Any]) -> str:
    """One saved output (from an Output widget) as HTML: HTML, image or plain text."""
    if out.get("output_type") == "stream":
        return f"<pre>{escape(''.join(out.get('text', '')))}</pre>" if out.get("name") == "stdout" else ""
    data = out.get("data", {})
    if "text/html" in data:
        return "".join(data["text/html"]) if isinstance(data["text/html"], list) else str(data["text/html"])
    if "image/png" in data:
        alt = escape(str(out.get("metadata", {}).get("alt") or "a plot"), quote=True)
        return f"<img src='data:image/png;base64,{data['image/png']}' alt='{alt}'>"
    if "text/plain" in data and WIDGET_VIEW not in data:
        text = data["text/plain"]
        return f"<pre>{escape(''.join(text) if isinstance(text, list) else str(text))}</pre>"
    return ""


_DRAW: dict[str, Callable[[Snapshot, State], str]] = {
    "HTML": _html,
    "HTMLMath": _html,
    "Label": _label,
    "Box": _box,
    "VBox": _box,
    "GridBox": _box,
    "HBox": _hbox,
    "Accordion": _titled,
    "Tab": _titled,
    "Stack": _titled,
    "Button": _button,
    "ToggleButton": _button,
    "Checkbox": _check,
    "Valid": _valid,
    "IntSlider": _value,
    "FloatSlider": _value,
    "FloatLogSlider": _value,
    "IntRangeSlider": _value,
    "FloatRangeSlider": _value,
    "SelectionSlider": _value,
    "IntProgress": _value,
    "FloatProgress": _value,
    "Text": _value,
    "Textarea": _value,
    "IntText": _value,
    "FloatText": _value,
    "BoundedIntText": _value,
    "BoundedFloatText": _value,
    "Password": _other,
    "Output": _output,
}
