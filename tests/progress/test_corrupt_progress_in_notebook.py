"""A learner whose progress file is damaged sees a clear notice under the exercise; nothing is deleted."""

import os

import course
from course import progress


def _texts(widget) -> str:
    """Every HTML value inside a widget tree."""
    out = [getattr(widget, "value", "") if isinstance(getattr(widget, "value", ""), str) else ""]
    for child in getattr(widget, "children", ()):
        out.append(_texts(child))
    return "\n".join(out)


def test_damaged_store_is_kept_aside_and_the_exercise_says_so(tmp_path):
    store_path = tmp_path / "progress.sqlite3"
    store_path.write_bytes(b"this is not a database\x00" * 200)
    try:
        progress.use(store_path)
        widget = course.exercise("example-friendship-request")
        text = _texts(widget.box)
        kept = [p for p in os.listdir(tmp_path) if ".corrupt-" in p]
        assert kept, "the damaged file must be kept aside, not deleted"
        assert kept[0] in text, "the notice under the exercise names the file kept aside"
        assert "Traceback" not in text
        # the fresh store works: an answer is recorded
        assert progress.current().attempt_count("example-friendship-request") == 0
    finally:
        progress.use(None)
