"""The student release (`course release`): no instructor material, answers only as salted hashes that
still score, a release that validates and runs under nbval, and the same bytes for the same salt."""

import os
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest

from course.content import load_content
from course.delivery.audience import markdown_for, marker_problems
from course.delivery.release.build import build_release, default_salt
from course.delivery.release.specs import released_yaml
from course.exercises.checks import check_file, exercise_files
from course.exercises.spec import as_plain
from course.exercises.types import describe_answer, evaluate

REPO = Path(__file__).resolve().parents[2]
SALT = "seminar-2025-autumn"
HIDDEN = {"instructor", "solution"}
LABELLED = "(removed from the student release)"
NBVAL_NOTEBOOKS = ["notebooks/01_codes_and_boundaries.ipynb", "notebooks/05_rupture_and_repair.ipynb"]


def _build(out: Path, salt: str = SALT) -> Path:
    report = build_release(out, salt=salt, root=REPO)
    assert not report.problems, "\n".join(str(p) for p in report.problems)
    return out


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("release") / "student")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _texts(root: Path) -> dict[str, str]:
    return {rel: data.decode("utf-8", errors="replace") for rel, data in _files(root).items()}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _tags(cell) -> set[str]:
    return {str(t).strip().lower() for t in cell.get("metadata", {}).get("tags", []) or []}


def _instructor_cells() -> list[tuple[str, str, set[str]]]:
    out = []
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if _tags(cell) & HIDDEN:
                out.append((path.name, cell.source, _tags(cell)))
    return out


@lru_cache(maxsize=1)
def _source_specs() -> list[tuple[Path, object, dict]]:
    """(path relative to data/exercises, checked spec, the file's data) for every source spec."""
    content = load_content(REPO / "data")
    root = REPO / "data" / "exercises"
    out = []
    for path in exercise_files(root):
        doc, spec, problems = check_file(path, content, folder=path.parent.relative_to(root).as_posix())
        assert not problems and spec is not None, problems
        out.append((path.relative_to(root), spec, doc.data))
    return out


def _release_env(release: Path) -> dict[str, str]:
    """Run Python in the release with the release's own `course` package first on the path."""
    env = {k: v for k, v in os.environ.items() if k != "COURSE_DATA"}
    env["PYTHONPATH"] = str(release)
    env["MPLBACKEND"] = "Agg"
    return env


# --- what the release holds -------------------------------------------------------------------


def test_release_holds_what_make_lab_needs_and_nothing_instructor_only(release):
    for rel in [
        "Makefile",
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "environment.yml",
        "conftest.py",
        "course/__init__.py",
        "course/cli.py",
        "data/course.yaml",
        "data/vignette/events.yaml",
        "notebooks/00_start_here.ipynb",
        "notebooks/glossary.ipynb",
        "tools/ensure-chromium.sh",
        "jupyter-config/lab-settings/jane-susan-course.json",
        "postBuild",
    ]:
        assert (release / rel).is_file(), f"{rel} is missing from the release"
    files = _files(release)
    assert "docs/instructor-guide.md" not in files
    assert not any(rel.startswith(("tests/", ".git/", "build/", "course/_data/")) for rel in files)
    assert not any("__pycache__" in rel or rel.endswith(".pyc") for rel in files)
    assert os.access(release / "tools" / "ensure-chromium.sh", os.X_OK) == os.access(
        REPO / "tools" / "ensure-chromium.sh", os.X_OK
    )
    assert "**Student release.**" in (release / "README.md").read_text()


