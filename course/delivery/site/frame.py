"""The frame of every site page (header, search, navigation, footer) and the pages no notebook gives:
the course map (``index.html``) and the learner's progress (``progress.html``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...displays.ethics_codes import PROFESSIONS
from ...exercises.lookup import index, load
from ...exercises.types import type_of
from ...review import queue as review_queue
from ...safe_html import esc

SCRIPTS = (  # in the order each page loads them
    "scoring.js",
    "progress.js",
    "vendor/ts-fsrs/index.umd.js",
    "review.js",
    "exercises.js",
    "judgement.js",
    "displays.js",
    "conditions.js",
    "review-page.js",
    "site.js",
)
# Scripts and styles only from the site itself; no connection anywhere; no plugins, frames or forms sent.
CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"
STORE_KEY = "jane-susan-course/progress"


@dataclass(frozen=True)
class Link:
    """A page in the site's reading order."""

    href: str
    title: str


def json_script(element_id: str, value: Any) -> str:
    """A ``<script type="application/json">`` block that no text inside can break out of."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def reviewable(content: Any, data: Path) -> list[dict[str, str]]:
    """The exercises marked ``review: true`` as {id, notebook, type}, in the order of
    ``course.review.queue.reviewable`` (chapter by chapter, then by id)."""
    return [{"id": s.id, "notebook": s.notebook, "type": s.type} for s in review_queue.reviewable(data, content)]


def site_data(content: Any, data: Path) -> dict[str, Any]:
    """What every page's script needs: the store key, professions, notebooks, objectives, exercises, and
    the reviewable exercises (for the count of reviews due)."""
    notebooks = [{"id": nb.id, "title": nb.title} for nb in content.course.notebooks]
    objectives = [{"id": o.id, "text": o.text} for nb in content.course.notebooks for o in nb.objectives]
    known = {nb["id"] for nb in notebooks}
    exercises = []
    for exercise_id in sorted(index(data / "exercises")):
        spec = load(exercise_id, root=data).spec
        if spec is not None and spec.notebook in known and type_of(spec).counted:  # not optional notes
            exercises.append({"id": spec.id, "type": spec.type, "notebook": spec.notebook, "objective": spec.objective})
    return {
        "store_key": STORE_KEY,
        "professions": [[body, label] for body, label in PROFESSIONS.items()],
        "notebooks": notebooks,
        "objectives": objectives,
        "exercises": exercises,
        "reviewable": reviewable(content, data),
    }


def frame(
    *,
    title: str,
    course_title: str,
    body: str,
    current: str,
    prev: Link | None,
    next_: Link | None,
    data: dict[str, Any],
    exercises: dict[str, Any] | None = None,
    judgement: dict[str, Any] | None = None,
) -> str:
    """A whole HTML page around ``body`` (``judgement``: the test's forms, on a page that shows it)."""

    def nav_item(href: str, label: str) -> str:
        here = ' aria-current="page"' if href == current else ""
        return f'<li><a href="{href}"{here}>{esc(label)}</a></li>'

    nav = "".join(
        nav_item(h, t)
        for h, t in (
            ("index.html", "Course map"),
            ("glossary.html", "Glossary"),
            ("review.html", "Review"),
            ("progress.html", "Your progress"),
        )
    )
    pager = ""
    if prev or next_:
        left = f'<a href="{prev.href}" rel="prev">← Previous: {esc(prev.title)}</a>' if prev else "<span></span>"
        right = f'<a href="{next_.href}" rel="next">Next: {esc(next_.title)} →</a>' if next_ else "<span></span>"
        pager = f'<nav class="site-pager" aria-label="Previous and next page">{left}{right}</nav>'
    scripts = "".join(f'<script src="static/{name}"></script>' for name in SCRIPTS)
    page_title = esc(title) if title == course_title else f"{esc(title)} · {esc(course_title)}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<title>{page_title}</title>
<link rel="icon" href="static/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="static/site.css">
<link rel="stylesheet" href="static/print.css" media="print">
</head>
<body>
<a class="skip-link" href="#main">Skip to the content</a>
<header class="site-header"><div class="inner">
<a class="site-title" href="index.html">{esc(course_title)}</a>
<nav class="site-nav" aria-label="Course"><ul>{nav}</ul></nav>
<form class="site-search" role="search" action="#"><label for="site-search">Search the course</label><input type="search" id="site-search" autocomplete="off"><div id="site-search-results" class="site-search-results" hidden></div></form>
</div></header>
<main id="main">
{body}
</main>
{pager}
<footer class="site-footer"><div class="inner"><p>Jane, Susan and everyone in their story are fictional; the case was written for teaching. Your answers are kept in this browser only and never sent anywhere.</p></div></footer>
{json_script("course-site", data)}
{json_script("course-exercises", exercises or {})}
{json_script("course-judgement", judgement) if judgement else ""}
{scripts}
</body>
</html>
"""


def course_map(content: Any, pages: dict[str, str]) -> str:
    """The body of ``index.html``: what the site is, and every notebook with its time and objectives."""
    items = []
    for nb in content.course.notebooks:
        if nb.id not in pages:
            continue
        objectives = "".join(f"<li>{esc(o.text)}</li>" for o in nb.objectives)
        note = (
            f"<p class='about'><strong>Content note.</strong> {esc(nb.content_note.strip())}</p>"
            if nb.content_note
            else ""
        )
        items.append(
            f"<li><h3><a href='{nb.id}.html'>{esc(nb.title)}</a></h3>"
            f"<p class='about'>About {nb.minutes} minutes. {esc(nb.summary)}</p>{note}"
            f"<details><summary>You will be able to</summary><ul>{objectives}</ul></details></li>"
        )
    total = sum(nb.minutes for nb in content.course.notebooks if nb.id in pages)
    hours, minutes = divmod(total, 60)
    length = f"{hours} hours" + (f" {minutes} minutes" if minutes else "")
    extra = "".join(
        f"<li><h3><a href='{stem}.html'>{esc(title)}</a></h3></li>"
        for stem, title in pages.items()
        if stem not in {nb.id for nb in content.course.notebooks}
    )
    return (
        f"<h1>{esc(content.course.title)}</h1>"
        "<p>The whole course as a website: read each chapter, answer its exercises in the page and get "
        "feedback at once. Nothing to install, and nothing leaves your computer: your answers are kept in "
        "this browser, and <a href='progress.html'>Your progress</a> lets you download them as a file for "
        "your instructor or load them in another browser.</p>"
        "<div class='site-widget' data-widget='review-due'><p>The number of reviews due is shown here when "
        "JavaScript is on.</p></div>"
        f"<h2 id='Map-of-the-course'>Map of the course</h2><p>{len(items)} notebooks, about {length} in all. "
        "Take them in order; each ends with a link to the next.</p>"
        f"<ol class='site-map'>{''.join(items)}</ol>"
        + (f"<h2 id='Reference'>Reference</h2><ul class='site-map'>{extra}</ul>" if extra else "")
    )


REVIEW_BODY = """<h1>Review</h1>
<p>Short questions from the chapters you have worked through come back here, spaced out over days and
weeks so that what you learned stays with you. An exercise joins your reviews when you first answer it in
its chapter. Each review is rated from your first answer (full marks: Good; at least half: Hard; less:
Again); a reflection you rate yourself. The next review of each exercise is then scheduled by FSRS, the
Free Spaced Repetition Scheduler, in this browser.</p>
<div class="site-widget" data-widget="review"><p>Reviewing needs JavaScript.</p></div>
"""

PROGRESS_BODY = """<h1>Your progress</h1>
<p>What you have answered in this website, read from this browser's storage. Answers are never sent
anywhere; another browser, or a private window, starts empty.</p>
<h2 id="Your-answers">Your answers</h2>
<div class="site-widget" data-widget="answers"><p>Downloading and loading your answers needs JavaScript.</p></div>
<h2 id="Completed-exercises">Completed exercises</h2>
<div class="site-widget" data-widget="progress"><p>Your progress is shown here when JavaScript is on.</p></div>
<h2 id="Retention-over-time">Retention over time</h2>
<div class="site-widget" data-widget="retention"><p>Your retention is shown here when JavaScript is on.</p></div>
<h2 id="Your-own-code-first">Your own code first</h2>
<p>Choose the profession you are training for: code comparisons and exercise options then lead with your
own code of ethics.</p>
<div class="site-widget" data-widget="profession"><p>Choosing a profession needs JavaScript.</p></div>
"""


def exercise_section(compiled: dict[str, Any], static_body: str) -> str:
    """The section an exercise lives in: title and prompt as HTML (shown at once), the question as
    a static list until the page script makes it live."""
    ex_id = esc(compiled["id"])
    return (
        f"<section class='cx-exercise' id='exercise-{ex_id}' data-exercise='{ex_id}' "
        f"aria-labelledby='exercise-{ex_id}-title'><h3 id='exercise-{ex_id}-title'>{compiled['title_html']}</h3>"
        f"<div class='cx-prompt'>{compiled['prompt_html']}</div><div class='cx-static'>{static_body}</div></section>"
    )


def problem_section(exercise_id: str, problems: list[Any]) -> str:
    """In place of an exercise whose files are wrong: the problems (the build reports them too)."""
    rows = "".join(f"<li><code>{esc(p)}</code></li>" for p in problems)
    return (
        f"<section class='cx-exercise cx-broken'><p><strong>The exercise '{esc(exercise_id)}' cannot be "
        f"shown.</strong></p><ul>{rows}</ul></section>"
    )
