"""The learner's own code of ethics first: choosing a profession and comparing code sections."""

from __future__ import annotations

import re
from typing import Any

from ..content import load_content
from ..progress.fallback import get_store
from ..progress.store import Store
from ..safe_html import esc, markdown
from ..theme import CSS

PROFESSIONS: dict[str, str] = {
    "APA": "Psychology (APA Ethics Code)",
    "ACA": "Counselling in the US (ACA Code of Ethics)",
    "NASW": "Social work (NASW Code of Ethics)",
    "AAMFT": "Marriage and family therapy (AAMFT Code of Ethics)",
    "BACP": "Counselling in the UK (BACP Ethical Framework)",
}
SETTING = "profession"


def current_profession(store: Store | None = None) -> str | None:
    """The body the learner chose (APA, ACA, NASW, AAMFT or BACP), or None; a broken store gives None."""
    if store is None:
        store = get_store()[0]
    try:
        value = store.get_setting(SETTING)
    except Exception:  # a broken store only loses the ordering
        return None
    body = str(value or "").strip().upper()
    return body if body in PROFESSIONS else None


def set_profession(body: str) -> None:
    """Remember the learner's body in the local progress store."""
    if body not in PROFESSIONS:
        raise ValueError(f"unknown body {body!r}; choose one of {', '.join(PROFESSIONS)}")
    get_store()[0].set_setting(SETTING, body)


def order_bodies(bodies: list[str], first: str | None = None) -> list[str]:
    """Bodies in course order, with the learner's own first."""
    first = first if first is not None else current_profession()
    known = [b for b in PROFESSIONS if b in bodies] + [b for b in bodies if b not in PROFESSIONS]
    return ([first] if first in known else []) + [b for b in known if b != first]


def choose_profession() -> Any:
    """A labelled choice of profession; saving it reorders every code comparison."""
    import ipywidgets as w

    chosen = current_profession()
    radio = w.RadioButtons(
        options=[(label, body) for body, label in PROFESSIONS.items()],
        value=chosen,
        description="My profession:",
        style={"description_width": "initial"},
        layout=w.Layout(width="auto"),
    )
    save = w.Button(description="Save my choice", tooltip="Save the profession whose code the course shows first")
    status = w.HTML(value=_status(chosen))

    def on_save(_: Any) -> None:
        if radio.value is None:
            status.value = "<p>Choose one of the professions above first.</p>"
            return
        set_profession(radio.value)
        status.value = _status(radio.value)

    save.on_click(on_save)
    return w.VBox([radio, save, status])


def _status(body: str | None) -> str:
    if body is None:
        return "<p>No profession chosen yet. The comparisons show the codes in a fixed order until you choose.</p>"
    return (
        f"<p>Saved: <strong>{esc(PROFESSIONS[body])}</strong>. Code comparisons will lead with the "
        f"{esc(body)} code. The choice stays on this computer.</p>"
    )


def sections_on(topic: str, content: Any = None) -> list[Any]:
    """Code sections tagged with ``topic``, the learner's own body first."""
    content = content or load_content()
    sections = [s for s in content.codes.values() if topic in s.topics]
    order = order_bodies(sorted({s.body for s in sections}))
    return sorted(sections, key=lambda s: (order.index(s.body), _section_key(s.section)))


def _section_key(section: str) -> tuple:
    """Sort '3.05' before '10.01' and 'A.5.d' after 'A.5.c'."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\s]+", section))


def compare_codes(topic: str) -> Any:
    """An HTML table of what each code says on a topic, with edition and section.

    A section's ``verify`` note is for instructors (``course validate --sources``) and is not shown.
    """
    from IPython.display import HTML

    sections = sections_on(topic)
    if not sections:
        return HTML(f"<p>No code sections in data/codes/ are tagged with the topic {esc(topic)!s}.</p>")
    mine = current_profession()
    rows = []
    for s in sections:
        own = " (your code)" if s.body == mine else ""
        rows.append(
            f"<tr><th scope='row'>{esc(s.body)}{own}<br><small>{esc(s.edition)}</small></th>"
            f"<td>{esc(s.section)} {esc(s.title)}</td><td>{markdown(s.paraphrase)}</td></tr>"
        )
    return HTML(
        CSS
        + f"<table class='course-codes course-table'><caption>What the codes say: {esc(topic.replace('-', ' '))}</caption>"
        "<thead><tr><th scope='col'>Code (edition)</th><th scope='col'>Section</th>"
        f"<th scope='col'>In our words</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
