"""An executed learner copy of a notebook as the HTML of one site page.

Markdown cells are rendered and sanitized; code cells show only their outputs (HTML, plots, widgets
as drawn when the notebook ran). A cell that calls one of the calls in ``LIVE`` gets the page's live
version instead: ``course.exercise("id")`` becomes an exercise scored in the page, the profession
choice, progress overview, "my ratings" plot and the review queue's count of reviews due and retention
over time (``REVIEW_WIDGETS``) work from the browser's own progress, the event explorer
and the Gottlieb worksheet are drawn live (``live_displays``), the case-judgement test and its results run
in the page from the browser's own progress (``judgement``), the setup check (meaningless without a
kernel) is replaced by a note, and so is the seminar's share panel (the site hands work in from its
progress page). Pictures are written as files.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field
from typing import Any

from ...safe_html import plain_text
from .judgement import results_section, test_section
from .live_displays import live_html
from .page_markdown import cell_html, heading_id
from .widget_snapshot import WIDGET_VIEW, Snapshot, widget_states

KEYWORD = re.compile(r"""\b(start|until)\s*=\s*["']([^"']+)["']""")  # a display call's text options
CALL = re.compile(
    r"""\b(exercise|choose_profession|progress_overview|my_timeline|check_environment|share_with_seminar|explorer"""
    r"""|gottlieb_worksheet|judgement_test|judgement_results|reviews_due|review_history)\(\s*(?:sitting\s*=\s*)?(?:["']([^"']+)["'])?"""
)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(["'])[^"']*\1""")  # the page's stylesheet lays outputs out
STYLE_ELEMENT = re.compile(r"<style\b[^>]*>.*?</style>", re.S | re.I)  # the displays' JupyterLab theme CSS
DATA_IMAGE = re.compile(r"""(src=)(["'])data:image/(png|jpeg|gif|svg\+xml);base64,([A-Za-z0-9+/=\s]+)\2""")
# The review queue's displays, live in the page (static/review-page.js) from the reviews kept in the browser.
REVIEW_WIDGETS = {
    "reviews_due": "<div class='site-widget' data-widget='review-due'><p>The number of reviews due is shown here "
    "when JavaScript is on; see <a href='review.html'>Review</a>.</p></div>",
    "review_history": "<div class='site-widget' data-widget='retention'><p>Your reviews over time are shown here "
    "when JavaScript is on.</p></div>",
}
HIDDEN_IN_SITE = frozenset({"course-nav"})  # the page has its own previous/next navigation
SETUP_NOTE = (
    "<div class='site-note' role='note'><p><strong>Nothing to set up here.</strong> This website runs "
    "the course in your browser: exercises are checked in the page, and your answers are kept in this "
    "browser only. The setup check is for the JupyterLab version of the course.</p></div>"
)
HAND_IN_NOTE = (
    "<div class='site-note' role='note'><p><strong>Handing in your work.</strong> On this website, "
    "<strong>Download my answers</strong> on the <a href='progress.html'>Your progress</a> page writes a file "
    "of your answers under a pseudonym, with your reflections left out unless you include them. You decide "
    "whether to send it to your instructor or tutor.</p></div>"
)


@dataclass
class Page:
    """What one notebook became: body HTML, its exercises (in order), and picture files to write."""

    stem: str
    title: str
    body: str
    exercises: list[str] = field(default_factory=list)
    my_ratings: list[str] = field(default_factory=list)
    judgement: bool = False  # the page shows the case-judgement test or its results
    images: dict[str, bytes] = field(default_factory=dict)


