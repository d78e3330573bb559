"""The systemd unit that `make hub-service` installs: what it runs, as whom, with which settings.

No systemd runs in the test machines, so the unit is rendered for a hub folder and checked: its command is
the one `make hub` runs, and ``systemd-analyze verify`` (when installed) finds nothing to say about it.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO

NAME = "jane-susan-course-hub.service"


@pytest.fixture
def unit(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The unit rendered for a hub folder whose venv has a real Python, and an environment file."""
    hub = tmp_path / "hub"
    (hub / "venv" / "bin").mkdir(parents=True)
    os.symlink(shutil.which("python3") or "/usr/bin/python3", hub / "venv" / "bin" / "python")
    env_file = tmp_path / "hub.env"
    env_file.write_text("COURSE_HUB_PORT=8000\n")
    done = subprocess.run(
        ["bash", str(REPO / "deploy" / "hub" / "render-service.sh"), str(hub), str(env_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    path = tmp_path / NAME
    path.write_text(done.stdout)
    return path, hub, env_file


def _sections(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, comment_prefixes=("#", ";"))
    parser.optionxform = str  # keep systemd's key names as written
    parser.read(path)
    return parser


def test_the_unit_runs_what_make_hub_runs_as_root_with_the_settings_file(unit):
    path, hub, env_file = unit
    text = path.read_text()
    assert "@HUB_DIR@" not in text and "@ENV_FILE@" not in text  # every place filled in
    service = _sections(path)["Service"]
    make_hub = next(
        line.strip() for line in (REPO / "Makefile").read_text().splitlines() if "-m course.delivery.hub" in line
    )
    assert make_hub.endswith("$(HUB_DIR)/venv/bin/python -m course.delivery.hub")
    assert service["ExecStart"] == f"{hub}/venv/bin/python -m course.delivery.hub"
    assert service["Environment"] == f"COURSE_HUB_DIR={hub}"
    assert service["EnvironmentFile"] == str(env_file)
    assert service["User"] == "root" and service["KillMode"] == "mixed" and service["Restart"] == "on-failure"
    assert _sections(path)["Install"]["WantedBy"] == "multi-user.target"


def test_systemd_finds_nothing_wrong_with_the_unit(unit):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    path, _, _ = unit
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", str(path)], capture_output=True, text=True)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")
