"""environment.yml (conda, Binder, JupyterHub) and pyproject.toml must ask for the same things.

environment.yml lists, as conda packages, the runtime dependencies plus those of the extras that
its pip section names in ``-e .[extra,...]`` (Binder gets the ``app`` extra, Voila). Every one
must appear with the same version spec on both sides, and nothing else may.
"""

import re

import pytest
import tomllib
import yaml

CONDA_TO_PYPI = {"matplotlib-base": "matplotlib", "pyyaml": "pyyaml"}
PROJECT = "jane-susan-course"
EDITABLE = re.compile(r"-e\s+\.(?:\[(?P<extras>[A-Za-z0-9_,\s-]*)\])?")


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    name = match.group(1).lower().replace("_", "-")
    return CONDA_TO_PYPI.get(name, name), match.group(2).replace(" ", "")


def _editable_extras(pip_section: list[str]) -> list[str]:
    """The extras in the pip section's ``-e .[...]`` line (the line must be there)."""
    for line in pip_section:
        match = EDITABLE.fullmatch(str(line).strip())
        if match:
            return [e.strip() for e in (match.group("extras") or "").split(",") if e.strip()]
    raise AssertionError("environment.yml's pip section must install the course: '-e .' or '-e .[extra]'")


def _wanted(pyproject: dict, extras: list[str]) -> dict[str, str]:
    """Runtime dependencies plus those of ``extras`` (extras naming the project itself expanded)."""
    optional = pyproject["project"].get("optional-dependencies", {})
    wanted = dict(_split(r) for r in pyproject["project"]["dependencies"])
    todo, seen = list(extras), set()
    while todo:
        extra = todo.pop()
        if extra in seen:
            continue
        seen.add(extra)
        assert extra in optional, f"environment.yml asks for the extra [{extra}], which pyproject.toml lacks"
        for req in optional[extra]:
            nested = re.fullmatch(rf"{PROJECT}\[(.+)\]", req.replace(" ", ""))
            if nested:
                todo += nested.group(1).split(",")
                continue
            name, spec = _split(req)
            assert wanted.get(name, spec) == spec, f"{name}: pyproject.toml asks for both {wanted[name]} and {spec}"
            wanted[name] = spec
    return wanted


def _load(repo) -> tuple[dict, dict]:
    return tomllib.loads((repo / "pyproject.toml").read_text()), yaml.safe_load((repo / "environment.yml").read_text())


def test_environment_yml_matches_pyproject(repo):
    pyproject, env = _load(repo)
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    wanted = _wanted(pyproject, _editable_extras(pip_section))
    declared = dict(_split(d) for d in conda if not d.startswith(("python", "pip")))

    assert declared == wanted, "environment.yml and pyproject.toml disagree on runtime dependencies"
    assert "conda-forge" in env["channels"]
    assert "python=3.11" in conda and "pip" in conda


@pytest.mark.parametrize("line, extras", [("-e .", []), ("-e .[app]", ["app"]), ("-e .[app, html]", ["app", "html"])])
def test_editable_line_is_read(line, extras):
    assert _editable_extras([line]) == extras


def test_disagreement_is_caught():
    pyproject = {"project": {"dependencies": ["pydantic>=2.5"], "optional-dependencies": {"app": ["voila>=0.5,<0.6"]}}}
    assert _wanted(pyproject, ["app"]) == {"pydantic": ">=2.5", "voila": ">=0.5,<0.6"}
    assert _wanted(pyproject, []) != {"pydantic": ">=2.5", "voila": ">=0.5,<0.6"}, "an extra not named is not wanted"
    with pytest.raises(AssertionError, match="lacks"):
        _wanted(pyproject, ["missing"])
    with pytest.raises(AssertionError, match="must install the course"):
        _editable_extras(["somepackage"])


def test_python_floor_agrees(repo):
    pyproject, env = _load(repo)
    floor = pyproject["project"]["requires-python"].removeprefix(">=")
    pinned = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    assert tuple(map(int, pinned.split("=")[1].split("."))) >= tuple(map(int, floor.split(".")))
