"""How often the key of a single-choice question is its longest option.

A test-wise learner who always picks the longest, most carefully hedged option should score no better
than chance. ``course validate`` prints the share of single-choice items whose key is the longest option
next to the share chance would give (one over the number of options), and warns when the keys stand out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.yaml_reader import load_yaml
from ..exercises.checks import exercise_files

# Warn when the share of longest keys exceeds chance by more than this many percentage points.
MARGIN = 0.15
# Fewer items than this say little about a pattern; the line is printed, but no warning.
MIN_ITEMS = 4


@dataclass(frozen=True)
class LongestKeys:
    """Single-choice items counted, the ids of those whose key is (one of) the longest options, and the
    share of longest keys that picking at random would give."""

    items: int
    longest: tuple[str, ...]
    chance: float

    @property
    def share(self) -> float:
        """The share of items whose key is the longest option (0 when there are none)."""
        return len(self.longest) / self.items if self.items else 0.0

    @property
    def stands_out(self) -> bool:
        """True when the keys are the longest option far more often than chance."""
        return self.items >= MIN_ITEMS and self.share > self.chance + MARGIN

    def summary(self) -> str:
        """One line for ``course validate``, with a warning when the keys stand out (empty when there are
        no single-choice questions)."""
        if not self.items:
            return ""
        line = (
            f"Single-choice keys that are the longest option: {len(self.longest)} of {self.items} "
            f"({self.share:.0%}; chance would give about {self.chance:.0%})."
        )
        if self.stands_out:
            line += (
                " Warning: a learner who picks the longest option scores well without reading; write distractors "
                "as long and careful as the key, or shorten the key. Longest keys: " + ", ".join(self.longest) + "."
            )
        return line


def _length(text: Any) -> int:
    return len(" ".join(str(text or "").split()))


def key_is_longest(spec: dict[str, Any]) -> bool | None:
    """Whether a single-choice spec's key is as long as its longest option (ties count as longest);
    None when the spec is not a readable single-choice question."""
    options = spec.get("options")
    if spec.get("type") != "single-choice" or not isinstance(options, list):
        return None
    lengths = {str(o.get("id")): _length(o.get("text")) for o in options if isinstance(o, dict)}
    key = str(spec.get("answer"))
    if key not in lengths or len(lengths) < 2:
        return None
    return lengths[key] >= max(lengths.values())


def longest_keys(exercises_dir: Path) -> LongestKeys:
    """Count the single-choice specs under ``exercises_dir`` whose key is the longest option. Files that
    cannot be read or are not single-choice questions are skipped (``course validate`` reports them)."""
    items = 0
    longest: list[str] = []
    chance = 0.0
    for path in exercise_files(exercises_dir):
        data = load_yaml(path).data
        if not isinstance(data, dict):
            continue
        verdict = key_is_longest(data)
        if verdict is None:
            continue
        items += 1
        chance += 1 / len(data["options"])
        if verdict:
            longest.append(str(data.get("id") or path.stem))
    return LongestKeys(items, tuple(longest), chance / items if items else 0.0)
