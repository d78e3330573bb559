"""One bench figure (``Measure``), the table printed at the end, and ``results.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .stats import Summary, paired_ratios, ratio

HEADER = ("#", "Measure", "Value (median, spread)", "Floor", "Ratio", "Target", "Met?")


@dataclass
class Measure:
    """Samples of one figure and of its floor (seconds), with the target they are held to."""

    number: int
    name: str
    unit: str  # shown in "s" or "ms"; samples are always seconds
    floor_name: str
    samples: list[float] = field(default_factory=list)
    floor_samples: list[float] = field(default_factory=list)
    max_ratio: float | None = None  # target on median / floor median
    max_median: float | None = None  # target on the median itself (seconds)
    show_p95: bool = False
    notes: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    @property
    def value(self) -> Summary | None:
        return Summary.of(self.samples) if self.samples else None

    @property
    def floor(self) -> Summary | None:
        return Summary.of(self.floor_samples) if self.floor_samples else None

    @property
    def ratio(self) -> float | None:
        value, floor = self.value, self.floor
        return ratio(value, floor) if value and floor else None

    @property
    def target(self) -> str:
        if self.max_median is not None:
            return f"median ≤ {fmt(self.max_median, self.unit)}"
        if self.max_ratio is not None:
            return f"≤ {self.max_ratio:g}×"
        return "—"

    @property
    def met(self) -> bool | None:
        """True or False against the target; None when there is no target or no figure."""
        if self.error or self.value is None:
            return None
        if self.max_median is not None:
            return self.value.median <= self.max_median
        if self.max_ratio is not None and self.ratio is not None:
            return self.ratio <= self.max_ratio
        return None

    def as_dict(self) -> dict[str, Any]:
        value, floor = self.value, self.floor
        paired = (
            Summary.of(paired_ratios(self.samples, self.floor_samples)).as_dict()
            if value and floor and len(self.samples) == len(self.floor_samples)
            else None
        )
        return {
            "number": self.number,
            "name": self.name,
            "unit_shown": self.unit,
            "samples_unit": "s",
            "value": value.as_dict() if value else None,
            "floor_name": self.floor_name,
            "floor": floor.as_dict() if floor else None,
            "ratio": self.ratio,
            "paired_ratio": paired,
            "target": self.target,
            "met": self.met,
            "samples": self.samples,
            "floor_samples": self.floor_samples,
            "notes": self.notes,
            "error": self.error,
        }


def fmt(seconds: float, unit: str) -> str:
    """A duration in ``unit`` ("s" or "ms") with three significant digits at most."""
    x = seconds * 1000 if unit == "ms" else seconds
    digits = 2 if abs(x) < 10 else 1 if abs(x) < 100 else 0
    return f"{x:.{digits}f} {unit}"


def spread(s: Summary, unit: str, p95: bool = False) -> str:
    """``median (IQR p25–p75, min–max)``, plus p95 when asked."""

    def number(x: float) -> str:
        return fmt(x, unit).rsplit(" ", 1)[0]

    text = f"{fmt(s.median, unit)} (IQR {number(s.p25)}–{number(s.p75)}, range {number(s.min)}–{number(s.max)}"
    return text + (f", p95 {number(s.p95)})" if p95 else ")")


def row(m: Measure) -> tuple[str, ...]:
    if m.error:
        return (str(m.number), m.name, f"FAILED: {m.error}", "", "", m.target, "?")
    value, floor, r = m.value, m.floor, m.ratio
    met = {True: "yes", False: "NO", None: "n/a"}[m.met]
    return (
        str(m.number),
        m.name,
        spread(value, m.unit, m.show_p95) if value else "",
        f"{m.floor_name}: {spread(floor, m.unit, m.show_p95)}" if floor else m.floor_name,
        f"{r:.2f}×" if r is not None else "",
        m.target,
        met,
    )


def table(measures: list[Measure]) -> str:
    """The results as a Markdown table (prints readably and pastes into README.md)."""
    lines = [" | ".join(HEADER), " | ".join("---" for _ in HEADER)]
    lines += [" | ".join(cell.replace("|", "/") for cell in row(m)) for m in measures]
    return "\n".join(f"| {line} |" for line in lines)


def write_json(path: Path, machine: dict[str, Any], measures: list[Measure], seconds: float) -> None:
    path.write_text(
        json.dumps(
            {
                "machine": machine,
                "bench_seconds": round(seconds, 1),
                "measures": [m.as_dict() for m in measures],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def say(message: str) -> None:
    """Progress of a long run, on stderr so that stdout holds only the report."""
    import sys

    print(f"  {message}", file=sys.stderr, flush=True)
