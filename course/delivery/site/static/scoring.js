/* Exercise scoring for the static course site: the JavaScript twin of course/exercises/scoring/.
 *
 * evaluate(spec, answer) -> {score, max_score, correct, feedback_html, feedback_text, valid} gives the
 * same score, correctness and feedback as the Python scorer for every answer a page can hold (plain
 * JSON values; a number without a fraction counts as a whole number). tests/delivery/site/ proves it.
 *
 * `spec` is an exercise as compiled by the site build (course/delivery/site/compile.py): ids, the
 * reference answer, and every author text already rendered by the course's one sanitizing Markdown
 * renderer (*_html fields; *_plain for form labels). Engine text is escaped here exactly as
 * course.safe_html.esc escapes it. No dependencies, no DOM: it runs in a page and under node.
 *
 * Answers experts would also accept (`also_accept`, course/exercises/scoring/accepted.py): a list of
 * further answers in the form of `answer` (single-choice, multiple-select, ordering, decision) or, for
 * categorize, further categories per item. They score full credit, under the verdict "Accepted, with full
 * credit." and with the course's recommended answer shown beside them, as in Python.
 *
 * Known edge: object keys that look like array indices ("0", "12") come first in JavaScript's key
 * order, so for an unreadable answer with several such problems the first one named may differ.
 */
