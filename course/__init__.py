"""The Jane and Susan course: boundaries, transference, enactment, rupture and repair.

Notebooks call the short functions below. Each imports its module when first called (the one place in
the package where the package's own modules are imported inside functions): the heavy libraries behind
them (matplotlib, ipywidgets, pydantic, nbformat) load only then, so ``import course`` stays quick.
"""

from __future__ import annotations

from typing import Any

from .version import __version__ as __version__

__all__ = [
    "check_environment",
    "exercise",
    "plot_timeline",
    "my_timeline",
    "explorer",
    "choose_profession",
    "compare_codes",
    "show_event",
    "show_events",
    "recall_events",
    "your_path",
    "progress_overview",
    "gottlieb_worksheet",
    "share_with_seminar",
    "class_view",
    "judgement_test",
    "judgement_results",
    "review_queue",
    "reviews_due",
    "review_history",
]


def check_environment() -> Any:
    """Report Python, JupyterLab and widget versions, and whether widgets can render."""
    from .displays.environment import check_environment as run

    return run()


def exercise(exercise_id: str) -> Any:
    """Show the exercise with this id (defined in data/exercises/)."""
    from .exercises import show

    return show(exercise_id)


def plot_timeline(**options: Any) -> Any:
    """The timeline of the case: transference, alliance and stance (see ``course/timeline/``)."""
    from .timeline import plot_timeline as run

    return run(**options)


def my_timeline(exercise_id: str, **options: Any) -> Any:
    """The reference timeline with your own ratings from a rating exercise laid over it.

    Until you have rated, only a note: the course's line is shown once you have made up your own mind.
    """
    from .displays.not_rated import not_rated_yet
    from .exercises import load_spec
    from .progress import current

    spec = load_spec(exercise_id)
    mine = current().ratings(spec.dimension, exercise_id)
    if not mine:
        return not_rated_yet(spec)
    return plot_timeline(learner={spec.dimension: mine}, dimensions=(spec.dimension,), **options)


def explorer(**options: Any) -> Any:
    """Step through the case event by event, highlighted on the timeline."""
    from .timeline.explorer import explorer as run

    return run(**options)


def choose_profession() -> Any:
    """Let the learner pick the code of ethics that governs their profession."""
    from .displays.ethics_codes import choose_profession as run

    return run()


def compare_codes(topic: str) -> Any:
    """The code sections on a topic, the learner's own code first."""
    from .displays.ethics_codes import compare_codes as run

    return run(topic)


def show_event(event_id: str) -> Any:
    """One event of the case, with its discussion questions and the code sections that bear on it (for a
    scene that depends on your earlier choices, the version they lead to)."""
    from .displays.scene_paths import show_event as run

    return run(event_id)


def show_events(*event_ids: str) -> Any:
    """Several events of the case, in story order."""
    from .displays.event_cards import show_events as run

    return run(*event_ids)


def your_path(event_id: str) -> Any:
    """A scene as your own earlier choices shape it, with the paths you did not take under it."""
    from .displays.scene_paths import your_path as run

    return run(event_id)


def recall_events(*event_ids: str) -> Any:
    """Refer back to events whose full cards an earlier chapter showed (a link, and the scene folded)."""
    from .displays.event_recall import recall_events as run

    return run(*event_ids)


def review_queue() -> Any:
    """The reviews due now, each exercise shown again (blank); the first answer rates the review."""
    from .displays.review import review_queue as run

    return run()


def reviews_due() -> Any:
    """How many reviews are due now, with a link to the Review notebook (for the course map)."""
    from .displays.review import reviews_due as run

    return run()


def review_history() -> Any:
    """Your reviews week by week: the share recalled and how many fell due (a plot that returns its data)."""
    from .displays.retention import review_history as run

    return run()


def progress_overview() -> Any:
    """Completion per notebook and per learning objective, from the local progress store."""
    from .displays.progress_overview import progress_overview as run

    return run()


def gottlieb_worksheet() -> Any:
    """Gottlieb's (1993) decision model as a form: rate the current relationship, see the reading."""
    from .displays.worksheets import gottlieb_worksheet as run

    return run()


def share_with_seminar() -> Any:
    """The "Share my answers with the seminar" panel (on the seminar hub; elsewhere a short note)."""
    from .displays.seminar_share import share_with_seminar as run

    return run()


def class_view(exchange: Any = None) -> Any:
    """For instructors: the class's shared answers from the seminar exchange, with a Refresh button."""
    from .displays.class_view import class_view as run

    return run(exchange)


def judgement_test(sitting: str, start_over: bool = False) -> Any:
    """The case-judgement test, "before" (in 00_start_here) or "after" (in 11_looking_back): a dozen short
    new situations, not graded, no feedback until both are done. ``start_over=True`` clears a finished
    sitting, after asking."""
    from .judgement.widget import judgement_test as run

    return run(sitting, start_over=start_over)


def judgement_results() -> Any:
    """Your case-judgement test before and after, situation by situation, once you have taken both."""
    from .judgement.display import judgement_results as run

    return run()
