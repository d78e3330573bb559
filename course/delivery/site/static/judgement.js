/* The case-judgement test in the static course site: the in-page twin of course.judgement_test() and
 * course.judgement_results() in JupyterLab.
 *
 * Two parallel forms, A and B, compiled by the site build (course/delivery/site/judgement.py) with every
 * author text already rendered by the course's sanitizing Markdown renderer (*_html fields; *_plain for
 * form labels). Which form a learner takes first follows the course's rule: the first form is A when the
 * sha256 of the learner's pseudonym, read as a number, is even, and B when it is odd; the second sitting
 * takes the other form. On the site the pseudonym is the random learner id the progress store creates once
 * in this browser. The site is for self-study: it carries the keys and the learner scores themselves.
 * During a sitting nothing is marked right or wrong; the results, item by item, appear after both sittings.
 * Each choice is kept in the progress store as it is made (a reload finds it); "Submit my answers"
 * finishes the sitting, after which its answers stay as they are (CourseProgress.Store.startSitting,
 * chooseInSitting, finishSitting; the same shape as course/judgement/answers.py).
 *
 * The rules (firstForm, formFor, scoreForm, compare, changeNotes) run in a page and under node (module.exports), without
 * a DOM; mount() draws the test and the results in a page (window.CourseJudgement).
 */
