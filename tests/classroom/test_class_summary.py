"""The instructor's class summary: HTML + ratings PNG from good exports; bad ones refused one by one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from course.classroom.stats import spread
from course.classroom.summary import class_summary
from course.cli import main as cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "progress"
GOOD = ["export-good-learner-a.json", "export-good-learner-b.json", "export-good-learner-c-named-with-reflections.json"]
BAD = ["export-tampered-checksum.json", "export-malformed-json.json"]


def _paths(names: list[str]) -> list[Path]:
    return [FIXTURES / n for n in names]


def test_three_good_and_two_bad_exports(tmp_path: Path) -> None:
    report = class_summary(_paths(GOOD + BAD), tmp_path / "out")
    assert report.learners == 3
    assert len(report.refusals) == 2
    assert any("export-tampered-checksum.json" in r and "checksum" in r for r in report.refusals)
    assert any("export-malformed-json.json" in r and "not valid JSON" in r for r in report.refusals)
    assert report.html_path == tmp_path / "out" / "index.html" and report.html_path.exists()
    assert report.png_path == tmp_path / "out" / "ratings.png"
    assert report.png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_correct_rates_and_common_wrong_answers(tmp_path: Path) -> None:
    report = class_summary(_paths(GOOD), tmp_path)
    cov = report.exercises["crossing-or-violation"]
    assert (cov.learners, cov.first_try_correct, cov.eventually_correct) == (3, 1, 2)
    assert cov.rate(cov.eventually_correct) == pytest.approx(2 / 3)
    [top] = cov.wrong_answers
    assert (top.answer, top.learners) == ("violation", 2) and "boundary crossing about money" in top.feedback
    code = report.exercises["which-code-applies"]
    assert (code.first_try_correct, code.eventually_correct) == (1, 1)
    assert {w.learners for w in code.wrong_answers} == {1}  # b's repeated answer counts once


def test_ratings_median_and_quartiles(tmp_path: Path) -> None:
    report = class_summary(_paths(GOOD), tmp_path)
    fr = report.ratings["transference"]["friendship-request"]  # 2, 3, 3
    assert (fr.n, fr.median, fr.q1, fr.q3) == (3, 3.0, 2.5, 3.0)
    assert report.ratings["alliance"]["refusal"].n == 1
    assert report.events == ["friendship-request", "refusal", "first-late-cancellation", "fee-waived"]


def test_html_is_escaped_self_contained_and_has_alt_text(tmp_path: Path) -> None:
    report = class_summary(_paths(GOOD + BAD), tmp_path)
    html = report.html_path.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>Not a code section</b>" not in html
    text = re.sub(r"base64,[A-Za-z0-9+/=]+", "base64,", html)
    assert "Sam <Example>" not in text and "Sam &lt;" not in text  # no names shown
    assert "learner-aaaaaaaaaaaa" not in text  # nor pseudonyms
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # nothing fetched from a network
    assert 'src="data:image/png;base64,' in html
    alt = re.search(r'<img [^>]*alt="([^"]+)"', html).group(1)
    assert "3 learners" in alt and "median" in alt and "friendship-request" in alt
    assert "3 learners" in html and "67% (2)" in html and "Exports refused (2)" in html


def test_content_gives_event_order_titles_and_teaching_ratings(tmp_path: Path) -> None:
    def event(eid: str, title: str, t: int) -> SimpleNamespace:
        return SimpleNamespace(id=eid, title=title, rating=lambda d: t if d == "transference" else None)

    content = SimpleNamespace(
        events=[
            event("fee-waived", "Fee waived", -1),
            event("refusal", "Refusal", 2),
            event("friendship-request", "Jane asks", 3),
        ]
    )
    report = class_summary(_paths(GOOD), tmp_path, content=content)
    assert report.events[:3] == ["fee-waived", "refusal", "friendship-request"]
    assert "Jane asks" in report.alt_text and "Jane asks" in report.html_path.read_text()


def test_same_learner_twice_keeps_the_newer_export(tmp_path: Path) -> None:
    copy = tmp_path / "again.json"
    shutil.copy(FIXTURES / GOOD[0], copy)
    report = class_summary([*_paths(GOOD), copy], tmp_path / "out")
    assert report.learners == 3 and len(report.refusals) == 1 and "same learner" in report.refusals[0]


def test_no_usable_exports_still_writes_a_page(tmp_path: Path) -> None:
    report = class_summary(_paths(BAD), tmp_path)
    assert report.learners == 0 and report.png_path is None and len(report.refusals) == 2
    assert "No ratings were exported" in report.html_path.read_text()


def test_spread_of_one_value() -> None:
    one = spread([2])
    assert (one.n, one.median, one.q1, one.q3) == (1, 2.0, 2.0, 2.0)


def test_class_summary_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    for name in GOOD + BAD:
        shutil.copy(FIXTURES / name, folder / name)
    assert cli(["class-summary", str(folder), "-o", str(tmp_path / "report")]) == 2  # some refused
    captured = capsys.readouterr()
    assert "3 learners" in captured.out and "2 refused" in captured.out
    assert captured.err.count("\n") == 2 and "export-tampered-checksum.json" in captured.err
    assert cli(["class-summary", *(str(folder / n) for n in GOOD), "-o", str(tmp_path / "r2")]) == 0
    assert (tmp_path / "r2" / "index.html").exists()
