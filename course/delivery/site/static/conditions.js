/* Choices that come back, in the static site: the twin of course/exercises/conditions.py.
 *
 * A conditional scene was written into the page with every variant (course/displays/scene_paths.py),
 * each with its condition in data-when, the default one showing. Here the learner's first answers,
 * kept in this browser (CourseProgress), choose the variant: the first whose condition holds, else the
 * default. The first answer counts, not the latest: it is the reply the learner reached for (see the
 * Python module for why). A condition maps exercise ids to a choice id or a list of them, and holds when every exercise
 * it names was answered with one of them (anywhere on a decision's path). A test runs this module and
 * the Python one over the same conditions and answers.
 *
 * Runs in a page (window.CourseConditions) and under node (module.exports), without dependencies.
 */
(function (root, factory) {
  "use strict";
  const api = factory(root);
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CourseConditions = api;
})(typeof globalThis !== "undefined" ? globalThis : this, function (root) {
  "use strict";

  /** The choice ids a condition lists for one exercise (one id, or a list of them). */
  function named(value) {
    return typeof value === "string" ? [value] : Array.from(value || [], String);
  }

  /** The choice ids in an answer: a choice id, or a list of them; anything else chooses nothing. */
  function chosen(answer) {
    if (typeof answer === "string") return new Set([answer]);
    if (Array.isArray(answer)) return new Set(answer.filter((a) => typeof a === "string"));
    return new Set();
  }

  /** True when every exercise `when` names was answered with one of the choices it lists. */
  function holds(when, answers) {
    if (!when || typeof when !== "object" || !Object.keys(when).length) return false;
    return Object.entries(when).every(([ex, ids]) => {
      if (!Object.prototype.hasOwnProperty.call(answers, ex)) return false;
      const taken = chosen(answers[ex]);
      return named(ids).some((id) => taken.has(id));
    });
  }

  /** The index of the variant to show: the first whose condition holds, else `defaultIndex`. */
  function chooseIndex(conditions, defaultIndex, answers) {
    for (let i = 0; i < conditions.length; i += 1) if (holds(conditions[i], answers)) return i;
    return defaultIndex;
  }

  /** The first answer to each of `exerciseIds` kept in `store` (a CourseProgress store: oldest first). */
  function answersFrom(store, exerciseIds) {
    const out = {};
    for (const ex of exerciseIds) {
      let rows = [];
      try { rows = store ? store.attempts(ex) : []; } catch (err) { return {}; }
      if (rows.length) out[ex] = rows[0].answer;
    }
    return out;
  }

  /** Show, in every conditional scene on the page, the variant this browser's answers lead to. */
  function mountAll(store) {
    const doc = root.document;
    for (const host of doc.querySelectorAll("[data-conditional]")) {
      const variants = [...host.querySelectorAll(":scope > .course-variant")];
      if (!variants.length) continue;
      const exercises = (host.dataset.exercises || "").split(" ").filter(Boolean);
      const answers = answersFrom(store, exercises);
      const answered = exercises.some((ex) => Object.prototype.hasOwnProperty.call(answers, ex));
      const conditions = variants.map((v) => {
        try { return JSON.parse(v.dataset.when || "{}"); } catch (err) { return {}; }
      });
      const fallback = Math.max(0, variants.findIndex((v) => v.hasAttribute("data-default")));
      const pick = chooseIndex(conditions, fallback, answers);
      variants.forEach((v, i) => {
        v.hidden = i !== pick;
        // The default variant has two boxes: "your path", and "no answer of yours was found".
        const hasNone = Boolean(v.querySelector("[data-path='none']"));
        for (const box of v.querySelectorAll(".course-paths")) {
          const isNone = Boolean(box.querySelector("[data-path='none']"));
          box.hidden = answered ? isNone : hasNone && !isNone;
        }
      });
      host.dataset.shown = variants[pick].dataset.variant;
    }
  }

  return { named, chosen, holds, chooseIndex, answersFrom, mountAll };
});
