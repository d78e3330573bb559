"""The check that reports how often a single-choice key is the longest option (``course validate``)."""

import shutil
from pathlib import Path

from course.authoring.option_lengths import key_is_longest, longest_keys
from course.cli import main
from course.content.yaml_reader import load_yaml
from course.paths import data_dir

FIXTURES = Path(__file__).parent.parent / "fixtures" / "option-lengths"


def _spec(name: str) -> dict:
    return load_yaml(FIXTURES / f"{name}.yaml").data


def test_a_key_longer_than_every_distractor_counts_as_longest():
    assert key_is_longest(_spec("key-is-the-longest-option")) is True


def test_a_key_shorter_than_a_distractor_does_not_count():
    assert key_is_longest(_spec("key-is-shorter-than-a-distractor")) is False


def test_a_key_that_ties_the_longest_option_counts_as_longest():
    assert key_is_longest(_spec("key-ties-the-longest-option")) is True


def test_other_exercise_types_are_not_counted():
    assert key_is_longest(_spec("not-a-single-choice-question")) is None


def test_the_share_and_chance_are_computed_over_single_choice_items_only(tmp_path):
    folder = tmp_path / "exercises"
    shutil.copytree(FIXTURES, folder)
    found = longest_keys(folder)
    assert found.items == 3
    assert sorted(found.longest) == ["key-is-the-longest-option", "key-ties-the-longest-option"]
    assert abs(found.chance - (1 / 4 + 1 / 4 + 1 / 2) / 3) < 1e-9
    assert "2 of 3" in found.summary() and "67%" in found.summary()


def test_keys_that_stand_out_are_warned_about_by_name(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    for i in range(4):
        (folder / f"q{i}.yaml").write_text(
            (FIXTURES / "key-is-the-longest-option.yaml").read_text().replace("key-is-the-longest-option", f"q{i}")
        )
    found = longest_keys(folder)
    assert found.share == 1.0 and found.stands_out
    assert "Warning:" in found.summary() and "q0, q1, q2, q3" in found.summary()


def test_a_folder_without_questions_adds_no_line(tmp_path):
    assert longest_keys(tmp_path).summary() == ""


def test_the_course_keys_are_near_chance_and_validate_prints_the_line(capsys):
    found = longest_keys(data_dir() / "exercises")
    assert found.items >= 10
    assert not found.stands_out, found.summary()
    assert main(["validate"]) == 0
    assert found.summary() in capsys.readouterr().out
