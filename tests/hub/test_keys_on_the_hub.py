"""What a learner can read of the course on the hub, tried as real OS users (a learner and an instructor).

``deploy/hub/install.sh`` puts the instructors' full copy in ``<hub>/course`` and the student release in
``<hub>/release``; ``make hub`` gives the full copy to the instructors' group (``protect_instructor_copy``).
A learner walks every folder under the hub's course folders and reads every file they can: none may hold a
plain answer, the instructor guide or an ``instructor`` cell. The instructor reads all of it. The users and
the group are throwaway ones, removed even on failure.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from course.classroom.class_view import course_specs
from course.content import load_content
from course.delivery.hub.launch import protect_instructor_copy
from course.judgement.forms import read_forms

from .conftest import Accounts, close_instructor_copy, run_as

pytestmark = pytest.mark.usefixtures("as_root")

# Walks the hub's course folders as the current user; prints what could be read and what it holds.
WALK = textwrap.dedent("""
    import json, os, sys
    import yaml
    top = [os.path.join(os.environ["HUB"], d) for d in ("course", "release")]
    needles = json.loads(os.environ["NEEDLES"])
    out = {"read": 0, "denied": [], "findings": []}
    def walk(folder):
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            out["denied"].append(folder)
            return
        for name in names:
            path = os.path.join(folder, name)
            if os.path.isdir(path) and not os.path.islink(path):
                walk(path)
                continue
            try:
                text = open(path, "rb").read().decode("utf-8", "replace")
            except OSError:
                out["denied"].append(path)
                continue
            out["read"] += 1
            if name == "instructor-guide.md":
                out["findings"].append(path + ": the instructor guide")
            flat = " ".join(text.split())
            for needle in needles:
                if needle in text or needle in flat:
                    out["findings"].append(path + ": holds " + repr(needle[:50]))
            if name.endswith(".ipynb"):
                nb = json.loads(text)
                tags = {t for c in nb["cells"] for t in c.get("metadata", {}).get("tags", [])}
                tags |= set(nb.get("metadata", {}).get("tags", []))
                if tags & {"instructor", "solution"}:
                    out["findings"].append(path + ": cells tagged " + ", ".join(sorted(tags & {"instructor", "solution"})))
            if "/data/exercises/" in path and name.endswith((".yaml", ".yml")):
                data = yaml.safe_load(text)
                if isinstance(data, dict) and set(data) & {"answer", "also_accept", "fixtures"}:
                    out["findings"].append(path + ": keys " + ", ".join(sorted(set(data) & {"answer", "also_accept", "fixtures"})))
    for folder in top:
        walk(folder)
    print(json.dumps(out))
""")


def _needles(copy: Path) -> list[str]:
    """Text only the instructors may read: model reflections, and lines found only in the guide."""
    found = [
        s.answer.text.strip()[:80]
        for s in course_specs(load_content())
        if s.type == "reflection" and s.answer and s.answer.text.strip()
    ]
    # the case-judgement test's reasons: the test is scored on the instructors' side only
    forms = read_forms(copy / "data").forms.values()
    found += [" ".join(r.split())[:60] for form in forms for item in form.items for r in (item.reasons or {}).values()]
    guide = (copy / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    elsewhere = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in copy.rglob("*")
        if p.is_file() and p.suffix in (".md", ".ipynb", ".yaml", ".py") and p.name != "instructor-guide.md"
    )
    lines = [line.strip() for line in guide.splitlines() if len(line.strip()) > 80]
    found += [line for line in lines if line not in elsewhere][:40]
    assert len(found) > 100, "too few instructor-only texts to look for"
    return found


def test_learners_read_only_the_student_release_and_instructors_read_everything(hub_install: Path) -> None:
    accounts = Accounts()
    try:
        learners, instructors = accounts.group("learners"), accounts.group("instructors")
        learner = accounts.user("l", [learners])
        instructor = accounts.user("i", [instructors])
        assert protect_instructor_copy(hub_install, instructors)
        env = {"HUB": str(hub_install), "NEEDLES": json.dumps(_needles(hub_install / "course"))}

        done = run_as(learner, WALK, env=env)
        assert done.returncode == 0, done.stderr
        seen = json.loads(done.stdout)
        assert seen["findings"] == []
        assert str(hub_install / "course") in seen["denied"]
        assert seen["read"] > 100  # the release itself is readable: the course runs from it

        done = run_as(instructor, WALK, env=env)
        assert done.returncode == 0, done.stderr
        everything = json.loads(done.stdout)
        assert everything["denied"] == []
        assert any(f.endswith(": the instructor guide") for f in everything["findings"])
        assert any("cells tagged instructor" in f for f in everything["findings"])
        assert any(": keys answer" in f for f in everything["findings"])
        assert any("/data/judgement/form-a.yaml: holds" in f for f in everything["findings"])

        which = "import course.paths as p; print(p.data_dir()); print(p.notebooks_dir())"
        as_learner = run_as(learner, which).stdout.split()
        as_instructor = run_as(instructor, which, env={"PYTHONPATH": str(hub_install / "course")}).stdout.split()
        assert as_learner == [str(hub_install / "release" / "data"), str(hub_install / "release" / "notebooks")]
        assert as_instructor == [str(hub_install / "course" / "data"), str(hub_install / "course" / "notebooks")]
    finally:
        close_instructor_copy(hub_install)
        accounts.remove()