class PageBuilder:
    """Collects one page's HTML cell by cell."""

    def __init__(self, stem: str, exercise_html: Any) -> None:
        self.stem = stem
        self.exercise_html = exercise_html  # exercise id -> static HTML of its section
        self.parts: list[str] = []
        self.page = Page(stem, stem, "")

    def markdown_cell(self, source: str) -> None:
        rendered = cell_html(source)
        if not self.parts and self.page.title == self.stem:
            match = re.search(r"<h1[^>]*>(.*?)</h1>", rendered, re.S)
            if match:
                self.page.title = plain_text(match.group(1))
        self.parts.append(rendered)

    def code_cell(self, source: str, outputs: list[dict[str, Any]], snapshot: Any) -> None:
        calls = CALL.findall(source)
        exercises = [arg for name, arg in calls if name == "exercise" and arg]
        live = {name for name, _ in calls}
        out: list[str] = []
        if "check_environment" in live:  # the setup check describes the build machine, not the reader's
            outputs = []
            out.append(SETUP_NOTE)
        if "share_with_seminar" in live:  # the site hands work in through its progress page
            outputs = []
            out.append(HAND_IN_NOTE)
        if "judgement_test" in live or "judgement_results" in live:  # run in the page (static/judgement.js)
            outputs = []
            self.page.judgement = True
            out += [test_section(arg) for name, arg in calls if name == "judgement_test"]
            out += [results_section() for name, _ in calls if name == "judgement_results"]
        for name, widget in REVIEW_WIDGETS.items():
            if name in live:  # the lab's widget reads the lab's store; the page's reads this browser's
                outputs = []
                out.append(widget)
        for name in ("explorer", "gottlieb_worksheet"):
            if name in live:  # drawn in the page, live (static/displays.js), instead of a dead snapshot
                outputs = []
                out.append(live_html(name, dict(KEYWORD.findall(source))))
        for output in outputs:
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                continue
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                if exercises:
                    out.append(self._exercise(exercises.pop(0)))
                elif "choose_profession" in live:
                    out.append(
                        "<div class='site-widget' data-widget='profession'><p>Choose your profession on the "
                        "<a href='progress.html'>Your progress</a> page (this needs JavaScript).</p></div>"
                    )
                elif "progress_overview" in live:
                    out.append(
                        "<div class='site-widget' data-widget='progress'><p>Your progress is shown here "
                        "when JavaScript is on.</p></div><h4>Your reviews over time</h4>"
                        + REVIEW_WIDGETS["review_history"]
                    )
                else:
                    out.append(snapshot.render(str(data[WIDGET_VIEW].get("model_id", ""))))
                continue
            if "my_timeline" in live:
                continue  # drawn in the page from the learner's own ratings, below
            out.append(self._output(output))
        for exercise_id in exercises:  # a call whose widget was not shown: still live in the page
            out.append(self._exercise(exercise_id))
        for name, arg in calls:
            if name == "my_timeline" and arg:
                self.page.my_ratings.append(arg)
                out.append(
                    f"<div class='site-widget' data-widget='my-ratings' data-exercise='{html.escape(arg, quote=True)}'>"
                    "<p>Your ratings are drawn here beside the course's (this needs JavaScript).</p></div>"
                )
        body = "".join(part for part in out if part)
        if body:
            body = STYLE_ELEMENT.sub("", STYLE_ATTRIBUTE.sub("", self._images(body)))
            self.parts.append(f"<div class='site-output'>{body}</div>")

    def _exercise(self, exercise_id: str) -> str:
        self.page.exercises.append(exercise_id)
        return self.exercise_html(exercise_id)

    def _output(self, output: dict[str, Any]) -> str:
        kind = output.get("output_type")
        if kind == "stream":
            text = "".join(output.get("text", ""))
            return f"<pre>{html.escape(text)}</pre>" if text.strip() else ""
        if kind not in ("display_data", "execute_result"):
            return ""
        data = output.get("data", {})
        if "text/html" in data:
            value = data["text/html"]
            return "".join(value) if isinstance(value, list) else str(value)
        for mime in ("image/png", "image/jpeg"):
            if mime in data:
                alt = output.get("metadata", {}).get("alt") or data.get("text/plain") or "a plot"
                alt = "".join(alt) if isinstance(alt, list) else str(alt)
                return f"<img src='data:{mime};base64,{data[mime]}' alt='{html.escape(alt, quote=True)}'>"
        if "text/plain" in data:
            value = data["text/plain"]
            return f"<pre>{html.escape(''.join(value) if isinstance(value, list) else str(value))}</pre>"
        return ""

    def _images(self, fragment: str) -> str:
        """Inline pictures written as files under img/ (named by their content, so pages share them)."""

        def swap(match: re.Match[str]) -> str:
            raw = base64.b64decode("".join(match.group(4).split()))
            suffix = {"png": "png", "jpeg": "jpg", "gif": "gif", "svg+xml": "svg"}[match.group(3)]
            name = f"img/{hashlib.sha256(raw).hexdigest()[:16]}.{suffix}"
            self.page.images[name] = raw
            return f"{match.group(1)}{match.group(2)}{name}{match.group(2)}"

        return DATA_IMAGE.sub(swap, fragment)

    def finish(self) -> Page:
        self.page.body = "\n".join(self.parts)
        return self.page


def notebook_page(nb: Any, stem: str, exercise_html: Any) -> Page:
    """The page of one executed learner copy (``nb``)."""
    snapshot = Snapshot(widget_states(nb))
    builder = PageBuilder(stem, exercise_html)
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []) or [])
        if tags & HIDDEN_IN_SITE:
            continue
        if cell.get("cell_type") == "markdown":
            builder.markdown_cell(cell.get("source", ""))
        elif cell.get("cell_type") == "code":
            builder.code_cell(cell.get("source", ""), cell.get("outputs", []), snapshot)
    return builder.finish()


__all__ = ["Page", "PageBuilder", "heading_id", "notebook_page"]
