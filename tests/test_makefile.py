"""The Makefile stays easy to read: `.PHONY` declared once, every target in `make help`, one rule for
the install stamps, and `make test` starting with the ruff checks."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")
RULE = re.compile(r"^([A-Za-z0-9_.$()/%-]+):(?!=)(.*)$", re.M)


def _targets() -> dict[str, str]:
    """target -> its prerequisites, for the named targets (not variables, files or the venv)."""
    return {
        m.group(1): m.group(2)
        for m in RULE.finditer(MAKEFILE)
        if not m.group(1).startswith((".", "$")) and m.group(1) != "PHONY"
    }


def test_phony_is_declared_once_and_names_every_target() -> None:
    phony = re.findall(r"^\.PHONY:(.*)$", MAKEFILE, re.M)
    assert len(phony) == 1, f".PHONY declared {len(phony)} times"
    assert set(phony[0].split()) == set(_targets())


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_help_lists_every_target() -> None:
    out = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    listed = set(re.findall(r"^make ([a-z-]+)", out, re.M))
    assert listed == set(_targets()) - {"help"}


def test_one_pattern_rule_for_the_install_stamps() -> None:
    stamp_rules = [m.group(1) for m in RULE.finditer(MAKEFILE) if ".installed-" in m.group(1)]
    assert stamp_rules == ["$(VENV)/.installed-%"]


def test_make_test_runs_ruff_first() -> None:
    assert _targets()["test"].split()[0] == "lint"
    lint = MAKEFILE.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "check ." in lint and "format --check ." in lint


def test_make_lab_opens_the_learner_copy_and_lab_instructor_the_whole_course() -> None:
    lab = MAKEFILE.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    instructor = MAKEFILE.split("\nlab-instructor:", 1)[1].split("\n\n", 1)[0]
    assert "-m course lab " in lab and "--instructor" not in lab
    assert "-m course lab --instructor" in instructor
