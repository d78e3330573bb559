"""Every message that tells someone to check the content names a command that works in a plain shell
(``make validate``), not only ``course validate``, which a shell finds only inside the course's JupyterLab."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from course.paths import repo_root
from course.problems import VALIDATE_HINT

# "run 'course validate'", "run <code>course validate</code>", "(course validate)" as the only command named.
BARE = re.compile(r"run\s+(?:<code>|'|`)?course validate|\(course validate\)")


def test_no_message_names_course_validate_alone() -> None:
    found = []
    for path in sorted((repo_root() / "course").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if BARE.search(line):
                found.append(f"{path.relative_to(repo_root())}:{number}: {line.strip()}")
    assert found == [], "\n".join(found)


def test_validate_names_make_validate_when_it_finds_problems(tmp_path: Path) -> None:
    empty = tmp_path / "data"
    empty.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "course", "validate", str(empty)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert f"run {VALIDATE_HINT} again" in done.stderr
    assert "'make validate'" in done.stderr
