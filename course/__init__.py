"""The Jane and Susan course: boundaries, transference, enactment, rupture and repair.

Notebooks call the short functions below. Heavy libraries (matplotlib, ipywidgets, pydantic)
load only when a function needs them, so ``import course`` stays quick.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "check_environment", "exercise", "timeline", "explorer", "choose_profession",
    "compare_codes", "show_objectives", "show_references", "show_event", "progress_overview",
]


def check_environment() -> Any:
    """Report Python, JupyterLab and widget versions, and whether widgets can render."""
    from .environment import check_environment as run

    return run()


def exercise(exercise_id: str) -> Any:
    """Show the exercise with this id (defined in data/exercises/)."""
    from .exercises import show

    return show(exercise_id)


def timeline(**options: Any) -> Any:
    """The transference timeline of the case; see ``course.timeline.plot_timeline``."""
    from .timeline import plot_timeline

    return plot_timeline(**options)


def explorer(**options: Any) -> Any:
    """Step through the case event by event, highlighted on the timeline."""
    from .timeline import explorer as run

    return run(**options)


def choose_profession() -> Any:
    """Let the learner pick the code of ethics that governs their profession."""
    from .codes import choose_profession as run

    return run()


def compare_codes(topic: str) -> Any:
    """The code sections on a topic, the learner's own code first."""
    from .codes import compare_codes as run

    return run(topic)


def show_objectives(notebook_id: str) -> Any:
    """The notebook's learning objectives, estimated time and content note."""
    from .chapter import show_objectives as run

    return run(notebook_id)


def show_references(notebook_id: str) -> Any:
    """The notebook's reference list, from data/references.yaml."""
    from .chapter import show_references as run

    return run(notebook_id)


def show_event(event_id: str) -> Any:
    """One event of the case, with its discussion questions and the code sections that bear on it."""
    from .chapter import show_event as run

    return run(event_id)


def progress_overview() -> Any:
    """Completion per notebook and per learning objective, from the local progress store."""
    from .chapter import progress_overview as run

    return run()
