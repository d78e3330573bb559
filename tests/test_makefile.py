"""The Makefile stays easy to read: `.PHONY` declared once, every target in `make help`, one rule for
the install stamps, and `make test` starting with the ruff checks."""

import os
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
    steps = _targets()["test"].split()
    assert steps[:2] == ["hub-early", "lint"]  # the hub's install only starts (in the background), then ruff
    early = MAKEFILE.split("\nhub-early:", 1)[1].split("\n\n", 1)[0]
    assert "deploy/hub/install.sh" in early and "&" in early and 'id -u)" = 0' in early
    lint = MAKEFILE.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "check ." in lint and "format --check ." in lint


FAKE_PIP = """#!/bin/sh
# stands in for the venv's python: prints what pip prints on a first install, then exits with $FAKE_PIP_EXIT
echo "Obtaining file:///course"
echo "WARNING: Editable installation of the course; please be careful with folders of the same name" >&2
if [ "${FAKE_PIP_EXIT:-0}" != 0 ]; then echo "ERROR: No matching distribution found for jupyterlab>=4.0" >&2; fi
exit "${FAKE_PIP_EXIT:-0}"
"""


def _install(tmp_path: Path, code: int) -> subprocess.CompletedProcess:
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text(FAKE_PIP, encoding="utf-8")
    (venv / "bin" / "python").chmod(0o755)
    return subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", f"{venv}/.installed-lab"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "FAKE_PIP_EXIT": str(code)},
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_pip_warnings_are_kept_out_of_a_first_install(tmp_path: Path) -> None:
    run = _install(tmp_path, 0)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Editable installation" not in run.stdout + run.stderr
    assert "Obtaining" not in run.stdout + run.stderr
    assert (tmp_path / ".venv" / ".installed-lab").exists()
    assert "be careful" in (tmp_path / ".venv" / "install.log").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_a_failed_install_still_shows_pip_s_errors(tmp_path: Path) -> None:
    run = _install(tmp_path, 1)
    assert run.returncode != 0
    assert "Editable installation" in run.stderr  # on failure, the whole log
    assert "ERROR: No matching distribution found for jupyterlab" in run.stderr
    assert "installing the course failed" in run.stderr
    assert not (tmp_path / ".venv" / ".installed-lab").exists()


def test_make_lab_opens_the_learner_copy_and_lab_instructor_the_whole_course() -> None:
    lab = MAKEFILE.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    instructor = MAKEFILE.split("\nlab-instructor:", 1)[1].split("\n\n", 1)[0]
    assert "-m course lab " in lab and "--instructor" not in lab
    assert "-m course lab --instructor" in instructor
