"""The review queue's two libraries: fsrs (FSRS-6) everywhere, genanki only where a terminal is."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import tomllib

from course.delivery.lite.wheel import browser_requirements

ROOT = Path(__file__).resolve().parents[2]


def test_fsrs_is_asked_for_within_its_sixth_major_and_genanki_with_a_lower_bound() -> None:
    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert "fsrs>=6.3,<7" in wanted and "genanki>=0.13" in wanted
    assert metadata.version("fsrs").split(".")[0] == "6"


def test_jupyterlite_gets_the_scheduler_but_not_the_deck_writer() -> None:
    names = {r.split("<")[0].split(">")[0].split("=")[0] for r in browser_requirements()}
    assert "fsrs" in names and "genanki" not in names
