"""Test-session settings shared by the unit tests and nbval's notebook runs.

Notebook kernels inherit this environment, so nothing a test does touches a learner's real
progress store or opens a window.
"""

import os
import tempfile

_TMP = tempfile.mkdtemp(prefix="course-test-")
os.environ["COURSE_PROGRESS"] = os.path.join(_TMP, "progress.sqlite3")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