def test_every_make_target_a_learner_is_told_about_has_its_files_in_the_release(release):
    """``make -n`` (nothing is run) stops with "No rule to make target" when a file a rule needs is absent."""
    for target in ("lab", "validate", "notebooks", "app", "site"):
        done = subprocess.run(["make", "-n", target], cwd=release, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"make -n {target} in the release: {done.stderr.strip()}"


def test_the_source_notebooks_have_instructor_and_solution_cells():
    cells = _instructor_cells()
    names = {name for name, _, _ in cells}
    for stem in [
        "01_codes_and_boundaries",
        "03_the_case_of_jane_and_susan",
        "05_rupture_and_repair",
        "06_seminar_case_review",
        "07_boundaries_in_context",
        "08_after_the_waiver",
        "09_the_end_of_the_placement",
        "10_ordinary_crossings_and_the_slope",
    ]:
        assert f"{stem}.ipynb" in names, f"{stem} has no facilitator note"
    assert any("solution" in tags for _, _, tags in cells)
    for name, source, _ in cells:
        assert LABELLED in source.splitlines()[0], f"{name}: an instructor cell must say it is removed: {source[:60]}"


def test_instructor_notebooks_are_never_shipped(release):
    assert (REPO / "notebooks" / "instructor" / "class_view.ipynb").exists()
    assert not (release / "notebooks" / "instructor").exists()
    assert not list(release.rglob("class_view.ipynb"))


def test_no_instructor_or_solution_cell_remains(release):
    for path in sorted((release / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert not [c for c in nb.cells if _tags(c) & HIDDEN], path.name


def test_no_instructor_text_remains_anywhere(release):
    texts = {rel: _flat(text) for rel, text in _texts(release).items()}
    for name, source, _ in _instructor_cells():
        lines = [_flat(ln.lstrip("-*0123456789. ")) for ln in source.splitlines()]
        for line in [ln for ln in lines if len(ln) >= 40] + [_flat(source)]:
            found = [rel for rel, text in texts.items() if line in text]
            assert not found, f"text of an instructor cell in {name} is in the release: {found}: {line[:70]}"
    assert not [rel for rel, text in texts.items() if LABELLED in text]


def test_released_notebooks_link_only_to_files_in_the_release(release):
    link = re.compile(r"(?<!!)\]\(([^)\s]+)\)")
    for path in sorted((release / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for target in link.findall(cell.source) if cell.cell_type == "markdown" else []:
                file = target.split("#", 1)[0]
                if file and not re.match(r"^[a-z]+:", target):
                    assert (path.parent / file).exists(), f"{path.name}: {target}"


# --- exercise answers -------------------------------------------------------------------------


def test_no_reference_answer_in_plain_text(release):
    import yaml

    texts = _texts(release)
    flat = {rel: _flat(text) for rel, text in texts.items()}
    for rel, spec, _ in _source_specs():
        released_text = texts[f"data/exercises/{rel.as_posix()}"]
        data = yaml.safe_load(released_text)
        assert "answer" not in data and "fixtures" not in data and "also_accept" not in data, rel
        if getattr(spec, "also_accept", None):
            assert "also_accept_hash" in data, f"{rel}: accepted answers must be hashed too"
            for alt in spec.also_accept if isinstance(spec.also_accept, list) else []:
                assert f"[{', '.join(alt)}]" not in released_text if isinstance(alt, list) else True, rel
        assert data["release"]["salt"] == SALT
        if spec.type == "single-choice":
            line = re.compile(rf"^\s*answer:\s*['\"]?{re.escape(spec.answer)}['\"]?\s*$", re.M)
            assert not [r for r, text in texts.items() if line.search(text)], rel
        if spec.type == "categorize":
            for item, category in spec.answer.items():
                assert not re.search(rf"^\s*{re.escape(item)}:\s*{re.escape(category)}\s*$", released_text, re.M)
        if spec.type in ("multiple-select", "ordering", "decision"):
            assert f"[{', '.join(spec.answer)}]" not in released_text, rel
        if spec.type == "reflection":
            texts_to_hide = [spec.answer.text] + [f.answer.text for f in spec.fixtures]
            for text in texts_to_hide:
                words = " ".join(text.split()[:10])
                if len(words) >= 30:
                    assert not [r for r, t in flat.items() if words in t], f"{rel}: model reflection text leaked"
        digests = data.get("answer_hash")
        if isinstance(digests, dict):
            assert len(set(digests.values())) == len(digests), f"{rel}: equal values must hash differently"


def test_reference_answers_and_fixtures_score_the_same_in_the_release(release):
    content = load_content(release / "data")
    root = release / "data" / "exercises"
    for rel, spec, _ in _source_specs():
        path = root / rel
        _, out, problems = check_file(path, content, folder=path.parent.relative_to(root).as_posix())
        assert not problems and out is not None, f"{rel}: {problems}"
        assert out.fixtures == []
        answer = as_plain(spec.answer)
        result = evaluate(out, answer)
        assert result.correct and result.score == result.max_score, f"{rel}: {result.feedback_text}"
        if spec.type == "reflection":
            assert not out.reveal.on_request and out.reveal.after_attempts is None, rel
            continue
        assert as_plain(out.answer) == answer, rel
        assert describe_answer(out) == describe_answer(spec), f"{rel}: 'Show answer' differs"
        assert result.feedback_html == evaluate(spec, answer).feedback_html, rel
        for fixture in spec.fixtures:
            given = as_plain(fixture.answer)
            mine, theirs = evaluate(out, given), evaluate(spec, given)
            assert (mine.score, mine.feedback_html) == (theirs.score, theirs.feedback_html), f"{rel}: {given}"
        assert as_plain(getattr(out, "also_accept", None)) == as_plain(getattr(spec, "also_accept", None)), rel
        for alt in spec.also_accept if isinstance(getattr(spec, "also_accept", None), list) else []:
            mine = evaluate(out, as_plain(alt))
            assert mine.correct and "Accepted, with full credit." in mine.feedback_text, f"{rel}: {alt}"


def test_released_widgets_check_and_reveal_like_the_originals(release):
    from course.exercises import drive

    content = load_content(release / "data")
    root = release / "data" / "exercises"
    for rel, spec, _ in _source_specs():
        _, out, _ = check_file(root / rel, content)
        view = drive(out, as_plain(spec.answer))
        assert view.last_result is not None and view.last_result.correct, rel
        view.reveal()
        if spec.type == "reflection":
            assert view.reveal_button.layout.display == "none", f"{rel}: no model answer, no 'Show answer'"
        else:
            assert describe_answer(spec) in view.answer.value, f"{rel}: 'Show answer' does not show the answer"


def test_an_edited_hash_is_reported_with_file_line_and_field(release, tmp_path):
    rel = next(r for r, spec, _ in _source_specs() if spec.type == "single-choice")
    text = (release / "data" / "exercises" / rel).read_text()
    digest = re.search(r"^answer_hash: ([0-9a-f]{64})$", text, re.M).group(1)
    bad = tmp_path / rel.name
    bad.write_text(text.replace(digest, "a" * 64))
    _, spec, problems = check_file(bad, load_content(release / "data"))
    assert spec is None and len(problems) == 1
    line = text[: text.index("answer_hash:")].count("\n") + 1
    assert str(problems[0]).startswith(f"{problems[0].file}:{line}: answer_hash: matches none of the options")
    assert "course release" in problems[0].message


def test_a_released_spec_with_an_answer_written_back_is_refused(release, tmp_path):
    rel = next(r for r, spec, _ in _source_specs() if spec.type == "single-choice")
    bad = tmp_path / rel.name
    bad.write_text((release / "data" / "exercises" / rel).read_text() + "answer: a\n")
    _, spec, problems = check_file(bad, load_content(release / "data"))
    assert spec is None and any(p.field == "answer" and "not a field" in p.message for p in problems)


# --- the release runs -------------------------------------------------------------------------


def test_course_validate_passes_on_the_release(release):
    env = _release_env(release)
    where = subprocess.run(
        [sys.executable, "-c", "import course; print(course.__file__)"],
        cwd=release,
        env=env,
        capture_output=True,
        text=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(release), where.stdout + where.stderr
    run = subprocess.run(
        [sys.executable, "-m", "course", "validate", "data"], cwd=release, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "All course content is valid." in run.stdout
    assert "fixture self-tests were skipped" in run.stdout


def test_released_notebooks_pass_nbval_with_the_release_package(release):
    env = _release_env(release)
    probe = (
        "import nbformat, nbclient\n"
        "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("
        "'import course, course.paths; print(course.__file__); print(course.paths.data_dir())')])\n"
        "nbclient.NotebookClient(nb, resources={'metadata': {'path': 'notebooks'}}).execute()\n"
        "print(nb.cells[0].outputs[0]['text'])\n"
    )
    seen = subprocess.run([sys.executable, "-c", probe], cwd=release, env=env, capture_output=True, text=True)
    assert seen.returncode == 0, seen.stderr
    kernel_paths = [Path(line) for line in seen.stdout.split() if line.startswith("/")]
    assert kernel_paths and all(p.resolve().is_relative_to(release.resolve()) for p in kernel_paths), seen.stdout
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--nbval-current-env",
            "--nbval-kernel-startup-timeout=180",  # as make test gives it
            *NBVAL_NOTEBOOKS,
        ],
        cwd=release,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


# --- determinism and the salt -----------------------------------------------------------------


def test_same_salt_gives_byte_identical_releases(release, tmp_path):
    report = build_release(tmp_path / "again", salt=SALT, root=REPO)
    assert not report.problems
    assert _files(tmp_path / "again") == _files(release)
    # and the summary says how many feedback texts name an accepted answer in plain words
    assert report.accepted_in_text > 0
    assert f"{report.accepted_in_text} feedback text(s) say in plain words" in report.summary()


def test_a_different_salt_changes_every_hash_but_not_the_answers():
    for rel, spec, data in _source_specs():
        one, two = released_yaml(data, spec, SALT), released_yaml(data, spec, "another-salt")
        hashes = set(re.findall(r"[0-9a-f]{64}", one))
        if spec.type in ("rating", "reflection", "discussion"):  # no answer to hash
            assert not hashes, rel
            continue
        assert hashes and not hashes & set(re.findall(r"[0-9a-f]{64}", two)), rel


def test_default_salt_comes_from_the_course_version():
    import hashlib

    import course

    expected = hashlib.sha256(f"jane-susan-course release {course.__version__}".encode()).hexdigest()[:16]
    assert default_salt() == expected


# --- the command ------------------------------------------------------------------------------


def test_release_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    from course.cli import main

    (tmp_path / "keep.txt").write_text("mine")
    assert main(["release", str(tmp_path)]) == 2
    assert "is not empty" in capsys.readouterr().out
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_release_refuses_to_write_inside_the_course_sources(capsys):
    from course.cli import main

    assert main(["release", str(REPO / "notebooks" / "student")]) == 2
    assert "inside the course repository" in capsys.readouterr().out
    assert not (REPO / "notebooks" / "student").exists()


def test_the_release_block_names_the_hash_scheme_in_use():
    from typing import get_args

    from course.exercises.hashed import SCHEME
    from course.exercises.released import ReleaseInfo

    assert get_args(ReleaseInfo.model_fields["scheme"].annotation) == (SCHEME,)


def test_no_doubt_reaches_the_student_release(release):
    """No hedge, no verify: field and no verify note's text in any file a learner of the release may open."""
    from course.authoring.learner_text import find_hedges, release_texts, verify_notes

    notes = verify_notes(REPO / "data")
    assert notes, "the instructor copy should still list what is left to check"
    hits = [h for rel, text, docs in release_texts(release) for h in find_hedges(rel, text, notes, field_docs=docs)]
    assert not hits, "\n".join(map(str, hits[:20]))
    released = load_content(release / "data")
    assert not [s.id for s in released.codes.values() if s.verify]
    assert not [r.key for r in released.references.values() if r.verify]


def test_the_release_check_catches_a_planted_verify_note(release, tmp_path):
    from course.authoring.learner_text import find_hedges, release_texts, verify_notes

    copy = tmp_path / "student"
    (copy / "data" / "codes").mkdir(parents=True)
    text = (release / "data" / "codes" / "aca.yaml").read_text(encoding="utf-8")
    planted = text.replace("    topics: [fees]\n", "    topics: [fees]\n    verify: reportedly A.10.d\n", 1)
    assert planted != text
    (copy / "data" / "codes" / "aca.yaml").write_text(planted, encoding="utf-8")
    found = [h.found for rel, t, docs in release_texts(copy) for h in find_hedges(rel, t, verify_notes(REPO / "data"))]
    assert "verify:" in found and "reportedly" in found


def test_the_site_is_not_built_from_a_release_since_it_would_write_the_answers_out(release, tmp_path):
    """`make site` inside a student release: the site checks answers in the page, so it refuses, says why,
    and writes nothing."""
    run = subprocess.run(
        [sys.executable, "-m", "course", "site", "--out", str(tmp_path / "site"), "--no-zip"],
        cwd=release,
        env=_release_env(release),
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2, run.stdout + run.stderr
    assert "come from a student release" in run.stderr and "it was not built" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "site").exists()


def test_validate_release_lists_the_feedback_that_names_an_accepted_answer(release):
    """The accepted answers are hashed, but feedback saying "X is accepted too" stays readable."""
    run = subprocess.run(
        [sys.executable, "-m", "course", "validate", "data", "--release"],
        cwd=release,
        env=_release_env(release),
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    listed = [line for line in run.stdout.splitlines() if "says which answer is accepted" in line]
    assert any("ch04-whose-part.yaml:" in line for line in listed), run.stdout
    assert all(re.match(r"data/exercises/[^:]+\.yaml:\d+: \S+: ", line) for line in listed), listed


def test_released_notebooks_speak_to_a_notebook_reader(release):
    from .audience_phrases import foreign_instructions

    notebooks = sorted((release / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        assert marker_problems(nb) == [], path.name
        shown = markdown_for("\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown"), "lab")
        assert foreign_instructions(shown, "lab") == [], path.name


def test_the_case_judgement_keys_and_reasons_are_nowhere_in_the_release(release):
    """On the hub a learner's kernel can read every file of the release: the test's keys, defensible options,
    reasons and notes must not be in any of them, in any form (a hashed choice among four is undone by
    trying four)."""
    import yaml

    from course.judgement.forms import read_forms
    from course.judgement.released import STRIPPED

    found = read_forms(REPO / "data")
    assert found.present and found.scorable and not found.problems
    needles = []
    for form in found.forms.values():
        for item in form.items:
            needles += [_flat(reason)[:70] for reason in item.reasons.values()]
            needles += [f"key: {item.key}", f"defensible: [{', '.join(item.defensible)}]"]
            needles += [_flat(item.verify)[:70]] if item.verify else []
    texts = {rel: _flat(text) for rel, text in _texts(release).items()}
    leaks = [(rel, n[:40]) for rel, text in texts.items() for n in needles if n and n in text]
    assert leaks == []
    for letter in ("a", "b"):
        data = yaml.safe_load((release / "data" / "judgement" / f"form-{letter}.yaml").read_text())
        assert data["release"] == {"keys": "removed"}
        assert all(not set(item) & set(STRIPPED) for item in data["items"])
        assert all(item["options"] and item["vignette"] for item in data["items"])
    released = read_forms(release / "data")
    assert released.problems == [] and set(released.forms) == {"A", "B"} and not released.scorable
