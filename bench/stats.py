"""Medians, spreads and ratios of timing samples, and the A, B, A, B ... loop that collects them.

Samples are in seconds. Percentiles interpolate linearly between order statistics (numpy's default),
so the median of an even number of samples is the mean of the middle two.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any


def percentile(samples: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) of ``samples``, linearly interpolated."""
    if not samples:
        raise ValueError("no samples")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, not {q}")
    ordered = sorted(samples)
    pos = (len(ordered) - 1) * q / 100
    below = int(pos)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (pos - below)


def median(samples: Sequence[float]) -> float:
    return percentile(samples, 50)


def mad(samples: Sequence[float]) -> float:
    """Median absolute deviation from the median (unscaled)."""
    mid = median(samples)
    return median([abs(x - mid) for x in samples])


@dataclass(frozen=True)
class Summary:
    """Where a set of samples lies: median, quartiles, MAD, extremes and 95th percentile."""

    n: int
    median: float
    p25: float
    p75: float
    mad: float
    min: float
    max: float
    p95: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Summary:
        return cls(
            n=len(samples),
            median=median(samples),
            p25=percentile(samples, 25),
            p75=percentile(samples, 75),
            mad=mad(samples),
            min=min(samples),
            max=max(samples),
            p95=percentile(samples, 95),
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def ratio(value: Summary, floor: Summary) -> float:
    """How many times the floor's median the measured median is."""
    if floor.median <= 0:
        raise ValueError("the floor's median must be positive")
    return value.median / floor.median


def paired_ratios(values: Sequence[float], floors: Sequence[float]) -> list[float]:
    """Ratio of each measured sample to the floor sample taken right after it (same round)."""
    if len(values) != len(floors):
        raise ValueError(f"{len(values)} measured samples but {len(floors)} floor samples")
    return [v / f for v, f in zip(values, floors)]


def timed(action: Callable[[], object]) -> float:
    """Seconds ``action()`` takes (wall clock)."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def alternate(
    measured: Callable[[], float], floor: Callable[[], float], rounds: int, warmup: int = 0
) -> tuple[list[float], list[float]]:
    """Run measured, floor, measured, floor ... ``rounds`` times each after ``warmup`` unrecorded pairs.

    Each callable returns the seconds of its own run, so it can leave its set-up out of the timing.
    Interleaving makes a slow spell of the machine hit both sides alike, keeping the ratio honest.
    """
    for _ in range(warmup):
        measured()
        floor()
    values: list[float] = []
    floors: list[float] = []
    for _ in range(rounds):
        values.append(measured())
        floors.append(floor())
    return values, floors
