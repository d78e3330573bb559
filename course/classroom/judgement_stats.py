"""The class's before-and-after figure for the case-judgement test: paired change and effect size.

From the learners who finished both sittings:

- ``n``, the mean score before and after;
- the paired change: the mean of (after - before), with its 95% confidence interval from the t distribution
  (``scipy.stats.ttest_rel``, whose ``confidence_interval`` gives it);
- the paired effect size d_z = mean difference / standard deviation of the differences (= t / sqrt(n)), with
  its 95% confidence interval found by inverting the noncentral t distribution (``scipy.stats.nct``): the
  noncentrality parameters under which the observed t sits at the 97.5th and 2.5th percentiles, divided by
  sqrt(n) (Cumming & Finch, 2001; Steiger & Fouladi, 1997);
- the form-order check: the mean change of learners who took A then B against B then A, and the mean score
  on form A against form B (a harder form may show as a gap there), and the change averaged over the two
  orders, which balances the forms when the orders are unequal in size.

No control group, a small n, practice effects, forms not equated on data and a pretest that may draw attention:
the figure describes this class; it does not show that the course works. ``caveat`` says so in plain words
wherever the figure is shown, and ``interval_note`` says what the interval of the change does and does not show.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import optimize, stats

LEVEL = 0.95
FEW = 10  # below this many learners the intervals are too wide to say much
LARGE = 30  # from this many learners (several cohorts pooled, say) the caveat no longer calls the class small


def caveat(n: int) -> str:
    """What the figure of ``n`` learners can and cannot show, in plain words; shown wherever it is."""
    small = "the class is small; " if n < LARGE else ""
    return (
        "Read this as a description of this class, not as proof that the course works. There is no control "
        f"group (learners might have changed as much without the course); {small}a second sitting tends to "
        "score higher in itself (practice), even on a parallel form; the two forms were written to be equal but "
        "have not been equated on data; taking the first form may itself make learners notice related material "
        "in the course; and only learners who shared both sittings are counted."
    )


CAVEAT = caveat(FEW)  # as a small class reads it
TOO_FEW = (
    "With fewer than {few} learners the intervals are too wide to say much: every figure is shown, but treat "
    "any change as a rough description only."
)
ORDER_NOTE = (
    "The form-order check: if the two orders show very different changes, or one form's mean is clearly lower, "
    "one form may be harder for this class, and part of the change then reflects which form came first. With a "
    "few learners in each order, only a gap of several points means much. When the two orders have different "
    "numbers of learners, the change averaged over the two orders is the one that balances the forms."
)


def interval_note(change_ci: tuple[float, float] | None) -> str | None:
    """What the 95% interval of the change says, and what it does not (None without an interval)."""
    if change_ci is None:
        return None
    low, high = change_ci
    if low <= 0 <= high:
        return (
            "The interval of the change includes zero: these data are compatible with no change, and also with a "
            "rise or fall as large as the interval's ends. That is not evidence that the course had no effect."
        )
    return (
        "The interval of the change excludes zero: in this class the change is unlikely to be chance alone. It "
        "does not say what caused it (see above)."
    )


@dataclass(frozen=True)
class Paired:
    """One learner's two sittings."""

    before: float
    after: float
    before_form: str
    after_form: str

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class OrderGroup:
    """Learners who took the forms in one order."""

    order: str  # "A then B" or "B then A"
    n: int
    mean_change: float | None


@dataclass(frozen=True)
class Figure:
    """The class figure. Intervals and effect size are None where they cannot be computed (n < 2, or
    every learner changed by the same amount, so the differences have no spread)."""

    n: int
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    change_ci: tuple[float, float] | None
    t: float | None
    p: float | None
    d_z: float | None
    d_z_ci: tuple[float, float] | None
    orders: tuple[OrderGroup, OrderGroup]
    mean_form_a: float | None
    mean_form_b: float | None

    @property
    def balanced_change(self) -> float | None:
        """The change averaged over the two orders (the mean of the two orders' mean changes), which keeps a
        difference between the forms out of the change when the orders have unequal numbers of learners.
        None unless both orders have learners."""
        means = [group.mean_change for group in self.orders]
        if any(m is None for m in means):
            return None
        return sum(means) / 2  # type: ignore[arg-type]

    @property
    def few(self) -> bool:
        """True when n is below ``FEW``: the intervals are too wide to say much."""
        return self.n < FEW


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def d_z_interval(t: float, n: int, level: float = LEVEL) -> tuple[float, float]:
    """The confidence interval of d_z for an observed paired t with ``n`` pairs, by inverting the noncentral
    t distribution: the noncentrality ``ncp`` with P(T <= t | ncp) = 1 - alpha/2 (lower) and alpha/2
    (upper), each divided by sqrt(n)."""
    df = n - 1
    alpha = 1 - level

    def at(prob: float) -> float:
        def gap(ncp: float) -> float:
            return float(stats.nct.cdf(t, df, ncp)) - prob

        # the noncentrality lies within a few standard errors of t (SE about sqrt(1 + t^2 / 2df)); far
        # outside, the distribution's tails underflow, so the bracket widens step by step from there
        width = 5.0 * math.sqrt(1.0 + t * t / (2.0 * df)) + 1.0
        low, high = t - width, t + width
        while gap(low) < 0:
            low -= width
        while gap(high) > 0:
            high += width
        return float(optimize.brentq(gap, low, high, xtol=1e-10))

    return at(1 - alpha / 2) / math.sqrt(n), at(alpha / 2) / math.sqrt(n)


def figure(pairs: Sequence[Paired], level: float = LEVEL) -> Figure:
    """The class figure for ``pairs`` (one per learner with both sittings)."""
    n = len(pairs)
    before = [p.before for p in pairs]
    after = [p.after for p in pairs]
    changes = [p.change for p in pairs]
    change_ci = t = p_value = d_z = d_z_ci = None
    if n >= 2 and len(set(changes)) > 1:
        test = stats.ttest_rel(after, before)
        t, p_value = float(test.statistic), float(test.pvalue)
        ci = test.confidence_interval(confidence_level=level)
        change_ci = (float(ci.low), float(ci.high))
        sd = float(stats.tstd(changes))
        d_z = (sum(changes) / n) / sd
        d_z_ci = d_z_interval(t, n, level)
    orders = tuple(
        OrderGroup(f"{a} then {b}", len(group), _mean([p.change for p in group]))
        for a, b in (("A", "B"), ("B", "A"))
        for group in [[p for p in pairs if p.before_form == a and p.after_form == b]]
    )
    on_a = [p.before if p.before_form == "A" else p.after for p in pairs]
    on_b = [p.before if p.before_form == "B" else p.after for p in pairs]
    return Figure(
        n,
        _mean(before),
        _mean(after),
        _mean(changes),
        change_ci,
        t,
        p_value,
        d_z,
        d_z_ci,
        orders,  # type: ignore[arg-type]
        _mean(on_a),
        _mean(on_b),
    )