(function (root, factory) {
  "use strict";
  const api = factory(root);
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CourseJudgement = api;
})(typeof globalThis !== "undefined" ? globalThis : this, function (root) {
  "use strict";

  const SITTINGS = ["before", "after"];
  const FORMS = ["A", "B"];
  const SITTING_NAME = { before: "first sitting", after: "second sitting" };
  const SITTING_WHERE = { before: "in Start here (notebook 00)", after: "in Looking back (notebook 11)" };

  function progress() {
    return root.CourseProgress || require("./progress.js");
  }

  // ------------------------------------------------------------------ the rules

  /** "A" or "B": the form a learner takes first, from their pseudonym (the same rule as the Python side). */
  function firstForm(pseudonym) {
    const hex = progress().sha256(String(pseudonym));
    return parseInt(hex[hex.length - 1], 16) % 2 === 0 ? "A" : "B"; // the number's parity is its last digit's
  }

  const otherForm = (form) => (form === "A" ? "B" : "A");

  /** The form of `sitting`: the one already begun, the other of the sitting begun, or the rule's. `taken`
   * holds the sittings begun so far ({before, after}, each with its form). */
  function formFor(sitting, pseudonym, taken = {}) {
    const other = sitting === "before" ? "after" : "before";
    if (taken[sitting]) return taken[sitting].form;
    if (taken[other]) return otherForm(taken[other].form);
    const first = firstForm(pseudonym);
    return sitting === "before" ? first : otherForm(first);
  }

  /** One item's verdict on a chosen option: "best", "defensible" or "other" (null when not answered). */
  function verdict(item, chosen) {
    if (chosen === undefined || chosen === null) return null;
    if (chosen === item.key) return "best";
    return item.defensible.includes(chosen) ? "defensible" : "other";
  }

  /** {score, max_score, items: [{id, chosen, key, verdict}]}: one point per key chosen. */
  function scoreForm(form, answers) {
    const items = form.items.map((item) => {
      const chosen = Object.prototype.hasOwnProperty.call(answers || {}, item.id) ? answers[item.id] : null;
      return { id: item.id, chosen, key: item.key, verdict: verdict(item, chosen) };
    });
    return { score: items.filter((i) => i.verdict === "best").length, max_score: form.items.length, items };
  }

  /** Item ids of `form` without a known option in `answers`, in the form's order. */
  function unanswered(form, answers) {
    return form.items
      .filter((item) => !item.options.some((o) => o.id === (answers || {})[item.id]))
      .map((item) => item.id);
  }

  /** Both finished sittings side by side: {before, after, change, pairs: [{pair, objective_label, before, after}]}. */
  function compare(forms, taken) {
    const sides = {};
    for (const sitting of SITTINGS) {
      const row = taken[sitting];
      const form = forms[row.form];
      sides[sitting] = { form: row.form, result: scoreForm(form, row.answers), spec: form };
    }
    const pairs = [];
    for (const item of sides.before.spec.items) {
      const twin = sides.after.spec.items.find((other) => other.pair === item.pair) || null;
      pairs.push({ pair: item.pair, objective_label: item.objective_label, before: item, after: twin });
    }
    for (const item of sides.after.spec.items) {
      if (!pairs.some((p) => p.after === item)) pairs.push({ pair: item.pair, objective_label: item.objective_label, before: null, after: item });
    }
    return {
      before: sides.before,
      after: sides.after,
      change: sides.after.result.score - sides.before.result.score,
      pairs,
    };
  }

  // ------------------------------------------------------------------ in a page

  function el(tag, attrs = {}, children = []) {
    const node = root.document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "html") node.innerHTML = value; // only sanitized fragments from the build
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of [].concat(children)) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  const day = (iso) => String(iso || "").slice(0, 10);
  const signed = (n) => (n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : "0");
  let uid = 0;

  /** A sitting of the test in `section` (data-judgement="before" or "after"). */
  function mountTest(section, forms, store) {
    const sitting = section.dataset.judgement;
    if (!SITTINGS.includes(sitting)) return;
    uid += 1;
    const prefix = `jt${uid}`;
    const fallback = section.querySelector(".cx-static");
    if (fallback) fallback.remove();
    const live = el("div", { class: "cx-live" });
    section.append(live);
    section.classList.add("cx-ready");

    const taken = store.sittings();
    const formId = formFor(sitting, store.learnerId(), taken);
    const form = forms[formId];
    if (!form) {
      live.append(el("p", { text: `Form ${formId} of the test is missing from this site; ask your instructor.` }));
      return;
    }
    const mine = taken[sitting];
    if (mine && mine.finished_at) {
      live.append(doneNote(sitting, mine, taken));
      return;
    }
    const other = sitting === "before" ? "after" : "before";
    if (taken[other] && !mine) {
      live.append(el("div", { class: "cx-feedback cx-note", role: "note" }, el("p", {
        text: `You have already begun the ${SITTING_NAME[other]} (form ${taken[other].form}), so this sitting is form ${formId}.`,
      })));
    }
    live.append(el("div", { class: "jt-intro", html: form.intro_html }));
    const kept = mine ? mine.answers : {};
    const radios = new Map(); // item id -> Map(option id -> input)
    const groups = new Map(); // item id -> fieldset
    const status = el("div", { class: "cx-feedback-area", "aria-live": "polite" });
    const say = (text) => status.replaceChildren(el("div", { class: "cx-feedback cx-note", role: "status" }, el("p", { text })));
    const keep = (itemId, optionId) => {
      try {
        store.startSitting(sitting, formId);
        store.chooseInSitting(sitting, itemId, optionId);
      } catch (err) {
        say(`Your choice could not be kept in this browser (${err.message}); it is still marked on the page.`);
      }
    };
    form.items.forEach((item, n) => {
      const head = `${prefix}-item-${n + 1}`;
      const inputs = new Map();
      const rows = item.options.map((option, k) => {
        const id = `${head}-option-${k + 1}`;
        const input = el("input", { type: "radio", id, name: head, value: option.id });
        input.checked = kept[item.id] === option.id;
        input.addEventListener("change", () => { if (input.checked) keep(item.id, option.id); });
        inputs.set(option.id, input);
        return el("div", { class: "cx-choice" }, [input, el("label", { for: id, text: option.text_plain })]);
      });
      const fieldset = el("fieldset", { class: "cx-fieldset" }, [el("legend", { class: "cx-label", text: item.question_plain })].concat(rows));
      radios.set(item.id, inputs);
      groups.set(item.id, fieldset);
      live.append(el("div", { class: "jt-item", role: "group", "aria-labelledby": `${head}-title`, "data-item": item.id }, [
        el("h4", { id: `${head}-title`, text: `Item ${n + 1} of ${form.items.length}` }),
        el("div", { class: "jt-vignette", html: item.vignette_html }),
        fieldset,
      ]));
    });
    const submit = el("button", { type: "button", class: "cx-button cx-primary", text: "Submit my answers",
      title: "Finish this sitting; your results are shown after the second sitting" });
    live.append(el("p", { class: "cx-small", text: "Each choice is kept in this browser as you make it. Once you submit, " +
      "this sitting is finished and its answers stay as they are." }), el("div", { class: "cx-buttons" }, [submit]), status);
    if (Object.keys(kept).length) say(`Your ${Object.keys(kept).length} earlier choice(s) in this sitting, restored from this browser.`);

    submit.addEventListener("click", () => {
      const answers = {};
      for (const [itemId, inputs] of radios) {
        for (const [optionId, input] of inputs) if (input.checked) answers[itemId] = optionId;
      }
      const missing = unanswered(form, answers);
      if (missing.length) {
        const numbers = missing.map((id) => form.items.findIndex((i) => i.id === id) + 1);
        say(`Please choose an answer for every item before you submit: ${numbers.length === 1 ? "item" : "items"} ` +
          `${numbers.join(", ")} ${numbers.length === 1 ? "still needs" : "still need"} one.`);
        const first = groups.get(missing[0]).querySelector("input");
        if (first) first.focus();
        return;
      }
      let row;
      try {
        store.startSitting(sitting, formId);
        for (const [itemId, optionId] of Object.entries(answers)) store.chooseInSitting(sitting, itemId, optionId);
        row = store.finishSitting(sitting);
      } catch (err) {
        say(`Your answers could not be saved in this browser (${err.message}); try again.`);
        return;
      }
      const note = doneNote(sitting, row, store.sittings());
      live.replaceChildren(note);
      note.focus();
      root.dispatchEvent(new root.CustomEvent("course:judgement", { detail: { sitting } }));
    });
  }

  function doneNote(sitting, row, taken) {
    const other = sitting === "before" ? "after" : "before";
    const next = taken[other] && taken[other].finished_at
      ? "You have taken both sittings: your results, item by item, are in Looking back (notebook 11)."
      : `Your results, item by item, are shown once you have also taken the ${SITTING_NAME[other]} ` +
        `${SITTING_WHERE[other]}.`;
    return el("div", { class: "cx-feedback cx-note", role: "status", tabindex: "-1" }, [
      el("p", {}, [el("strong", { text: `You took the ${SITTING_NAME[sitting]} of the test (form ${row.form}) on ${day(row.finished_at)}.` }),
        " Your answers are kept in this browser only; each sitting is taken once."]),
      el("p", { text: next }),
    ]);
  }

  // As course/judgement/results_html.py words them.
  const VERDICT = {
    best: ["the best response", "cx-ok"],
    defensible: ["defensible, but not the best", "cx-partial"],
    other: ["not the best response", "cx-wrong"],
    unanswered: ["not answered", "cx-wrong"],
  };

  // What the results say under the totals, as course/judgement/results_html.py (change_notes) words it: the
  // same reading whatever the size of the change, and a word more when the score fell.
  function changeNotes(change, of) {
    const notes = [
      "The two forms are parallel, not identical: each situation before has its counterpart after, on the same " +
        `question of practice. With ${of} situations, a score moves a few points by chance, tends to rise on a second ` +
        "sitting through practice, and shifts a little with the forms; together these can count for as much as the course. A first score " +
        "that was unusually low or high for you tends to be followed by one nearer your usual level. The reasons " +
        "matter more than the count.",
    ];
    if (change < 0) {
      notes.push("A lower second score is not unusual and is not a sign that you have lost ground: look at the situations " +
        "where your choice changed, and at their reasons.");
    }
    return notes;
  }

  function optionOf(item, id) {
    return item.options.find((o) => o.id === id) || null;
  }

  /** One item of one sitting: the learner's choice, the best response and the reasons for both. */
  function itemResult(label, formId, item, chosen) {
    const mine = optionOf(item, chosen);
    const best = optionOf(item, item.key);
    const [verdictText, cls] = VERDICT[mine ? verdict(item, chosen) : "unanswered"];
    const parts = [
      el("h4", { text: `${label} (form ${formId})` }),
      el("div", { class: "jt-question", html: item.question_html }),
      el("details", {}, [el("summary", { text: "The situation" }), el("div", { html: item.vignette_html })]),
      el("p", {}, [el("strong", { text: "Your choice: " }), mine ? mine.text_plain : "none", " ",
        el("span", { class: "jt-verdict", text: `(${verdictText})` })]),
    ];
    if (mine && item.reasons_html[mine.id]) parts.push(el("div", { class: "jt-reason", html: item.reasons_html[mine.id] }));
    if (best && (!mine || mine.id !== best.id)) {
      parts.push(el("p", {}, [el("strong", { text: "The best response: " }), best.text_plain]));
      if (item.reasons_html[best.id]) parts.push(el("div", { class: "jt-reason", html: item.reasons_html[best.id] }));
    }
    const others = item.options.filter((o) => o !== mine && o !== best);
    if (others.length) {
      parts.push(el("details", {}, [el("summary", { text: "The other options and why" }), el("ul", {}, others.map((o) =>
        el("li", {}, [el("strong", { text: o.text_plain }), item.defensible.includes(o.id) ? " (defensible, but not the best)" : "",
          el("div", { html: item.reasons_html[o.id] || "" })])))]));
    }
    return el("div", { class: `cx-feedback jt-result ${cls}`, "data-item": item.id }, parts);
  }

  /** The learner's own before and after, item by item, once both sittings are taken. */
  function mountResults(host, forms, store) {
    const draw = () => {
      const taken = store.sittings();
      const missing = SITTINGS.filter((s) => !(taken[s] && taken[s].finished_at));
      if (missing.length) {
        const steps = missing.map((s) => `the ${SITTING_NAME[s]} ${SITTING_WHERE[s]}`);
        host.replaceChildren(el("p", {
          text: `Your results appear here once you have taken both sittings of the case-judgement test. Still to take: ` +
            `${steps.join(" and ")}.`,
        }));
        return;
      }
      if (!forms[taken.before.form] || !forms[taken.after.form]) {
        host.replaceChildren(el("p", { text: "A form of the test is missing from this site, so your results cannot be shown." }));
        return;
      }
      const c = compare(forms, taken);
      const b = c.before.result;
      const a = c.after.result;
      const summary = el("table", { class: "site-table jt-totals" }, [
        el("caption", { text: "Your case-judgement test: best responses chosen" }),
        el("thead", {}, el("tr", {}, ["Sitting", "Form", "Taken on", "Best responses"].map((t) => el("th", { scope: "col", text: t })))),
        el("tbody", {}, [
          el("tr", {}, [el("th", { scope: "row", text: "Before" }), el("td", { text: c.before.form }), el("td", { text: day(taken.before.finished_at) }), el("td", { text: `${b.score} of ${b.max_score}` })]),
          el("tr", {}, [el("th", { scope: "row", text: "After" }), el("td", { text: c.after.form }), el("td", { text: day(taken.after.finished_at) }), el("td", { text: `${a.score} of ${a.max_score}` })]),
        ]),
      ]);
      const parts = [
        el("p", { class: "jt-change" }, [el("strong", { text: `Before: ${b.score} of ${b.max_score}. After: ${a.score} of ${a.max_score}. Change: ${signed(c.change)}.` })]),
        summary,
        el("p", { text: "This figure is yours alone: it was scored in this browser and is not sent anywhere." }),
        ...changeNotes(c.change, b.max_score).map((note) => el("p", { class: "jt-reading", text: note })),
      ];
      c.pairs.forEach((pair, n) => {
        const blocks = [el("h3", { text: `${n + 1}. ${pair.objective_label}` })];
        if (pair.before) blocks.push(itemResult("Before", c.before.form, pair.before, taken.before.answers[pair.before.id]));
        if (pair.after) blocks.push(itemResult("After", c.after.form, pair.after, taken.after.answers[pair.after.id]));
        parts.push(el("div", { class: "jt-pair" }, blocks));
      });
      host.replaceChildren(...parts);
    };
    draw();
    root.addEventListener("course:judgement", draw);
  }

  /** Every sitting and results panel of the page. */
  function mount(forms, store) {
    for (const section of root.document.querySelectorAll("section[data-judgement]")) {
      try {
        mountTest(section, forms, store);
      } catch (err) {
        section.append(el("p", { text: `The test could not be shown (${err.name}: ${err.message}).` }));
      }
    }
    for (const host of root.document.querySelectorAll('[data-widget="judgement-results"]')) {
      try {
        mountResults(host, forms, store);
      } catch (err) {
        host.replaceChildren(el("p", { text: `Your results could not be shown (${err.name}: ${err.message}).` }));
      }
    }
  }

  return { SITTINGS, FORMS, firstForm, otherForm, formFor, verdict, scoreForm, unanswered, compare, changeNotes, mount };
});
