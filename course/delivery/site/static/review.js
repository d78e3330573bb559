/* Spaced review in the static course site, scheduled by FSRS through the vendored ts-fsrs
 * (static/vendor/ts-fsrs/, its exact version in static/vendor/package.json).
 *
 * The JupyterLab course schedules with py-fsrs (course/review/schedule.py) and this file mirrors it, so
 * the same review history gives the same due dates in both (tests/delivery/site/
 * test_review_schedule_parity.py replays histories through both):
 * - FSRS-6 with its default parameters, desired retention 0.9, at most 36,500 days, no fuzzing;
 * - learning steps of 1 and 10 minutes, one relearning step of 10 minutes. The steps are given to
 *   ts-fsrs as a learning-steps strategy (its extension point for them) that follows py-fsrs's rule: Hard
 *   at the first step waits halfway between the first two steps, Hard at a later step repeats that step.
 *   ts-fsrs writes a step's due time in whole minutes, py-fsrs exactly (Hard at the first step: 5.5
 *   minutes); and in the Review state ts-fsrs keeps the intervals of Hard, Good and Easy at least a day
 *   apart, py-fsrs does not. So the due time is set as py-fsrs sets it (`waitMs`): the exact step time,
 *   or the interval ts-fsrs's own `next_interval` gives the card's new stability. Stability, difficulty,
 *   state and step are ts-fsrs's own.
 * - ts-fsrs counts the days since the last review by UTC calendar date, py-fsrs in whole 24-hour periods
 *   (a review at 08:00 after one at 22:00 the day before: 1 day or 0). The card is given to ts-fsrs with
 *   its last review moved so that both count the same days (`review`).
 * - times are UTC to the millisecond ("2026-12-06T16:20:05.123Z"), as Date.toISOString() writes them.
 *
 * An exercise marked `review: true` joins the queue when the learner first answers it in its chapter
 * (first checked answer; first saved text for a reflection or discussion): a new card, whose first review
 * falls due one day (24 hours) after that first answer (`firstDue`, the lab's `schedule.first_due`), not at
 * once, so that it is a spaced retrieval and not a repetition straight after the chapter's feedback. The
 * chapter's answer is not an FSRS review; FSRS is unchanged. Each
 * review keeps {exercise_id, content_hash, rating, reviewed_at, card}, `card` being the state after it
 * ({state: 1 Learning, 2 Review, 3 Relearning; step; stability; difficulty; due; last_review}), the same
 * rows as the JupyterLab course's review log and the `reviews` of an export file.
 *
 * The rating of a review: the first checked answer earns Good (3) with full marks, Hard (2) with at least
 * half the marks and Again (1) with less (course/review/rating.py); a reflection or discussion has no
 * score, and the learner rates it Again, Hard, Good or Easy.
 *
 * Runs in a page (window.CourseReview, after vendor/ts-fsrs/index.umd.js) and under node (module.exports).
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./vendor/ts-fsrs/index.umd.js"));
  else root.CourseReview = factory(root.FSRS);
})(typeof globalThis !== "undefined" ? globalThis : this, function (FSRS) {
  "use strict";

  const DESIRED_RETENTION = 0.9;
  const MAXIMUM_INTERVAL = 36500;
  const LEARNING_MINUTES = Object.freeze([1, 10]);
  const RELEARNING_MINUTES = Object.freeze([10]);
  const AGAIN = 1;
  const HARD = 2;
  const GOOD = 3;
  const EASY = 4;
  const RATING_NAMES = Object.freeze({ 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" });
  const STATE_NAMES = Object.freeze({ 1: "Learning", 2: "Review", 3: "Relearning" });
  const SELF_RATED_TYPES = Object.freeze(["reflection", "discussion"]);
  const MINUTE_MS = 60 * 1000;
  const DAY_MS = 24 * 60 * MINUTE_MS;
  const FIRST_REVIEW_DELAY_MS = DAY_MS; // a new card's first review: a day after the first answer

  /** py-fsrs's learning steps: {rating: {scheduled_minutes, next_step}} at `step` of a card in `state`. */
  function pyLearningSteps(params, state, step) {
    const steps = state === FSRS.State.Relearning || state === FSRS.State.Review ? RELEARNING_MINUTES : LEARNING_MINUTES;
    if (step >= steps.length) return {};
    if (state === FSRS.State.Review) return { [AGAIN]: { scheduled_minutes: steps[0], next_step: 0 } };
    let hard = steps[step];
    if (step === 0) hard = steps.length === 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2;
    const out = { [AGAIN]: { scheduled_minutes: steps[0], next_step: 0 }, [HARD]: { scheduled_minutes: hard, next_step: step } };
    if (step + 1 < steps.length) out[GOOD] = { scheduled_minutes: steps[step + 1], next_step: step + 1 };
    return out;
  }

  const scheduler = FSRS.fsrs(FSRS.generatorParameters({
    request_retention: DESIRED_RETENTION,
    maximum_interval: MAXIMUM_INTERVAL,
    enable_fuzz: false,
    enable_short_term: true,
    learning_steps: LEARNING_MINUTES.map((m) => `${m}m`),
    relearning_steps: RELEARNING_MINUTES.map((m) => `${m}m`),
  }));
  scheduler.useStrategy(FSRS.StrategyMode.LEARNING_STEPS, pyLearningSteps);

  // ------------------------------------------------------------------ ratings

  /** Whether the learner rates reviews of this exercise type themselves (no score to rate from). */
  function selfRated(type) {
    return SELF_RATED_TYPES.includes(type);
  }

  /** Good for full marks, Hard for at least half, Again for less (`maxScore` must be above 0). */
  function ratingForScore(score, maxScore) {
    if (typeof score !== "number" || typeof maxScore !== "number" || !(maxScore > 0)) {
      throw new Error(`a review is rated from a score out of a positive maximum, not ${score} of ${maxScore}`);
    }
    if (score >= maxScore) return GOOD;
    if (2 * score >= maxScore) return HARD;
    return AGAIN;
  }

  /** `value` as a rating 1 to 4, or an Error naming what would be right. */
  function checkRating(value) {
    if (!Number.isInteger(value) || !(value in RATING_NAMES)) {
      throw new Error(`a rating is a whole number from 1 (Again) to 4 (Easy), not ${JSON.stringify(value)}`);
    }
    return value;
  }

  // ------------------------------------------------------------------ times and card states

  /** A time as the course writes it: UTC, milliseconds, "Z". */
  function iso(when) {
    return new Date(when).toISOString();
  }

  /** A stored time ("...Z" or "...+00:00") as a Date; an Error when it is none. */
  function parseTime(text) {
    const when = typeof text === "string" ? new Date(text) : new Date(NaN);
    if (Number.isNaN(when.getTime())) throw new Error(`a time is an ISO 8601 string, not ${JSON.stringify(text)}`);
    return when;
  }

  /** The stored card state of a ts-fsrs card. */
  function cardJson(card) {
    return {
      state: card.state,
      step: card.state === FSRS.State.Review ? null : card.learning_steps,
      stability: card.stability,
      difficulty: card.difficulty,
      due: iso(card.due),
      last_review: card.last_review ? iso(card.last_review) : null,
    };
  }

  /** A stored card state back as a ts-fsrs card; an Error naming the field that is wrong. */
  function fromCardJson(data) {
    if (data === null || typeof data !== "object") throw new Error("a card state is a JSON object with state, step, stability, difficulty, due, last_review");
    if (![1, 2, 3].includes(data.state)) throw new Error(`card state: state is ${JSON.stringify(data.state)}; it must be 1 (Learning), 2 (Review) or 3 (Relearning)`);
    for (const name of ["stability", "difficulty"]) {
      if (typeof data[name] !== "number") throw new Error(`card state: ${name} is ${JSON.stringify(data[name])}; it must be a number`);
    }
    return {
      due: parseTime(data.due),
      stability: data.stability,
      difficulty: data.difficulty,
      elapsed_days: 0,
      scheduled_days: 0,
      reps: 0,
      lapses: 0,
      learning_steps: data.step === null || data.step === undefined ? 0 : data.step,
      state: data.state,
      last_review: data.last_review ? parseTime(data.last_review) : undefined,
    };
  }

  /** How long py-fsrs waits after a review: the exact step time at a (re)learning step, else the interval
   * FSRS gives the new stability, in whole days (ts-fsrs would also keep Hard < Good < Easy apart in the
   * Review state, which py-fsrs does not). */
  function waitMs(before, after, rating) {
    if (after.state === FSRS.State.Review) return scheduler.next_interval(after.stability, 0) * DAY_MS;
    const state = before.state === FSRS.State.New ? FSRS.State.Learning : before.state;
    return pyLearningSteps(null, state, before.learning_steps || 0)[rating].scheduled_minutes * MINUTE_MS;
  }

  /** The card state after one review rated `rating` at `when`, from `card` (a stored state; null for a new card). */
  function review(card, rating, when) {
    const at = parseTime(iso(when));
    const before = card ? fromCardJson(card) : FSRS.createEmptyCard(at);
    if (before.last_review) {
      // ts-fsrs counts the days since the last review by UTC calendar date, py-fsrs in whole 24-hour
      // periods: ts-fsrs is given the last review moved to the review's time of day, as many whole days
      // earlier as py-fsrs counts, so both count the same days (ts-fsrs uses it for nothing else).
      const days = Math.max(Math.floor((at.getTime() - before.last_review.getTime()) / DAY_MS), 0);
      before.last_review = new Date(at.getTime() - days * DAY_MS);
    }
    const after = scheduler.next(before, at, checkRating(rating)).card;
    after.due = new Date(at.getTime() + waitMs(before, after, rating));
    return cardJson(after);
  }

  /** The card state after each review of a history [{rating, reviewed_at}], oldest first. */
  function replaySteps(history) {
    const out = [];
    let card = null;
    for (const row of history) {
      card = review(card, row.rating, parseTime(row.reviewed_at));
      out.push(card);
    }
    return out;
  }

  /** The probability of recalling a card at `now` (null before its first review), as py-fsrs computes it. */
  function retrievability(card, now) {
    if (!card || !card.last_review) return null;
    const days = Math.max(Math.floor((parseTime(iso(now)).getTime() - parseTime(card.last_review).getTime()) / DAY_MS), 0);
    return FSRS.forgetting_curve(scheduler.parameters.w, days, card.stability);
  }

  // ------------------------------------------------------------------ the queue

  /** Exercise id -> the earliest time the learner answered it (attempts) or saved a text for it (reflections). */
  function firstMet(data) {
    const met = {};
    for (const row of (data.attempts || []).concat(data.reflections || [])) {
      const when = parseTime(row.created_at).getTime();
      if (!(row.exercise_id in met) || when < met[row.exercise_id]) met[row.exercise_id] = when;
    }
    return met;
  }

  /** When the first review of an exercise first answered at `metMs` (ms) falls due, in ms: a day later. */
  function firstDue(metMs) {
    return metMs + FIRST_REVIEW_DELAY_MS;
  }

  /** Each met reviewable exercise, in `reviewable` order on ties: {id, met_at, card, due, reviews}, the earliest due first. */
  function queue(data, reviewable) {
    const met = firstMet(data);
    const rows = {};
    for (const row of data.reviews || []) (rows[row.exercise_id] = rows[row.exercise_id] || []).push(row);
    const items = [];
    reviewable.forEach((id, position) => {
      if (!(id in met)) return;
      const mine = (rows[id] || []).slice().sort((a, b) => parseTime(a.reviewed_at) - parseTime(b.reviewed_at));
      const card = mine.length ? mine[mine.length - 1].card : null;
      const due = card ? parseTime(card.due).getTime() : firstDue(met[id]);
      items.push({ id, position, met_at: iso(met[id]), card, due: iso(due), dueMs: due, reviews: mine.length });
    });
    return items.sort((a, b) => a.dueMs - b.dueMs || a.position - b.position);
  }

  /** The items whose due time has come at `now`. */
  function dueItems(items, now) {
    const limit = parseTime(iso(now)).getTime();
    return items.filter((item) => item.dueMs <= limit);
  }

  /** The Monday (UTC) of the week `moment` falls in, as "YYYY-MM-DD". */
  function monday(moment) {
    const day = parseTime(iso(moment));
    return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - ((day.getUTCDay() + 6) % 7))).toISOString().slice(0, 10);
  }

  /** Retention over time, as course/review/history.py counts it: every week (from Monday, UTC) from the first
   * meeting to `now`, with the reviews done, those recalled (rated Hard, Good or Easy; only Again counts as
   * forgotten) and the reviews that fell due (an exercise's first a day after it was met, each later one when the
   * review before it said), only due times up to `now` counting. [{week, reviews, recalled, fell_due}] */
  function weekly(data, now) {
    const limit = parseTime(iso(now)).getTime();
    const reviews = data.reviews || [];
    const dueTimes = Object.values(firstMet(data)).map(firstDue).filter((t) => t <= limit);
    for (const r of reviews) {
      const t = parseTime(r.card.due).getTime();
      if (t <= limit) dueTimes.push(t);
    }
    const done = new Map();
    for (const r of reviews) {
      const key = monday(parseTime(r.reviewed_at));
      done.set(key, (done.get(key) || []).concat([r.rating]));
    }
    const starts = dueTimes.map((t) => monday(t)).concat([...done.keys()]);
    if (!starts.length) return [];
    const fell = new Map();
    for (const t of dueTimes) fell.set(monday(t), (fell.get(monday(t)) || 0) + 1);
    const last = [...starts, monday(limit)].sort().pop();
    const weeks = [];
    for (let week = starts.slice().sort()[0]; week <= last;) {
      const ratings = done.get(week) || [];
      weeks.push({ week, reviews: ratings.length, recalled: ratings.filter((r) => r !== AGAIN).length, fell_due: fell.get(week) || 0 });
      week = new Date(Date.parse(`${week}T00:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10);
    }
    return weeks;
  }

  return {
    DESIRED_RETENTION, PARAMETERS: Array.from(scheduler.parameters.w), AGAIN, HARD, GOOD, EASY, RATING_NAMES, STATE_NAMES, FSRS_VERSION: FSRS.FSRSVersion,
    selfRated, ratingForScore, checkRating, iso, parseTime, cardJson, fromCardJson, review, replaySteps,
    retrievability, firstMet, firstDue, FIRST_REVIEW_DELAY_MS, queue, dueItems, monday, weekly,
  };
});
