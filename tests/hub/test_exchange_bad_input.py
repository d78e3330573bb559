"""Bad submissions in the exchange are listed with their reason and skipped; the class view still renders.

Also: a learner who shares twice, or shares, withdraws and shares again, leaves exactly one submission.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from course.classroom import seminar
from course.classroom.class_view import class_data, read_exchange
from course.classroom.class_view_html import class_view_html
from course.classroom.exchange import MAX_SUBMISSION_BYTES, SUBMISSION, ExchangeError, write_submission
from course.classroom.file_format import checksum
from course.classroom.submission import build_submission, encode

from .conftest import answer, decision_ids, two_paths


def _valid(store: Any, folder: str, **changes: Any) -> dict[str, Any]:
    data = build_submission(store, folder, include_reflections=False)
    data["payload"].update(changes)
    data["checksum"]["value"] = checksum(data["payload"])
    return data


@pytest.fixture
def answered(store_factory: Any) -> Any:
    store = store_factory("learner")
    first = decision_ids()[0]
    answer(store, first, two_paths(first)[0])
    return store


def _read_in_thread(root: Path, seconds: float = 20) -> Any:
    """read_exchange, failing the test (instead of hanging it) if a read blocks."""
    box: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: box.setdefault("read", read_exchange(root)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "reading the exchange blocked (a FIFO opened without O_NONBLOCK?)"
    return box["read"]


def test_every_bad_kind_is_listed_with_its_reason_and_the_view_still_renders(demo_exchange, answered, tmp_path):
    root = demo_exchange.root
    good = demo_exchange.folder("good")
    write_submission(root, good, encode(_valid(answered, good)))
    kinds: dict[str, str] = {}

    def plant(kind: str) -> Path:
        folder = demo_exchange.folder(kind)
        kinds[folder] = kind
        return root / folder / SUBMISSION

    valid = encode(_valid(answered, "x"))
    plant("truncated").write_bytes(valid[: len(valid) // 2])
    tampered = _valid(answered, "x")
    tampered["payload"]["attempts"][0]["score"] = 99
    plant("tampered").write_bytes(encode(tampered))
    secret = tmp_path / "instructor-only.txt"
    secret.write_text("not for learners")
    os.symlink(secret, plant("symlink"))
    os.mkfifo(plant("fifo"))
    huge = plant("huge")
    with open(huge, "wb") as fh:
        fh.truncate(MAX_SUBMISSION_BYTES + 1)
    older = plant("older")
    older.write_bytes(encode(_valid(answered, older.parent.name, course_version="0.0.1")))
    os.symlink(root / good, root / "linked-folder")
    (root / "stray-file").write_text("{}")

    read = _read_in_thread(root)
    reasons = {b.folder: b.reason for b in read.bad}
    expected = {
        "truncated": "not valid JSON",
        "tampered": "does not match the payload",
        "symlink": "symbolic link",
        "fifo": "named pipe",
        "huge": f"more than the {MAX_SUBMISSION_BYTES} bytes",
        "older": "older version of the course",
    }
    for folder, kind in kinds.items():
        assert expected[kind] in reasons[folder], (kind, reasons[folder])
    assert "symbolic link" in reasons["linked-folder"]
    assert "a file, not a learner's folder" in reasons["stray-file"]
    assert [s.folder for s in read.submissions] == [good]
    assert read.folders == len(kinds) + 1
    page = class_view_html(class_data(read))
    assert f"Skipped submissions ({len(kinds) + 2})" in page
    assert f"1 of {len(kinds) + 1} learners have shared" in page
    assert "not for learners" not in page


def test_a_file_owned_by_someone_else_is_skipped(demo_exchange, answered):
    if os.geteuid() != 0:
        pytest.skip("needs root to give a file another owner")
    folder = demo_exchange.folder("wrong-owner")
    path = demo_exchange.root / folder / SUBMISSION
    path.write_bytes(encode(_valid(answered, folder)))
    os.chown(path, 65534, 65534)
    read = read_exchange(demo_exchange.root)
    assert [b.folder for b in read.bad] == [folder]
    assert "not by the folder's learner" in read.bad[0].reason


def test_share_twice_keeps_one_submission_and_reflections_only_when_ticked(demo_exchange, store_factory):
    store = store_factory("learner")
    where = seminar.Place(demo_exchange.root, demo_exchange.folder("learner"))
    first = decision_ids()[0]
    answer(store, first, two_paths(first)[1])
    store.save_reflection("ch03-map-codes", "h", "A reflection with a marker: QUINCE-7.", {})

    once = seminar.share(store=store, where=where)
    assert not once.reflections_included and once.answers == 1
    twice = seminar.share(include_reflections=True, store=store, where=where)
    assert twice.reflections_included and twice.reflections == 1
    assert "QUINCE-7" in seminar.shared_text(where=where)
    again = seminar.share(store=store, where=where)  # the box is unticked again: no reflections
    assert not again.reflections_included
    assert "QUINCE-7" not in seminar.shared_text(where=where)
    assert sorted(os.listdir(demo_exchange.root / where.folder)) == [SUBMISSION]
    read = read_exchange(demo_exchange.root)
    assert [s.folder for s in read.submissions] == [where.folder] and not read.bad


def test_share_withdraw_share(demo_exchange, store_factory):
    store = store_factory("learner")
    where = seminar.Place(demo_exchange.root, demo_exchange.folder("learner"))
    first = decision_ids()[0]
    answer(store, first, two_paths(first)[0])
    assert seminar.shared(where=where) is None
    seminar.share(store=store, where=where)
    assert seminar.withdraw(where=where) is True
    assert seminar.shared(where=where) is None
    read = read_exchange(demo_exchange.root)
    assert read.submissions == [] and read.not_shared == [where.folder]
    assert seminar.withdraw(where=where) is False
    answer(store, first, two_paths(first)[1])
    back = seminar.share(store=store, where=where)
    assert back.answers == 2
    read = read_exchange(demo_exchange.root)
    assert len(read.submissions) == 1 and read.not_shared == []


def test_a_learner_without_a_folder_is_told_what_to_do(demo_exchange, store_factory, monkeypatch):
    where = seminar.Place(demo_exchange.root, "s-0000000000000000")
    with pytest.raises(ExchangeError, match="does not exist"):
        seminar.share(store=store_factory("x"), where=where)
    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    with pytest.raises(ExchangeError, match="seminar's JupyterHub"):
        seminar.share(store=store_factory("y"))


def test_a_writer_never_follows_a_link_planted_at_its_temporary_or_final_name(demo_exchange, answered, tmp_path):
    folder = demo_exchange.folder("learner")
    victim = tmp_path / "profile"
    victim.write_text("keep me")
    os.symlink(victim, demo_exchange.root / folder / SUBMISSION)
    write_submission(demo_exchange.root, folder, encode(_valid(answered, folder)))
    assert victim.read_text() == "keep me"
    assert not (demo_exchange.root / folder / SUBMISSION).is_symlink()
    assert json.loads((demo_exchange.root / folder / SUBMISSION).read_text())["payload"]["learner"]["id"] == folder
