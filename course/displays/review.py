"""The Review notebook's queue and the course map's count of reviews due.

``review_queue()`` shows the reviews due now, each as its exercise's own widget started blank
(``course.review.session``): the first checked answer rates the review by the rule in
``course.review.rating``; a reflection or discussion gets four buttons for the learner's own rating.
``reviews_due()`` is one line for the course map. Both read the learner's own progress store.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..content import load_content
from ..exercises.types import build_view
from ..progress.fallback import get_store
from ..progress.store import Store
from ..review import queue as review_queue_data
from ..review.rating import RATINGS, rating_for_score, self_rated
from ..review.schedule import parse_time
from ..review.session import ReviewStore
from ..safe_html import esc
from ..theme import CSS

SITTING = 10  # reviews shown at once: one sitting; running the cell again shows the next ones
REVIEW_NOTEBOOK = "review.ipynb"


def when_text(due: datetime, now: datetime) -> str:
    """'now', 'in 10 minutes', 'in 5 hours', 'tomorrow', 'in 12 days (Mon 19 Jan)'."""
    seconds = (due - now).total_seconds()
    if seconds <= 0:
        return "now"
    if seconds < 3600:
        minutes = max(1, round(seconds / 60))
        return f"in {minutes} minute{'' if minutes == 1 else 's'}"
    if seconds < 86400:
        hours = round(seconds / 3600)
        return f"in {hours} hour{'' if hours == 1 else 's'}"
    days = round(seconds / 86400)
    day = due.astimezone().strftime("%a %d %b").replace(" 0", " ")
    return "tomorrow" if days == 1 else f"in {days} days ({day})"


def due_summary(store: Store, now: datetime | None = None) -> tuple[int, int, datetime | None]:
    """(reviews due now, exercises met, when the next one not yet due falls due)."""
    now = now or datetime.now(timezone.utc)
    items = review_queue_data.build_queue(store)
    due = review_queue_data.due_items(items, now)
    return len(due), len(items), review_queue_data.next_due(items, now)


def due_sentence(due: int, met: int, upcoming: datetime | None, now: datetime) -> str:
    """The course map's line about reviews, in plain words."""
    if not met:
        return (
            "No reviews yet: an exercise joins your review queue when you first answer it in its chapter, "
            "comes back for its first review a day later, and then on a schedule that spaces it out as you "
            "remember it."
        )
    if due:
        return f"{due} review{'' if due == 1 else 's'} due now, of the {met} exercises in your review queue."
    nxt = f" The next one is due {when_text(upcoming, now)}." if upcoming else ""
    return f"No reviews are due now ({met} exercises in your review queue).{nxt}"


def reviews_due() -> Any:
    """One line for the course map: how many reviews are due, with a link to the Review notebook."""
    import ipywidgets as w

    now = datetime.now(timezone.utc)
    sentence = due_sentence(*due_summary(get_store()[0], now), now)
    return w.HTML(
        value=f"{CSS}<div class='course-review-due' role='status'><p><strong>Your reviews.</strong> "
        f"{esc(sentence)} Open the <a href='{REVIEW_NOTEBOOK}'>Review notebook</a> to do them.</p></div>"
    )


def _rated_html(rating: int, how: str, next_due: datetime, now: datetime) -> str:
    return (
        f"<p class='cx-small' role='status'><strong>Review rated {esc(RATINGS[rating])}</strong> ({esc(how)}). "
        f"It comes back {esc(when_text(next_due, now))}.</p>"
    )


class ReviewPanel:
    """One due exercise shown again: its widget (``view``), rating buttons for a reflection, a status line."""

    def __init__(self, item: Any, store: Store, chapters: dict[str, str]) -> None:
        import ipywidgets as w

        self.spec, self.store = item.spec, store
        self.status = w.HTML()
        self.buttons: list[Any] = []
        self.view = build_view(self.spec, ReviewStore(store, self._first_score))
        where = chapters.get(self.spec.notebook, self.spec.notebook)
        n = item.reviews
        seen = f"reviewed {n} time{'' if n == 1 else 's'} before" if n else "first review"
        head = w.HTML(
            value=f"<p class='cx-small'>From <a href='{esc(self.spec.notebook)}.ipynb'>{esc(where)}</a> · "
            f"{esc(seen)}</p>"
        )
        parts = [head, self.view.box]
        if self_rated(self.spec.type):
            for value, name in RATINGS.items():
                button = w.Button(description=name, tooltip=f"Rate this review {name}", layout=w.Layout(width="auto"))
                button.on_click(lambda _b, value=value: self.rate(value, "your own rating"))
                self.buttons.append(button)
            ask = w.HTML(value="<p class='cx-small'>When you have thought it through: how well did you recall it?</p>")
            parts += [ask, w.HBox(self.buttons, layout=w.Layout(flex_flow="row wrap"))]
        self.box = w.VBox([*parts, self.status], layout=w.Layout(margin="0 0 1.5em 0"))

    def _first_score(self, score: float, top: float) -> None:
        self.rate(rating_for_score(score, top), f"your first answer scored {score:g} of {top:g}")

    def rate(self, rating: int, how: str) -> None:
        """Schedule the review with this rating, say when it comes back, and close the rating buttons."""
        saved = review_queue_data.record_review(self.store, self.spec, rating)
        self.status.value = _rated_html(rating, how, parse_time(saved.card["due"]), datetime.now(timezone.utc))
        for button in self.buttons:
            button.disabled = True


class ReviewQueue:
    """The reviews due now, one ``ReviewPanel`` each; displays as ``box``."""

    def __init__(self, store: Store, limit: int = SITTING, now: datetime | None = None) -> None:
        import ipywidgets as w

        now = now or datetime.now(timezone.utc)
        items = review_queue_data.build_queue(store)
        due = review_queue_data.due_items(items, now)
        intro = due_sentence(len(due), len(items), review_queue_data.next_due(items, now), now)
        if len(due) > limit:
            intro += f" Here are the first {limit}; run this cell again for the next ones."
        chapters = {nb.id: nb.title for nb in load_content().course.notebooks}
        self.panels = [ReviewPanel(item, store, chapters) for item in due[:limit]]
        self.intro = w.HTML(f"{CSS}<p class='course-review-due' role='status'>{esc(intro)}</p>")
        self.box = w.VBox([self.intro, *(p.box for p in self.panels)])

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)


def review_queue(limit: int = SITTING) -> ReviewQueue:
    """The reviews due now (at most ``limit``), each ready to answer; a note when none is due."""
    return ReviewQueue(get_store()[0], limit)
