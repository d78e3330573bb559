"""Simulated classes for checking the item analysis: learners of known ability answering choice items.

Each learner has an ability drawn from a standard normal distribution. Each item has a discrimination
``a``, a difficulty ``b`` and ``options`` options, one of them truly right; a learner picks the right one with
the three-parameter logistic probability ``c + (1 - c) / (1 + exp(-a (ability - b)))``, with ``c`` = 1 /
options (a blind guess), and otherwise one of the others at random. A *miskeyed* item is scored against
another option than the truly right one, as a course whose key is wrong would score it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .item_analysis import Response, analyse


@dataclass(frozen=True)
class SimItem:
    item_id: str
    a: float
    b: float
    options: int = 4
    miskeyed: bool = False

    @property
    def right(self) -> str:
        return "A"

    @property
    def key(self) -> str:
        """The option the course scores as right: the truly right one, or another if miskeyed."""
        return "B" if self.miskeyed else "A"


def make_items(n: int, rng: np.random.Generator, miskeyed: int | None = None) -> list[SimItem]:
    """``n`` items with discrimination 0.8 to 2.0 and difficulty -1.5 to 1.5; item ``miskeyed`` has a wrong key."""
    return [
        SimItem(f"item-{i:02d}", float(rng.uniform(0.8, 2.0)), float(rng.uniform(-1.5, 1.5)), miskeyed=i == miskeyed)
        for i in range(n)
    ]


def simulate(items: Sequence[SimItem], learners: int, rng: np.random.Generator) -> list[dict[str, Response]]:
    """Each simulated learner's first attempts, scored against each item's key."""
    abilities = rng.standard_normal(learners)
    letters = [chr(ord("A") + i) for i in range(max(it.options for it in items))]
    out: list[dict[str, Response]] = []
    for ability in abilities:
        answers: dict[str, Response] = {}
        for item in items:
            guess = 1 / item.options
            p_right = guess + (1 - guess) / (1 + np.exp(-item.a * (ability - item.b)))
            if rng.random() < p_right:
                choice = item.right
            else:
                choice = str(rng.choice([o for o in letters[: item.options] if o != item.right]))
            answers[item.item_id] = Response(1.0 if choice == item.key else 0.0, choice)
        out.append(answers)
    return out


@dataclass(frozen=True)
class DetectionRate:
    learners: int
    classes: int
    miskey_found: float  # share of classes in which the miskeyed item was flagged
    false_flags: float  # mean share of correctly keyed items flagged


def detection_rate(learners: int, classes: int, items: int = 12, seed: int = 1) -> DetectionRate:
    """How often the analysis flags one miskeyed item, and wrongly flags correct ones, at a class size."""
    rng = np.random.default_rng(seed)
    found = 0
    false = 0.0
    for _ in range(classes):
        sim_items = make_items(items, rng, miskeyed=0)
        results = {
            r.item_id: r for r in analyse(simulate(sim_items, learners, rng), {i.item_id: i.key for i in sim_items})
        }
        found += results[sim_items[0].item_id].flagged
        false += sum(results[i.item_id].flagged for i in sim_items[1:]) / (items - 1)
    return DetectionRate(learners, classes, found / classes, false / classes)
