"""The review queue: which reviewable exercises the learner has met, and which are due.

An exercise is reviewable when its YAML says ``review: true``. The learner meets it when they first
answer it in its chapter (first checked answer; first saved text for a reflection or discussion): from
then on it is in the queue, a new card whose first review falls due one day after that first answer
(``schedule.first_due``), so that the first review is a spaced retrieval, not a repetition straight after
the chapter's feedback. Its reviews are kept in the progress store's review log; the card state after the
latest review says when it is next due. An exercise the learner has never met is never due.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from fsrs import Card

from ..content import load_content
from ..content.yaml_reader import load_yaml
from ..exercises.lookup import index, load
from ..exercises.spec import content_hash
from ..paths import data_dir
from ..progress.records import Review
from ..progress.store import Store
from . import schedule


@dataclass(frozen=True)
class QueueItem:
    """One met reviewable exercise: its spec, when it was met, its card and when it is due."""

    spec: Any
    met_at: datetime
    card: Card
    reviews: int

    @property
    def exercise_id(self) -> str:
        return str(self.spec.id)

    @property
    def due(self) -> datetime:
        return self.card.due


def reviewable(root: Path | None = None, content: Any = None) -> list[Any]:
    """The specs marked ``review: true``, in course order (chapter by chapter, then by id)."""
    root = Path(root) if root is not None else data_dir()
    content = content or load_content(root)
    order = {nb.id: i for i, nb in enumerate(content.course.notebooks)}
    specs = []
    for exercise_id, paths in index(root / "exercises").items():
        if not any(_marked(path) for path in paths):
            continue  # read the YAML only: checking every exercise in full would take seconds
        spec = load(exercise_id, root=root).spec
        if spec is not None and spec.review and spec.notebook in order:
            specs.append(spec)
    return sorted(specs, key=lambda s: (order[s.notebook], s.id))


_marked_cache: dict[tuple[str, int], bool] = {}


def _marked(path: Path) -> bool:
    """Whether the exercise file says ``review: true`` (checked in full only then); cached per file version."""
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return False
    if key not in _marked_cache:
        data = load_yaml(path).data
        _marked_cache[key] = isinstance(data, dict) and data.get("review") is True
    return _marked_cache[key]


def first_met(store: Store) -> dict[str, datetime]:
    """Exercise id -> when the learner first answered it (or first saved a text for it)."""
    met: dict[str, datetime] = {}
    for row in [*store.attempts(), *store.reflections()]:
        when = schedule.parse_time(row.created_at)
        if row.exercise_id not in met or when < met[row.exercise_id]:
            met[row.exercise_id] = when
    return met


def current_card(exercise_id: str, met_at: datetime, reviews: Iterable[Review]) -> Card:
    """The card after the latest review, or a new card (due a day after ``met_at``) when there is none."""
    last = None
    for last in reviews:
        pass
    if last is None:
        return schedule.new_card(exercise_id, met_at)
    return schedule.card_from_json(exercise_id, last.card)


def build_queue(store: Store, specs: list[Any] | None = None) -> list[QueueItem]:
    """Every met reviewable exercise with its card, the earliest due first (course order on ties)."""
    specs = reviewable() if specs is None else specs
    met = first_met(store)
    by_exercise: dict[str, list[Review]] = {}
    for review in store.reviews():
        by_exercise.setdefault(review.exercise_id, []).append(review)
    items = []
    for position, spec in enumerate(specs):
        if spec.id not in met:
            continue
        mine = by_exercise.get(spec.id, [])
        items.append((position, QueueItem(spec, met[spec.id], current_card(spec.id, met[spec.id], mine), len(mine))))
    return [item for _, item in sorted(items, key=lambda pair: (pair[1].due, pair[0]))]


def due_items(queue: list[QueueItem], now: datetime | None = None) -> list[QueueItem]:
    """The items due at ``now`` (their card's due time has come)."""
    now = schedule.utc(now or datetime.now(timezone.utc))
    return [item for item in queue if item.due <= now]


def next_due(queue: list[QueueItem], now: datetime) -> datetime | None:
    """When the first item not yet due at ``now`` falls due (None when every item is due)."""
    return min((item.due for item in queue if item.due > schedule.utc(now)), default=None)


def record_review(store: Store, spec: Any, rating: int, when: datetime | None = None) -> Review:
    """Schedule one review of ``spec`` rated ``rating`` (1 to 4) at ``when`` and keep it in the store."""
    when = schedule.utc(when or datetime.now(timezone.utc))
    met = first_met(store).get(spec.id, when)
    card = schedule.review(current_card(spec.id, met, store.reviews(spec.id)), rating, when)
    return store.record_review(spec.id, content_hash(spec), rating, schedule.iso(when), schedule.card_json(card))
