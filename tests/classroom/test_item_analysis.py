"""Item analysis: the statistics against independent computations, and a wrong key caught in simulated classes."""

from __future__ import annotations

import numpy as np
import pytest

from course.classroom.item_analysis import MIN_LEARNERS, Response, analyse, csv_rows, sort_items
from course.classroom.simulated_class import detection_rate, make_items, simulate

# Nine learners, strongest first, four items; item "c" is answered right by the weakest and wrong by the strongest.
TABLE = {
    "a": [1, 1, 1, 1, 1, 0, 1, 0, 0],
    "b": [1, 1, 1, 1, 0, 1, 0, 0, 0],
    "c": [0, 0, 0, 1, 0, 1, 1, 1, 1],
    "d": [1, 1, 0, 1, 1, 0, 0, 1, 0],
}
CHOICES_C = ["D", "D", "D", "K", "D", "K", "K", "K", "K"]  # the key of "c" is K; most of the top chose D
N = len(CHOICES_C)


def _responses() -> list[dict[str, Response]]:
    return [{item: Response(TABLE[item][i], CHOICES_C[i] if item == "c" else None) for item in TABLE} for i in range(N)]


def test_corrected_item_total_correlation_matches_numpy() -> None:
    results = {r.item_id: r for r in analyse(_responses(), {"c": "K"})}
    for item in TABLE:
        others = [k for k in TABLE if k != item]
        rest = np.mean([TABLE[k] for k in others], axis=0)
        expected = np.corrcoef(TABLE[item], rest)[0, 1]
        assert results[item].item_total == pytest.approx(expected, abs=1e-12)
        assert results[item].difficulty == pytest.approx(sum(TABLE[item]) / N)


def test_upper_lower_difference_and_option_shares_by_hand() -> None:
    c = next(r for r in analyse(_responses(), {"c": "K"}) if r.item_id == "c")
    # rest scores (mean of a, b and d): learners 0, 1 and 3 score 1, 2 and 4 score 2/3, 5 to 7 score 1/3 and
    # 8 scores 0. Thirds of nine are three: the top is 0, 1 and 3 (one right on c: learner 3); the bottom is
    # 8, 5 and 6 (ties keep their order), all right on c.
    assert c.upper_lower == pytest.approx(1 / 3 - 1)
    assert c.top_choices == pytest.approx({"D": 2 / 3, "K": 1 / 3}) and c.bottom_choices == {"K": 1.0}
    assert c.flagged and len(c.reasons) == 2
    assert "negative discrimination" in c.reasons[0] and "'D'" in c.reasons[1]


def test_flagged_items_come_first_and_the_csv_says_why() -> None:
    ordered = analyse(_responses(), {"c": "K"})
    assert ordered[0].item_id == "c" and not any(r.flagged for r in ordered[1:])
    rows = csv_rows(ordered)
    assert rows[0]["flagged"] == "yes" and "negative discrimination" in rows[0]["why"]
    assert rows[0]["top_third_choices"] == "D=0.67 K=0.33"
    assert [r.item_id for r in sort_items(ordered, "exercise id")] == ["a", "b", "c", "d"]


def test_too_few_learners_are_not_flagged() -> None:
    few = _responses()[: MIN_LEARNERS - 1]
    assert not any(r.flagged for r in analyse(few, {"c": "K"}))
    assert all(r.item_total is None for r in analyse(few))


def test_a_simulated_wrong_key_is_flagged_and_sound_keys_are_not() -> None:
    rng = np.random.default_rng(7)
    items = make_items(12, rng, miskeyed=4)
    results = {r.item_id: r for r in analyse(simulate(items, 300, rng), {i.item_id: i.key for i in items})}
    assert results["item-04"].flagged
    assert results["item-04"].item_total < 0
    assert [i for i, r in results.items() if r.flagged] == ["item-04"]


def test_detection_grows_with_class_size() -> None:
    small, medium, large = (detection_rate(n, classes=40, seed=3) for n in (10, 30, 300))
    assert large.miskey_found == 1.0 and large.false_flags == 0.0
    assert medium.miskey_found >= 0.9
    assert small.false_flags > medium.false_flags >= large.false_flags


def test_an_item_that_does_not_discriminate_at_all_is_never_flagged() -> None:
    # Item "a" has a corrected item-total correlation of exactly 0 in TABLE, which floating point gives as
    # +3e-17 or -3e-17 depending on the order the learners come in; either way it must read 0, unflagged.
    rng = np.random.default_rng(7)
    for _ in range(200):
        responses = [_responses()[i] for i in rng.permutation(N)]
        a = next(r for r in analyse(responses, {"c": "K"}) if r.item_id == "a")
        assert a.item_total == 0.0 and not a.flagged, (a.item_total, a.reasons)