(function (root, factory) {
  "use strict";
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CourseScoring = api;
})(typeof globalThis !== "undefined" ? globalThis : this, function () {
  "use strict";

  // ------------------------------------------------------------------ text, as Python treats it

  // Python's str.isspace() characters (str.split() with no argument splits on these).
  const SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const SPACES = new RegExp(`[${SPACE}]+`, "gu");
  // Python's \w (str.isalnum() or "_"), for the word boundaries of course.safe_html.neutralize.
  const WORD = "\\p{L}\\p{N}_";
  // [a-z] under re.IGNORECASE also matches these four letters in Python.
  const AZ = "a-z\\u0130\\u0131\\u017f\\u212a";
  const EVENT_TEXT = new RegExp(`(?<![${WORD}])(on[${AZ}]+)[${SPACE}]*=`, "giu");
  const I = "i\\u0130\\u0131";
  const S = "s\\u017f";
  const SCRIPT_SCHEME = new RegExp(
    `(?<![${WORD}])(java[${S}]cr[${I}]pt|vb[${S}]cr[${I}]pt)[${SPACE}]*:`, "giu");
  const BLOCK_TAG = new RegExp(
    `</?(?:p|br|li|ul|ol|div|h\\p{Nd}|tr|td|th|table|blockquote|pre|hr)(?![${WORD}])[^>]*>`, "giu");
  const ANY_TAG = /<[^>]*>/g;
  const ENTITY = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|(amp|lt|gt|quot|apos|nbsp));/g;
  const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

  /** Python's " ".join(text.split()). */
  function squash(text) {
    return String(text).split(SPACES).filter((w) => w !== "").join(" ");
  }

  /** course.safe_html.neutralize: entity-encode text that merely looks like code. */
  function neutralize(fragment) {
    return fragment
      .replace(EVENT_TEXT, (_, name) => `${name}&#61;`)
      .replace(SCRIPT_SCHEME, (_, scheme) => `${scheme}&#58;`);
  }

  /** course.safe_html.esc: html.escape(quote=True), then neutralize. */
  function esc(text) {
    const escaped = String(text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
    return neutralize(escaped);
  }

  function unescapeHtml(text) {
    return text.replace(ENTITY, (whole, dec, hex, name) => {
      if (name) return NAMED[name];
      const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  }

  /** course.safe_html.plain_text: the readable text of an HTML fragment, whitespace collapsed. */
  function plainText(fragment) {
    const text = String(fragment || "").replace(BLOCK_TAG, " ").replace(ANY_TAG, "");
    return squash(unescapeHtml(text));
  }

  /** Python's len(str.split()): the number of words. */
  function words(text) {
    return String(text).split(SPACES).filter((w) => w !== "").length;
  }

  // ------------------------------------------------------------------ Python's repr, for messages

  const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

  function reprString(s) {
    const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
    let out = quote;
    for (const ch of s) {
      const code = ch.codePointAt(0);
      if (ch === quote || ch === "\\") out += "\\" + ch;
      else if (ch === "\t") out += "\\t";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch !== " " && NOT_PRINTABLE.test(ch)) {
        const hex = code.toString(16);
        if (code < 0x100) out += "\\x" + hex.padStart(2, "0");
        else if (code < 0x10000) out += "\\u" + hex.padStart(4, "0");
        else out += "\\U" + hex.padStart(8, "0");
      } else out += ch;
    }
    return out + quote;
  }

  /** repr() of a Python float (shortest digits; exponent form below 1e-4 and from 1e16). */
  function reprFloat(x) {
    if (Number.isNaN(x)) return "nan";
    if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
    if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
    const [mantissa, expText] = x.toExponential().split("e");
    const exp = parseInt(expText, 10);
    const sign = mantissa.startsWith("-") ? "-" : "";
    const digits = mantissa.replace("-", "").replace(".", "");
    if (exp < -4 || exp >= 16) {
      const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
      const e = Math.abs(exp).toString().padStart(2, "0");
      return `${sign}${m}e${exp < 0 ? "-" : "+"}${e}`;
    }
    if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    const fraction = digits.slice(exp + 1) || "0";
    return `${sign}${whole}.${fraction}`;
  }

  /** repr() of a JSON value read as Python reads it. */
  function repr(value) {
    if (value === null || value === undefined) return "None";
    if (value === true) return "True";
    if (value === false) return "False";
    if (typeof value === "number") return Number.isInteger(value) ? String(value) : reprFloat(value);
    if (typeof value === "string") return reprString(value);
    if (Array.isArray(value)) return `[${value.map(repr).join(", ")}]`;
    if (typeof value === "object") {
      return `{${Object.keys(value).map((k) => `${reprString(k)}: ${repr(value[k])}`).join(", ")}}`;
    }
    return String(value);
  }

  /** course.exercises.scoring.common.shown: a short repr of a learner's value for messages. */
  function shown(value) {
    const chars = Array.from(repr(value));
    return chars.length <= 40 ? chars.join("") : chars.slice(0, 37).join("") + "...";
  }

  // ------------------------------------------------------------------ shapes, as Python sees them

  const isDict = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const isStr = (v) => typeof v === "string";
  const isTextList = (v) => Array.isArray(v) && v.every(isStr);
  const isWhole = (v) => typeof v === "number" && Number.isInteger(v);
  const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
  const listing = (ids) => ids.map(String).join(", ");

  /** Positions of values already seen earlier in the list. */
  function duplicates(values) {
    const seen = new Set();
    const out = [];
    values.forEach((v, i) => {
      if (seen.has(v)) out.push(i);
      seen.add(v);
    });
    return out;
  }

  /** Python == for JSON values (True == 1 and 1 == 1.0, as in Python). */
  function same(a, b) {
    if (Array.isArray(a) || Array.isArray(b)) {
      return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
    }
    if (isDict(a) || isDict(b)) {
      if (!isDict(a) || !isDict(b)) return false;
      const keys = Object.keys(a);
      return keys.length === Object.keys(b).length && keys.every((k) => has(b, k) && same(a[k], b[k]));
    }
    const num = (v) => (typeof v === "boolean" ? Number(v) : v);
    return num(a) === num(b);
  }

  // ------------------------------------------------------------------ results and feedback

  const num = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

  function wrap(kind, body, score, maxScore, correct, valid) {
    const html = `<div class="cx-feedback ${kind}" role="status" aria-live="polite">${body}</div>`;
    return { score, max_score: maxScore, correct, feedback_html: html, feedback_text: plainText(html), valid };
  }

  /** A Result for an answer that cannot be scored (course.exercises.result.invalid). */
  function invalid(message, maxScore = 1) {
    const body = `<p class="cx-verdict"><strong>Not checked yet.</strong> ${esc(message)}</p>`;
    return wrap("cx-note", body, 0, maxScore, false, false);
  }

  /** Collects HTML fragments, as course.exercises.result.Feedback does. */
  class Feedback {
    constructor() { this.parts = []; }
    md(renderedHtml) { if (renderedHtml) this.parts.push(renderedHtml); }
    text(text) { this.parts.push(`<p>${esc(text)}</p>`); }
    html(fragment) { this.parts.push(fragment); }
    result(score, maxScore, { correct = null, verdict = null } = {}) {
      const full = correct === null ? maxScore > 0 && score >= maxScore : correct;
      let kind;
      let label;
      if (full) [kind, label] = ["cx-ok", "Correct."];
      else if (score > 0) [kind, label] = ["cx-partial", `Partly right: ${num(score)} of ${num(maxScore)}.`];
      else [kind, label] = ["cx-wrong", "Not quite."];
      const head = `<p class="cx-verdict"><strong>${esc(verdict || label)}</strong></p>`;
      return wrap(kind, head + this.parts.join(""), score, maxScore, full, true);
    }
  }

  // ------------------------------------------------------------------ accepted answers

  const ACCEPTED = "Accepted, with full credit.";

  /** The spec's `also_accept` (absent from the compiled JSON when empty). */
  function alsoAccept(spec, empty) {
    return spec.also_accept === undefined || spec.also_accept === null ? empty : spec.also_accept;
  }

  /** accepted.note: the paragraph under an accepted answer, the recommended answer beside it. */
  function acceptedNote(recommendedHtml) {
    return "<div class='cx-accepted'><p>Experts disagree here, and the course accepts your answer. " +
      `The course's recommended answer:</p>${recommendedHtml}</div>`;
  }

  /** accepted.is_alternative: `answer` equals one accepted alternative (lists compared in order). */
  function isAlternative(answer, alternatives) {
    return alternatives.some((alt) => same(answer, alt));
  }

  /** accepted.same_selection: the set of ticked ids equals one accepted alternative selection. */
  function sameSelection(answer, alternatives) {
    const chosen = new Set(answer);
    return alternatives.some((alt) => {
      const set = new Set(alt);
      return set.size === chosen.size && [...set].every((x) => chosen.has(x));
    });
  }

  // ------------------------------------------------------------------ single-choice

  const singleChoice = {
    problems(spec, answer) {
      const ids = spec.options.map((o) => o.id);
      if (!isStr(answer)) return [`got ${shown(answer)}; it should be one option id (${listing(ids)})`];
      if (!ids.includes(answer)) return [`'${answer}' is not an option id; use one of: ${listing(ids)}`];
      return [];
    },
    evaluate(spec, answer) {
      if (answer === null || answer === undefined || answer === "") {
        return invalid("Choose one of the options, then press Check.");
      }
      const found = singleChoice.problems(spec, answer);
      if (found.length) return invalid(`Your answer could not be read: ${found[0]}.`);
      const option = spec.options.find((o) => o.id === answer);
      const fb = new Feedback();
      fb.html(`<p><strong>You chose:</strong> ${option.text_html}</p>`);
      fb.md(option.feedback_html);
      if (answer !== spec.answer && isAlternative(answer, alsoAccept(spec, []))) {
        fb.html(acceptedNote(singleChoice.optionHtml(spec, spec.answer)));
        return fb.result(1, 1, { correct: true, verdict: ACCEPTED });
      }
      return fb.result(answer === spec.answer ? 1 : 0, 1);
    },
    optionHtml(spec, optionId) {
      const option = spec.options.find((o) => o.id === optionId);
      return option ? `<p>${option.text_html}</p>` : "";
    },
  };

  // ------------------------------------------------------------------ multiple-select

  const multipleSelect = {
    problems(spec, answer) {
      const ids = spec.options.map((o) => o.id);
      if (!isTextList(answer)) {
        return [`got ${shown(answer)}; it should be a list of option ids, e.g. [${listing(ids.slice(0, 2))}]`];
      }
      const found = [];
      answer.forEach((value) => {
        if (!ids.includes(value)) found.push(`'${value}' is not an option id; use some of: ${listing(ids)}`);
      });
      duplicates(answer).forEach((i) => found.push(`'${answer[i]}' is listed twice; list each option once`));
      return found;
    },
    evaluate(spec, answer) {
      const n = spec.options.length;
      if (answer === null || answer === undefined || (Array.isArray(answer) && answer.length === 0)) {
        return invalid("Tick every option you think applies, then press Check.", n);
      }
      const found = multipleSelect.problems(spec, answer);
      if (found.length) return invalid(`Your answer could not be read: ${found[0]}.`, n);
      const chosen = new Set(answer);
      const right = new Set(spec.answer);
      const setEq = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));
      const fb = new Feedback();
      if (!setEq(chosen, right) && sameSelection(answer, alsoAccept(spec, []))) {
        for (const option of spec.options) {
          if (!chosen.has(option.id)) continue;
          fb.html(`<p><strong>You ticked:</strong> ${option.text_html}</p>`);
          fb.md(option.feedback_html);
        }
        fb.html(acceptedNote(multipleSelect.ticksHtml(spec, spec.answer)));
        return fb.result(n, n, { correct: true, verdict: ACCEPTED });
      }
      let score = 0;
      for (const option of spec.options) {
        const picked = chosen.has(option.id);
        const should = right.has(option.id);
        if (picked === should) {
          score += 1;
          if (picked && setEq(chosen, right)) {
            fb.html(`<p><strong>Right to tick:</strong> ${option.text_html}</p>`);
            fb.md(option.feedback_html);
          }
          continue;
        }
        fb.html(`<p><strong>${picked ? "You ticked" : "You left out"}:</strong> ${option.text_html}</p>`);
        fb.md(option.feedback_html);
      }
      return fb.result(score, n, { correct: setEq(chosen, right) });
    },
    ticksHtml(spec, ids) {
      return `<ul>${spec.options.filter((o) => ids.includes(o.id)).map((o) => `<li>${o.text_html}</li>`).join("")}</ul>`;
    },
  };

  // ------------------------------------------------------------------ ordering

  const ordering = {
    problems(spec, answer) {
      const ids = spec.items.map((i) => i.id);
      if (!isTextList(answer)) {
        return [`got ${shown(answer)}; it should be a list of all item ids in order (${listing(ids)})`];
      }
      const found = [];
      answer.forEach((value) => {
        if (!ids.includes(value)) found.push(`'${value}' is not an item id; use: ${listing(ids)}`);
      });
      duplicates(answer).forEach((i) => found.push(`'${answer[i]}' is listed twice; list each item once`));
      const missing = ids.filter((i) => !answer.includes(i));
      if (missing.length) found.push(`leaves out ${listing(missing)}; list every item exactly once`);
      return found;
    },
    evaluate(spec, answer) {
      const n = spec.items.length;
      const found = ordering.problems(spec, answer);
      if (found.length) return invalid(`Your order could not be read: ${found[0]}.`, n);
      const items = new Map(spec.items.map((i) => [i.id, i]));
      const fb = new Feedback();
      if (!same(answer, spec.answer) && isAlternative(answer, alsoAccept(spec, []))) {
        fb.html(acceptedNote(ordering.orderHtml(spec, spec.answer)));
        return fb.result(n, n, { correct: true, verdict: ACCEPTED });
      }
      let score = 0;
      answer.forEach((itemId, pos) => {
        const right = spec.answer.indexOf(itemId);
        if (right === pos) {
          score += 1;
          return;
        }
        const item = items.get(itemId);
        fb.html(`<p><strong>Out of place:</strong> ${item.text_html} ` +
          `(you put it at ${pos + 1}; it belongs at ${right + 1})</p>`);
        fb.md(item.feedback_html);
      });
      return fb.result(score, n);
    },
    orderHtml(spec, order) {
      const items = new Map(spec.items.map((i) => [i.id, i]));
      return `<ol>${order.filter((id) => items.has(id)).map((id) => `<li>${items.get(id).text_html}</li>`).join("")}</ol>`;
    },
  };

  // ------------------------------------------------------------------ categorize

  // An item text that ends a sentence ("... will not come.") takes "You chose" after it, not ": you chose".
  const SENTENCE_END = /[.!?\u2026]["'\u201d\u2019)\]]*$/u;

  function youChose(item, labelHtml) {
    const lead = `<strong>${item.text_html}</strong>`;
    if (SENTENCE_END.test(item.text_plain.trimEnd())) return `${lead} You chose <em>${labelHtml}</em>`;
    return `${lead}: you chose <em>${labelHtml}</em>`;
  }

  const CATEGORIZE_REASONS = "Why each one belongs where you put it:";

  const categorize = {
    problems(spec, answer) {
      const items = spec.items.map((i) => i.id);
      const cats = spec.categories.map((c) => c.id);
      if (!isDict(answer)) {
        return [`got ${shown(answer)}; it should map each item id to a category id, e.g. ${items[0]}: ${cats[0]}`];
      }
      const found = [];
      for (const key of Object.keys(answer)) {
        const value = answer[key];
        if (!items.includes(key)) found.push(`'${key}' is not an item id; items are: ${listing(items)}`);
        else if (!cats.some((c) => same(c, value))) {
          found.push(`got ${shown(value)}; it should be a category id: ${listing(cats)}`);
        }
      }
      return found;
    },
    evaluate(spec, answer) {
      const n = spec.items.length;
      const found = categorize.problems(spec, answer);
      if (found.length) return invalid(`Your answer could not be read: ${found[0]}.`, n);
      const unplaced = spec.items.filter((i) => !has(answer, i.id));
      if (unplaced.length) {
        return invalid(`Choose a category for every item first (${unplaced.length} still to place).`, n);
      }
      const labels = new Map(spec.categories.map((c) => [c.id, c.label_html]));
      const also = alsoAccept(spec, {});
      const fb = new Feedback();
      const reasons = new Feedback(); // shown only when every item is placed right
      let score = 0;
      let alternatives = 0;
      for (const item of spec.items) {
        const chosen = answer[item.id];
        const right = has(spec.answer, item.id) ? spec.answer[item.id] : null;
        if (chosen === right) {
          score += 1;
          if (item.feedback_html) {
            reasons.html(`<p><strong>${item.text_html}</strong> <em>(${labels.get(chosen)})</em></p>`);
            reasons.md(item.feedback_html);
          }
          continue;
        }
        const rightLabel = labels.has(right) ? labels.get(right) : esc(String(right));
        if (has(also, item.id) && also[item.id].includes(chosen)) {
          score += 1;
          alternatives += 1;
          fb.html(`<p>${youChose(item, labels.get(chosen))}. ` +
            "Accepted: experts disagree here; the course's key puts it under " +
            `<em>${rightLabel}</em>.</p>`);
          fb.md(item.feedback_html);
          continue;
        }
        fb.html(`<p>${youChose(item, labels.get(chosen))}; ` +
          `it belongs under <em>${rightLabel}</em>.</p>`);
        fb.md(item.feedback_html);
      }
      if (score === n && reasons.parts.length) {
        fb.html(`<p class="cx-reasons">${esc(CATEGORIZE_REASONS)}</p>`);
        fb.parts.push(...reasons.parts);
      }
      if (score === n && alternatives) return fb.result(score, n, { correct: true, verdict: ACCEPTED });
      return fb.result(score, n);
    },
  };

  // ------------------------------------------------------------------ rating

  const signed = (v) => (v > 0 ? `+${v}` : String(v).replace("-", "\u2212"));

  const rating = {
    problems(spec, answer) {
      const ids = spec.events.map((e) => e.event);
      if (!isDict(answer)) return [`got ${shown(answer)}; it should map each event id to a rating from -3 to 3`];
      const found = [];
      for (const key of Object.keys(answer)) {
        const value = answer[key];
        if (!ids.includes(key)) found.push(`'${key}' is not one of this exercise's events: ${listing(ids)}`);
        else if (!isWhole(value) || value < -3 || value > 3) {
          found.push(`got ${shown(value)}; a rating is a whole number from -3 to 3`);
        }
      }
      const missing = ids.filter((i) => !has(answer, i));
      if (missing.length) found.push(`has no rating for ${listing(missing)}; rate every event`);
      return found;
    },
    evaluate(spec, answer) {
      const n = spec.events.length;
      if (!spec.answer || Object.keys(spec.answer).length === 0) {
        return invalid("This exercise has no reference ratings yet; ask your instructor.", n);
      }
      const found = rating.problems(spec, answer);
      if (found.length) return invalid(`Your ratings could not be read: ${found[0]}.`, n);
      const fb = new Feedback();
      let score = 0;
      for (const item of spec.events) {
        const given = answer[item.event];
        const ref = has(spec.answer, item.event) ? spec.answer[item.event] : 0;
        if (Math.abs(given - ref) <= spec.tolerance) {
          score += 1;
          continue;
        }
        fb.html(`<p><strong>${item.label_html}</strong>: you rated ${esc(signed(given))}; the course's ` +
          `teaching rating is ${esc(signed(ref))}.</p>`);
        fb.md(item.note_html);
      }
      fb.text(`${score} of ${n} ratings are within ${spec.tolerance} point(s) of the course's. These are ` +
        "teaching judgements for discussion, not measurements: a different rating you can argue for is welcome.");
      return fb.result(score, n);
    },
  };

  // ------------------------------------------------------------------ decision

  const END = "end";
  const node = (spec, id) => spec.nodes.find((n) => n.id === id) || null;
  const choice = (spec, id) => {
    for (const n of spec.nodes) {
      const c = n.choices.find((x) => x.id === id);
      if (c) return c;
    }
    return null;
  };

  /** Follow the path from the start: {taken, problem}; a problem names the step. */
  function walk(spec, answer) {
    let current = spec.start;
    const taken = [];
    for (let i = 0; i < answer.length; i += 1) {
      const step = i + 1;
      const choiceId = answer[i];
      if (current === END) return { taken, problem: `step ${step} ('${choiceId}') comes after the scenario has ended` };
      const here = node(spec, current);
      const options = here ? here.choices.map((c) => c.id) : [];
      const picked = here ? here.choices.find((c) => c.id === choiceId) : null;
      if (!picked) {
        return { taken, problem: `step ${step}: '${choiceId}' is not a choice at this point; choose one of ${listing(options)}` };
      }
      taken.push(picked);
      current = picked.next;
    }
    if (current !== END) {
      return { taken, problem: `the path stops before the end; step ${answer.length + 1} still needs a choice` };
    }
    return { taken, problem: null };
  }

  /** One step of the story: the choice, what happened, and the commentary. */
  function stepHtml(step, picked) {
    return `<div class="cx-step"><p><strong>Step ${step}. You said:</strong> ${picked.text_html}</p>` +
      `<p><strong>What happens:</strong></p>${picked.consequence_html}` +
      `<p><strong>Commentary:</strong></p>${picked.commentary_html}</div>`;
  }

  const decision = {
    problems(spec, answer) {
      if (!isTextList(answer)) {
        return [`got ${shown(answer)}; it should be a list of choice ids, one per step, from the start to the end`];
      }
      const { problem } = walk(spec, answer);
      return problem ? [problem] : [];
    },
    evaluate(spec, answer) {
      const n = spec.answer.length;
      if (answer === null || answer === undefined || (Array.isArray(answer) && answer.length === 0)) {
        return invalid("Choose a reply to start the scenario.", n);
      }
      const found = decision.problems(spec, answer);
      if (found.length) return invalid(`Your path could not be read: ${found[0]}.`, n);
      const { taken } = walk(spec, answer);
      const fb = new Feedback();
      taken.forEach((picked, i) => fb.html(stepHtml(i + 1, picked)));
      const correct = same(answer, spec.answer);
      if (!correct && isAlternative(answer, alsoAccept(spec, []))) {
        fb.html(summary(spec, taken, false, true));
        return fb.result(n, n, { correct: true, verdict: ACCEPTED });
      }
      const score = answer.filter((c, i) => i < n && c === spec.answer[i]).length;
      fb.html(summary(spec, taken, correct));
      return fb.result(score, n, { correct });
    },
  };

  function summary(spec, taken, correct, acceptedPath = false) {
    const yours = taken.map((c) => `<li>${c.text_html}</li>`).join("");
    if (correct) {
      return `<div class="cx-summary"><p><strong>Your path</strong> is the recommended one:</p><ol>${yours}</ol></div>`;
    }
    const best = spec.answer.map((id) => choice(spec, id)).filter(Boolean)
      .map((c) => `<li>${c.text_html}</li>`).join("");
    if (acceptedPath) {
      return '<div class="cx-summary"><p><strong>Your path</strong> is an accepted path, with full credit:</p>' +
        `<ol>${yours}</ol><p><strong>The recommended path</strong>, next to it:</p><ol>${best}</ol></div>`;
    }
    return `<div class="cx-summary"><p><strong>Your path:</strong></p><ol>${yours}</ol>` +
      `<p><strong>The recommended path:</strong></p><ol>${best}</ol></div>`;
  }

  // ------------------------------------------------------------------ reflection

  const reflection = {
    problems(spec, answer) {
      if (!isDict(answer) || !isStr(answer.text)) {
        return [`got ${shown(answer)}; it should be {text: your reflection, rubric: {id: true}}`];
      }
      const ids = spec.rubric.map((r) => r.id);
      const found = [];
      for (const key of Object.keys(answer)) {
        if (key !== "text" && key !== "rubric") found.push(`'${key}' is not part of a reflection answer; use text and rubric`);
      }
      const rubric = has(answer, "rubric") ? answer.rubric : {};
      if (!isDict(rubric)) return found.concat([`got ${shown(rubric)}; it should map rubric ids to true or false`]);
      for (const key of Object.keys(rubric)) {
        if (!ids.includes(key)) found.push(`'${key}' is not a rubric id; use: ${listing(ids) || "(none)"}`);
        else if (typeof rubric[key] !== "boolean") found.push(`got ${shown(rubric[key])}; it should be true or false`);
      }
      return found;
    },
    evaluate(spec, answer) {
      const found = reflection.problems(spec, answer);
      if (found.length) return invalid(`Your reflection could not be read: ${found[0]}.`);
      const count = words(answer.text);
      if (count === 0) return invalid("Write your reflection in the box, then press Save.");
      const fb = new Feedback();
      if (count >= spec.min_words) {
        fb.text(`You wrote ${count} words. That reaches the suggested length of ${spec.min_words} words.`);
      } else {
        fb.text(`You wrote ${count} words. Aim for at least ${spec.min_words} words: say what you noticed, ` +
          "what you felt, and what you would do.");
      }
      const ticked = has(answer, "rubric") ? answer.rubric : {};
      if (spec.rubric.length) {
        const open = spec.rubric.filter((r) => !(has(ticked, r.id) && ticked[r.id]));
        fb.text(`You ticked ${spec.rubric.length - open.length} of ${spec.rubric.length} self-assessment points.`);
        if (open.length) {
          fb.html(`<p>Points you could still work on:</p><ul>${open.map((r) => `<li>${r.text_html}</li>`).join("")}</ul>`);
        }
      }
      const score = count >= spec.min_words ? 1 : 0;
      return fb.result(score, 1, {
        verdict: score ? "Done: your reflection reaches the suggested length." : "A start: keep writing when you are ready.",
      });
    },
  };

  // ------------------------------------------------------------------ discussion

  const discussion = {
    problems(spec, answer) {
      if (!isDict(answer) || !isStr(answer.text)) return [`got ${shown(answer)}; it should be {text: your notes}`];
      const found = [];
      for (const key of Object.keys(answer)) {
        if (key !== "text" && key !== "rubric") found.push(`'${key}' is not part of discussion notes; use text`);
      }
      const rubric = has(answer, "rubric") ? answer.rubric : {};
      if (!(rubric === null || (isDict(rubric) && Object.keys(rubric).length === 0))) {
        found.push("discussion notes have no self-assessment points");
      }
      return found;
    },
    evaluate(spec, answer) {
      const found = discussion.problems(spec, answer);
      if (found.length) return invalid(`Your notes could not be read: ${found[0]}.`);
      const count = words(answer.text);
      if (count === 0) {
        return invalid("Write your notes in the box, then press Save. Or press 'Show the points' to read them first.");
      }
      const fb = new Feedback();
      fb.text(`Your notes are saved (${count} words). Compare them with the points a good answer touches:`);
      fb.html(`<ul>${spec.points_html.map((p) => `<li>${p}</li>`).join("")}</ul>`);
      fb.text("A good answer need not touch every point, and may make others the course has not listed.");
      return fb.result(1, 1, { verdict: "Saved: compare your notes with the points below." });
    },
  };

  // ------------------------------------------------------------------ entry points

  const TYPES = {
    "single-choice": singleChoice,
    "multiple-select": multipleSelect,
    ordering,
    categorize,
    rating,
    decision,
    reflection,
    discussion,
  };

  /** Score `answer` for `spec`; never throws for an answer of the wrong shape (valid is false then). */
  function evaluate(spec, answer) {
    return TYPES[spec.type].evaluate(spec, answer);
  }

  /** Why `answer` does not fit `spec` (empty when it fits). */
  function answerProblems(spec, answer) {
    return TYPES[spec.type].problems(spec, answer);
  }

  return {
    evaluate, answerProblems, invalid, esc, plainText, words, repr, reprFloat, shown, same, stepHtml, walk,
    node, choice, END, TYPES: Object.keys(TYPES),
  };
});
