"""Random damage to valid content always gives clean `file:line: field: message` lines, never a traceback."""

import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.cli import main

MINIMAL = Path(__file__).parent.parent / "fixtures" / "good" / "minimal-data"
FILES = [
    "course.yaml",
    "vignette/events.yaml",
    "vignette/phases.yaml",
    "vignette/characters.yaml",
    "vignette/held-frame.yaml",
    "codes/apa.yaml",
    "glossary.yaml",
    "references.yaml",
]
LINE = re.compile(r"^\S.*:(\d+|\?): .+: .+$")
WEIRD = st.one_of(
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(node, here=()):
    """Every path to a value inside a nested structure."""
    yield here
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, here + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, here + (i,))


def _parent(node, path):
    for part in path[:-1]:
        node = node[part]
    return node


def _run(tmp: Path, rel: str, text: bytes, capsys) -> tuple[int, str]:
    (tmp / rel).write_bytes(text)
    code = main(["validate", str(tmp)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out


def _check_output(code: int, out: str) -> None:
    lines = [ln for ln in out.splitlines() if ln.strip()]
    if code == 0:
        assert lines == ["All course content is valid."]
    else:
        assert code == 2
        assert lines and all(LINE.match(ln) for ln in lines), lines


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), rel=st.sampled_from(FILES), action=st.sampled_from(["delete", "swap", "unicode"]))
def test_structured_mutations(data, rel, action, capsys):
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d) / "data"
        shutil.copytree(MINIMAL, tmp)
        tree = yaml.safe_load((tmp / rel).read_text())
        paths = [p for p in _paths(tree) if p]
        path = data.draw(st.sampled_from(paths))
        parent = _parent(tree, path)
        if action == "delete":
            del parent[path[-1]]
        elif action == "swap":
            parent[path[-1]] = data.draw(WEIRD)
        else:
            parent[path[-1]] = str(parent[path[-1]]) + data.draw(
                st.text(alphabet=st.characters(min_codepoint=0x80), min_size=1, max_size=8)
            )
        code, out = _run(tmp, rel, yaml.safe_dump(tree, allow_unicode=True).encode("utf-8", "surrogatepass"), capsys)
        _check_output(code, out)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rel=st.sampled_from(FILES), cut=st.floats(min_value=0.0, max_value=1.0), junk=st.binary(max_size=20))
def test_truncated_and_junk_files(rel, cut, junk, capsys):
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d) / "data"
        shutil.copytree(MINIMAL, tmp)
        raw = (tmp / rel).read_bytes()
        damaged = raw[: int(len(raw) * cut)] + junk
        code, out = _run(tmp, rel, damaged, capsys)
        _check_output(code, out)


def test_deleting_a_required_key_always_fails(tmp_path, capsys):
    tmp = tmp_path / "data"
    shutil.copytree(MINIMAL, tmp)
    tree = yaml.safe_load((tmp / "vignette/events.yaml").read_text())
    del tree["events"][1]["phase"]
    code, out = _run(tmp, "vignette/events.yaml", yaml.safe_dump(tree).encode(), capsys)
    assert code == 2 and "events[first-session].phase: is missing" in out
