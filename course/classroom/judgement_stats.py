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
  on form A against form B (a harder form shows as a gap there).

No control group, a small n and practice effects: the figure describes this class; it does not show that
the course works. ``CAVEAT`` says so in plain words wherever the figure is shown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import optimize, stats

LEVEL = 0.95
FEW = 10  # below this many learners the intervals are too wide to say much
CAVEAT = (
    "Read this as a description of this class, not as proof that the course works. There is no control group "
    "(learners might have changed as much without the course), the class is small, and taking a test a second "
    "time is easier in itself (practice effects), even on a parallel form."
)
TOO_FEW = (
    "With fewer than {few} learners the intervals are too wide to say much: the means are shown, but treat "
    "any change as a rough description only."
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
