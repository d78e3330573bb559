"""environment.yml (conda, Binder, JupyterHub) and pyproject.toml must ask for the same things."""
import re
import tomllib

import yaml

CONDA_TO_PYPI = {"matplotlib-base": "matplotlib", "pyyaml": "pyyaml"}


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    name = match.group(1).lower().replace("_", "-")
    return CONDA_TO_PYPI.get(name, name), match.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject(repo):
    pyproject = tomllib.loads((repo / "pyproject.toml").read_text())
    env = yaml.safe_load((repo / "environment.yml").read_text())
    wanted = dict(_split(r) for r in pyproject["project"]["dependencies"])
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    declared = dict(_split(d) for d in conda if not d.startswith(("python", "pip")))

    assert declared == wanted, "environment.yml and pyproject.toml disagree on runtime dependencies"
    assert "conda-forge" in env["channels"]
    assert "python=3.11" in conda and "pip" in conda
    assert "-e ." in pip_section


def test_python_floor_agrees(repo):
    pyproject = tomllib.loads((repo / "pyproject.toml").read_text())
    env = yaml.safe_load((repo / "environment.yml").read_text())
    floor = pyproject["project"]["requires-python"].removeprefix(">=")
    pinned = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    assert tuple(map(int, pinned.split("=")[1].split("."))) >= tuple(map(int, floor.split(".")))
