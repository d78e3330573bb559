"""The seminar's command line: course submit, hub-setup --demo, class-summary --exchange, gradebook."""

from __future__ import annotations

import csv

from course.cli import main as cli


def test_submit_show_withdraw(hub_learner, capsys):
    assert cli(["submit", "--show"]) == 0
    assert "You have not shared anything" in capsys.readouterr().out
    assert cli(["submit"]) == 0
    assert "Shared with the seminar, under your pseudonym. You shared 1 answer" in capsys.readouterr().out
    assert cli(["submit", "--show"]) == 0
    assert "no reflections" in capsys.readouterr().out
    assert cli(["submit", "--withdraw"]) == 0
    assert "Withdrawn" in capsys.readouterr().out
    assert cli(["submit", "--withdraw"]) == 0
    assert "You had not shared anything" in capsys.readouterr().out


def test_submit_off_the_hub_says_what_to_do_instead(monkeypatch, capsys):
    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    monkeypatch.delenv("COURSE_SEMINAR_ID", raising=False)
    assert cli(["submit"]) == 2
    err = capsys.readouterr().err
    assert "seminar's JupyterHub" in err and "course export" in err and "Traceback" not in err


def test_hub_setup_makes_checks_and_refuses_a_wrong_exchange(tmp_path, capsys):
    folder = tmp_path / "exchange"
    assert cli(["hub-setup", "--demo", "--exchange", str(folder)]) == 0
    assert f"created {folder}" in capsys.readouterr().out
    assert cli(["hub-setup", "--demo", "--exchange", str(folder)]) == 0
    assert "already set up correctly" in capsys.readouterr().out
    folder.chmod(0o755)
    assert cli(["hub-setup", "--demo", "--exchange", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "nothing was changed" in err and "has mode 0755, not 0700" in err
    assert oct(folder.stat().st_mode & 0o777) == "0o755"


def test_class_summary_from_the_exchange_lists_skipped_submissions(hub_learner, demo_exchange, tmp_path, capsys):
    assert cli(["submit"]) == 0
    (demo_exchange.root / demo_exchange.folder("someone") / "submission.json").write_text('{"cut off')
    out = tmp_path / "report"
    assert cli(["class-summary", "--exchange", str(demo_exchange.root), "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert "1 of 2 learners have shared" in captured.out and "1 submission(s) skipped" in captured.out
    assert "skipped:" in captured.err and "not valid JSON" in captured.err
    page = (out / "index.html").read_text()
    assert "Decision points: how the class chose" in page and "Skipped submissions (1)" in page


def test_gradebook_command(hub_learner, demo_exchange, tmp_path, capsys, monkeypatch):
    assert cli(["submit"]) == 0
    roster = tmp_path / "roster.csv"
    roster.write_text("Email address,hub_user\nlearner@uni,learner\nother@uni,other\n")
    out = tmp_path / "grades.csv"
    assert cli(["gradebook", "--format", "moodle", "--roster", str(roster), "-o", str(out)]) == 0
    assert "2 learners on the roster, 1 with a shared submission, 1 without" in capsys.readouterr().out
    rows = list(csv.reader(out.open()))
    assert rows[0][0] == "Email address" and [r[0] for r in rows[1:]] == ["learner@uni", "other@uni"]
    assert any(cell for cell in rows[1][1:]) and not any(rows[2][1:])
    roster.write_text("hub_user\nlearner\n")
    assert cli(["gradebook", "--format", "canvas", "--roster", str(roster), "-o", str(out)]) == 2
    assert f"{roster}:1: Student: this column is missing" in capsys.readouterr().err
    monkeypatch.delenv("COURSE_EXCHANGE")
    assert cli(["gradebook", "--format", "canvas", "--roster", str(roster)]) == 2
    assert "--exchange" in capsys.readouterr().err


def test_gradebook_and_class_summary_agree_on_a_skipped_submission(hub_learner, demo_exchange, tmp_path, capsys):
    """Both write what they can, list the skipped submission with "share again", and exit 2."""
    import json

    assert cli(["submit"]) == 0
    path = demo_exchange.root / demo_exchange.folder("learner") / "submission.json"
    edited = json.loads(path.read_text())
    edited["payload"]["exported_at"] = "2000-01-01T00:00:00+00:00"  # changed without a new checksum
    path.write_text(json.dumps(edited))
    roster = tmp_path / "roster.csv"
    roster.write_text("Email address,hub_user\nlearner@uni,learner\n")
    capsys.readouterr()
    code = cli(["gradebook", "--format", "moodle", "--roster", str(roster), "-o", str(tmp_path / "g.csv")])
    gradebook = capsys.readouterr()
    summary = cli(["class-summary", "--exchange", str(demo_exchange.root), "-o", str(tmp_path / "report")])
    class_summary = capsys.readouterr()
    assert (code, summary) == (2, 2) and (tmp_path / "g.csv").exists()
    for err in (gradebook.err, class_summary.err):
        assert "skipped:" in err and "ask the learner to share again" in err and "export it again" not in err
