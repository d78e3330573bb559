/* Live exercises in the static course site: the in-page twin of the JupyterLab exercise widgets.
 *
 * Same labels, hints, attempts, reveal rules and Reset as course/exercises/widgets/; scoring by
 * CourseScoring (scoring.js), progress in CourseProgress (progress.js). Every control is a native
 * form element or button, so each exercise works with the keyboard alone. Author text arrives already
 * sanitized (the *_html fields of the compiled spec); labels are set as plain text.
 */
(function (root) {
  "use strict";

  const S = root.CourseScoring;

  const CHECK = { decision: "Choose this reply", rating: "Check my ratings", reflection: "Save reflection", discussion: "Save my notes" };
  const CHECK_TIP = {
    decision: "Answer with the selected reply and see what happens",
    reflection: "Save your reflection in this browser and see feedback",
    discussion: "Save your notes in this browser and compare them with the points",
  };
  const REVEAL = { discussion: ["Show the points", "Show the points a good answer touches"] };
  const INSTRUCTIONS = {
    "single-choice": "Choose one option:",
    "multiple-select": "Tick every option that applies:",
    ordering: "Put the items in order: select one, then press Move up or Move down.",
    categorize: "Choose a category for each item:",
    decision: "Your reply:",
    reflection: "Your reflection (kept in this browser only, never sent anywhere):",
    discussion: "Your notes (kept in this browser only, never sent anywhere):",
  };

  // ------------------------------------------------------------------ small DOM helpers

  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "html") node.innerHTML = value; // only sanitized fragments from the build, or escaped text
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of [].concat(children)) if (child) node.append(child);
    return node;
  }

  const esc = (text) => S.esc(text);
  const noteHtml = (text) => `<div class="cx-feedback cx-note" role="status"><p>${esc(text)}</p></div>`;

  function staleHtml(feedbackText, shown) {
    const where = shown ? "Your answer is shown above. " : "";
    return `<div class="cx-feedback cx-stale" role="status"><p><strong>From an earlier version of this ` +
      `exercise.</strong> ${where}The exercise has changed since you answered, so check again.</p>` +
      `<p>Feedback you had then: ${esc(feedbackText)}</p></div>`;
  }

  // The learner's own code first, as course.exercises.profession.order_by_profession does.
  function namesBody(text, body) {
    const word = "[\\p{L}\\p{N}_]";
    const quoted = body.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(?<!${word})${quoted}(?!${word})`, "iu").test(text);
  }
  function byProfession(items, textOf, body) {
    if (!body) return items.slice();
    return items.slice().sort((a, b) => Number(!namesBody(textOf(a), body)) - Number(!namesBody(textOf(b), body)));
  }

  let uid = 0;

  // Decision scenarios left halfway, kept in this browser beside the progress record (never exported).
  function draftKey(store) { return `${store.key}:decision-drafts`; }
  function loadDraft(store, exerciseId) {
    if (store.memory || !store.storage) return null;
    try {
      const all = JSON.parse(store.storage.getItem(draftKey(store)) || "{}");
      return all && typeof all === "object" ? all[exerciseId] || null : null;
    } catch (err) {
      return null;
    }
  }
  // The scenarios left halfway (as course.exercises.drafts.drafts): they count as explored.
  function draftIds(store) {
    if (store.memory || !store.storage) return new Set();
    try {
      const all = JSON.parse(store.storage.getItem(draftKey(store)) || "{}");
      if (!all || typeof all !== "object") return new Set();
      return new Set(Object.keys(all).filter((id) => all[id] && Array.isArray(all[id].path) && all[id].path.length));
    } catch (err) {
      return new Set();
    }
  }
  function saveDraft(store, exerciseId, draft) {
    if (store.memory || !store.storage) return;
    try {
      let all = {};
      try { all = JSON.parse(store.storage.getItem(draftKey(store)) || "{}") || {}; } catch (err) { all = {}; }
      if (draft) all[exerciseId] = draft;
      else delete all[exerciseId];
      store.storage.setItem(draftKey(store), JSON.stringify(all));
    } catch (err) {
      // the scenario still works; it just cannot be resumed after a reload
    }
  }

  // ------------------------------------------------------------------ what every exercise shares

  class ExerciseView {
    /** `options.fresh`: start empty (a review) instead of restoring the last answer; `options.onAccept(result,
     * view)`: called after each checked or saved answer. */
    constructor(section, spec, store, options = {}) {
      this.options = options;
      this.section = section;
      this.spec = spec;
      this.store = store;
      this.hash = spec.content_hash;
      this.hintsShown = 0;
      this.revealed = false;
      this.lastResult = null;
      this.localAttempts = 0;
      uid += 1;
      this.prefix = `cx${uid}`;
      this.body = store.getSetting("profession");

      const fallback = section.querySelector(".cx-static");
      if (fallback) fallback.remove();
      this.label = el("p", { class: "cx-label", id: `${this.prefix}-label`, text: this.instructions() });
      this.controls = el("div", { class: "cx-controls" }, this.buildControls());
      this.checkButton = this.button(CHECK[spec.type] || "Check", CHECK_TIP[spec.type] || "Check your answer and see feedback", () => this.check(), "cx-primary");
      this.hintButton = this.button("Hint", "Show the next hint", () => this.hint());
      const [revealText, revealTip] = REVEAL[spec.type] || ["Show answer", "Show the reference answer"];
      this.revealButton = this.button(revealText, revealTip, () => this.reveal());
      this.resetButton = this.button("Reset", "Clear your answer and start this exercise again", () => this.reset());
      this.status = el("div", { class: "cx-status" });
      this.hints = el("div", { class: "cx-hints-area" });
      this.feedback = el("div", { class: "cx-feedback-area", "aria-live": "polite" });
      this.answer = el("div", { class: "cx-answer-area" });
      const buttons = el("div", { class: "cx-buttons" }, [this.checkButton, this.hintButton, this.revealButton, this.resetButton]);
      section.append(el("div", { class: "cx-live" }, [this.labelNode(), this.controls, buttons, this.status, this.hints, this.feedback, this.answer]));
      section.classList.add("cx-ready");
      if (!options.fresh) this.safe(() => this.restore())();
      this.refreshButtons();
    }

    instructions() { return INSTRUCTIONS[this.spec.type]; }
    labelNode() { return this.label; }

    button(text, title, action, extra) {
      const b = el("button", { type: "button", class: `cx-button ${extra || ""}`.trim(), title, text });
      b.addEventListener("click", this.safe(action));
      return b;
    }

    safe(action) {
      return (...args) => {
        try {
          action(...args);
        } catch (err) {
          this.feedback.innerHTML = noteHtml(`Something went wrong here (${err.name}: ${err.message}). Your work is not ` +
            "lost: try again or press Reset, and tell your instructor if it keeps happening.");
        }
      };
    }

    // --- actions --------------------------------------------------------------------------------

    check() {
      const answer = this.readAnswer();
      const result = S.evaluate(this.spec, answer);
      if (!result.valid) {
        this.feedback.innerHTML = result.feedback_html;
        return result;
      }
      return this.accept(answer, result);
    }

    accept(answer, result) {
      this.lastResult = result;
      this.localAttempts += 1;
      const note = this.save(answer, result);
      this.feedback.innerHTML = result.feedback_html + note;
      if (!result.correct && this.autoRevealDue()) this.showAnswer(`After ${this.attempts()} attempts, here is the reference answer.`);
      this.refreshButtons();
      if (this.options.onAccept) this.options.onAccept(result, this);
      return result;
    }

    save(answer, result) {
      try {
        this.store.recordAttempt(this.spec.id, this.hash, answer, result.score, result.max_score, result.feedback_text, this.spec.notebook);
      } catch (err) {
        return noteHtml(`Your answer could not be saved (${err.message}); the feedback above is still right.`);
      }
      return "";
    }

    hint() {
      if (this.hintsShown < this.spec.hints_html.length) this.hintsShown += 1;
      this.renderHints();
      this.refreshButtons();
    }

    reveal() {
      if (!this.revealAllowed()) {
        const after = this.spec.reveal.after_attempts;
        this.answer.innerHTML = noteHtml(after ? `The answer appears after ${after} attempts (${this.attempts()} so far).`
          : "This exercise does not show a reference answer.");
        return;
      }
      this.showAnswer("");
    }

    reset() {
      this.clear();
      this.hintsShown = 0;
      this.revealed = false;
      this.lastResult = null;
      this.feedback.innerHTML = "";
      this.answer.innerHTML = "";
      this.hints.innerHTML = "";
      this.refreshButtons();
    }

    restore() {
      const attempt = this.store.lastAttempt(this.spec.id);
      if (!attempt) return;
      const fits = S.answerProblems(this.spec, attempt.answer).length === 0;
      if (fits) this.setAnswer(attempt.answer);
      if (attempt.content_hash === this.hash && fits) {
        const result = S.evaluate(this.spec, attempt.answer);
        this.lastResult = result;
        this.feedback.innerHTML = noteHtml("Your last answer, restored from your progress.") + result.feedback_html;
      } else {
        this.feedback.innerHTML = staleHtml(attempt.feedback, fits);
      }
    }

    // --- helpers --------------------------------------------------------------------------------

    attempts() {
      try {
        return this.store.attemptCount(this.spec.id, this.hash);
      } catch (err) {
        return this.localAttempts;
      }
    }

    revealAllowed() {
      const rule = this.spec.reveal;
      return rule.on_request || (rule.after_attempts !== null && this.attempts() >= rule.after_attempts);
    }

    autoRevealDue() {
      const after = this.spec.reveal.after_attempts;
      return after !== null && this.attempts() >= after && !this.revealed;
    }

    showAnswer(lead) {
      this.revealed = true;
      const intro = lead ? `<p>${esc(lead)}</p>` : "";
      this.answer.innerHTML = `<div class="cx-answer" role="region" aria-label="Reference answer">${intro}${this.spec.answer_html}</div>`;
    }

    renderHints() {
      if (!this.hintsShown) {
        this.hints.innerHTML = "";
        return;
      }
      const items = this.spec.hints_html.slice(0, this.hintsShown).map((h) => `<li>${h}</li>`).join("");
      this.hints.innerHTML = `<div class="cx-hints" role="region" aria-label="Hints"><p><strong>Hints</strong></p><ol>${items}</ol></div>`;
    }

    refreshButtons() {
      const total = this.spec.hints_html.length;
      this.hintButton.hidden = total === 0;
      if (this.hintsShown < total) {
        this.hintButton.textContent = `Hint (${this.hintsShown + 1} of ${total})`;
        this.hintButton.disabled = false;
      } else {
        this.hintButton.textContent = "No more hints";
        this.hintButton.disabled = true;
      }
      const rule = this.spec.reveal;
      this.revealButton.hidden = rule.after_attempts === null && !rule.on_request;
      this.revealButton.disabled = !this.revealAllowed();
      if (!rule.on_request && rule.after_attempts) this.revealButton.title = `Available after ${rule.after_attempts} attempts`;
      const count = this.attempts();
      const parts = count ? [`Attempts: ${count}`] : [];
      if (this.store.note) parts.push(this.store.note);
      this.status.innerHTML = parts.length ? `<p class="cx-small">${esc(parts.join(" \u00b7 "))}</p>` : "";
    }

    // A group of radio buttons or checkboxes in a fieldset whose legend is the instructions.
    choiceGroup(kind, name, legend, items) {
      const inputs = new Map();
      const rows = items.map(([value, text]) => {
        const id = `${name}-${kind}-${inputs.size}`; // unique on the page: several groups may share a kind
        const input = el("input", { type: kind, id, name, value });
        inputs.set(value, input);
        return el("div", { class: "cx-choice" }, [input, el("label", { for: id, text })]);
      });
      const fieldset = el("fieldset", { class: "cx-fieldset" }, [el("legend", { class: "cx-label", text: legend })].concat(rows));
      return { fieldset, inputs };
    }
  }

  // ------------------------------------------------------------------ single-choice and multiple-select

  class SingleChoiceView extends ExerciseView {
    labelNode() { return null; }
    buildControls() {
      const options = byProfession(this.spec.options, (o) => o.text, this.body);
      const group = this.choiceGroup("radio", `${this.prefix}-options`, this.instructions(), options.map((o) => [o.id, o.text_plain]));
      group.fieldset.title = "Tab to an option and press Space to choose it, or click it";
      this.radios = group.inputs;
      return [group.fieldset];
    }
    readAnswer() {
      for (const [id, input] of this.radios) if (input.checked) return id;
      return null;
    }
    setAnswer(answer) { for (const [id, input] of this.radios) input.checked = id === answer; }
    clear() { for (const input of this.radios.values()) input.checked = false; }
  }

  class MultipleSelectView extends ExerciseView {
    labelNode() { return null; }
    buildControls() {
      const options = byProfession(this.spec.options, (o) => o.text, this.body);
      const group = this.choiceGroup("checkbox", `${this.prefix}-options`, this.instructions(), options.map((o) => [o.id, o.text_plain]));
      this.boxes = group.inputs;
      return [group.fieldset];
    }
    readAnswer() { return this.spec.options.filter((o) => this.boxes.get(o.id).checked).map((o) => o.id); }
    setAnswer(answer) { for (const [id, box] of this.boxes) box.checked = answer.includes(id); }
    clear() { for (const box of this.boxes.values()) box.checked = false; }
  }

  // ------------------------------------------------------------------ ordering

  class OrderingView extends ExerciseView {
    // The items as a list of radio buttons whose text wraps (a list box cuts long items off on a
    // laptop and cannot be read on a phone): arrow keys or a click select one, the buttons move it.
    buildControls() {
      this.texts = new Map(this.spec.items.map((i) => [i.id, i.text_plain]));
      this.order = this.spec.items.map((i) => i.id);
      this.list = el("fieldset", { class: "cx-fieldset cx-order", title: "Select an item (click it, or use the arrow keys), then move it with the buttons" });
      this.upButton = this.button("Move up", "Move the selected item one place up", () => this.move(-1));
      this.downButton = this.button("Move down", "Move the selected item one place down", () => this.move(1));
      this.orderNote = el("div", { class: "cx-order-note", "aria-live": "polite" });
      this.refresh();
      return [this.list, el("div", { class: "cx-buttons" }, [this.upButton, this.downButton]), this.orderNote];
    }
    chosen() {
      const input = this.list.querySelector("input:checked");
      return input ? input.value : null;
    }
    move(step) {
      const chosen = this.chosen();
      if (!this.order.includes(chosen)) {
        this.orderNote.innerHTML = '<p class="cx-small">Select an item first.</p>';
        return;
      }
      const i = this.order.indexOf(chosen);
      const j = Math.max(0, Math.min(this.order.length - 1, i + step));
      [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
      this.refresh(chosen);
      this.orderNote.innerHTML = `<p class="cx-small" role="status">Moved to position ${j + 1}: ${esc(this.texts.get(chosen))}</p>`;
    }
    refresh(keep = null) {
      const name = `${this.prefix}-order`;
      const rows = this.order.map((id, n) => {
        const inputId = `${name}-${n}`;
        const input = el("input", { type: "radio", id: inputId, name, value: id });
        input.checked = id === keep;
        return el("div", { class: "cx-choice cx-order-item" }, [input, el("label", { for: inputId, text: `${n + 1}. ${this.texts.get(id)}` })]);
      });
      this.list.replaceChildren(el("legend", { class: "cx-label", text: "Order" }), ...rows);
    }
    readAnswer() { return this.order.slice(); }
    setAnswer(answer) {
      this.order = answer.slice();
      this.refresh();
    }
    clear() {
      this.order = this.spec.items.map((i) => i.id);
      this.orderNote.innerHTML = "";
      this.refresh();
    }
  }

  // ------------------------------------------------------------------ categorize

  class CategorizeView extends ExerciseView {
    // A group of radio buttons per item, whose labels wrap: a menu would cut long categories off on a phone.
    buildControls() {
      const items = byProfession(this.spec.items, (i) => i.text, this.body);
      this.groups = new Map();
      return items.map((item, index) => {
        const n = index + 1;
        const group = this.choiceGroup("radio", `${this.prefix}-cat-${n}`, `Category for item ${n}`,
          this.spec.categories.map((c) => [c.id, c.label_plain]));
        group.fieldset.title = `Category for item ${n}: ${item.text_plain}`;
        group.fieldset.classList.add("cx-category-choices");
        this.groups.set(item.id, group.inputs);
        return el("div", { class: "cx-category-row" }, [el("p", { html: `<strong>${n}.</strong> ${item.text_html}` }), group.fieldset]);
      });
    }
    readAnswer() {
      const out = {};
      for (const [id, inputs] of this.groups) {
        for (const [category, input] of inputs) if (input.checked) out[id] = category;
      }
      return out;
    }
    setAnswer(answer) {
      for (const [id, inputs] of this.groups) {
        for (const [category, input] of inputs) input.checked = answer[id] === category;
      }
    }
    clear() { this.setAnswer({}); }
  }

  // ------------------------------------------------------------------ rating

  class RatingView extends ExerciseView {
    instructions() { return `Rate the ${this.spec.dimension} at each event (${this.spec.scale}):`; }
    // A menu of the seven points of the scale: every phone can choose -3 without a minus key, and no
    // value is ever out of range, empty or changed behind the learner's back.
    buildControls() {
      this.fields = new Map();
      return this.spec.events.map((e, n) => {
        const id = `${this.prefix}-rate-${n}`;
        const menu = el("select", { id, class: "cx-rating", title: `${this.spec.dimension} at: ${e.label_plain} (-3 to +3)` },
          [-3, -2, -1, 0, 1, 2, 3].map((v) => el("option", { value: String(v), text: v > 0 ? `+${v}` : v < 0 ? `\u2212${-v}` : "0" })));
        menu.value = "0";
        this.fields.set(e.event, menu);
        return el("div", { class: "cx-rating-row" }, [el("label", { for: id, text: e.label_plain }), menu]);
      });
    }
    value(menu) { return Number(menu.value); }
    readAnswer() {
      const out = {};
      for (const [event, input] of this.fields) out[event] = this.value(input);
      return out;
    }
    setAnswer(answer) {
      for (const [event, menu] of this.fields) menu.value = String(answer[event]);
    }
    clear() { this.setAnswer(Object.fromEntries([...this.fields.keys()].map((k) => [k, 0]))); }
    save(answer, result) {
      const note = super.save(answer, result);
      try {
        this.store.saveRatings(this.spec.id, this.hash, answer, this.spec.dimension);
      } catch (err) {
        return note + noteHtml(`Your ratings could not be saved for the timeline (${err.message}).`);
      }
      root.dispatchEvent(new CustomEvent("course:ratings", { detail: { exercise: this.spec.id } }));
      return note + `<p class="cx-small">${esc("Your ratings are saved: the timeline can show them beside the course ratings.")}</p>`;
    }
  }

  // ------------------------------------------------------------------ decision

  class DecisionView extends ExerciseView {
    labelNode() { return null; }
    buildControls() {
      this.path = [];
      this.current = this.spec.start;
      this.scene = el("div", { class: "cx-scene", "aria-live": "polite" });
      this.replies = el("fieldset", { class: "cx-fieldset", title: "Tab to a reply and press Space to choose it, or click it" });
      this.showNode();
      return [this.scene, this.replies];
    }
    /** The node's text, or the variant of it that the learner's earlier answers lead to (conditions.js). */
    nodeText(here) {
      const variants = here.variants || [];
      const C = root.CourseConditions;
      if (!variants.length || !C) return here.text_html;
      const named = [...new Set(variants.flatMap((v) => Object.keys(v.when || {})))];
      const fallback = Math.max(0, variants.findIndex((v) => v.default));
      const pick = variants[C.chooseIndex(variants.map((v) => v.when), fallback, C.answersFrom(this.store, named))];
      return pick.text_html || here.text_html;
    }
    showNode() {
      const here = this.current === S.END ? null : S.node(this.spec, this.current);
      if (!here) {
        this.scene.innerHTML = `<p><em>${esc("The scenario has ended. Press Reset to play it again.")}</em></p>`;
        this.replies.replaceChildren();
        this.replies.hidden = true;
        if (this.checkButton) this.checkButton.disabled = true;
        return;
      }
      this.scene.innerHTML = this.nodeText(here);
      const group = this.choiceGroup("radio", `${this.prefix}-${here.id}`, INSTRUCTIONS.decision, here.choices.map((c) => [c.id, c.text_plain]));
      this.radios = group.inputs;
      this.replies.replaceChildren(...group.fieldset.childNodes);
      this.replies.hidden = false;
      if (this.checkButton) this.checkButton.disabled = false;
    }
    selected() {
      for (const [id, input] of this.radios || []) if (input.checked) return id;
      return null;
    }
    check() {
      const here = S.node(this.spec, this.current);
      const chosen = this.selected();
      if (!here || chosen === null) {
        const result = S.invalid("Choose a reply first, then press 'Choose this reply'.", this.spec.answer.length);
        this.feedback.innerHTML = result.feedback_html;
        return result;
      }
      const picked = here.choices.find((c) => c.id === chosen);
      this.path.push(picked.id);
      this.current = picked.next;
      if (this.current !== S.END) {
        saveDraft(this.store, this.spec.id, { hash: this.hash, path: this.path.slice() });
        this.showSteps("");
        const first = this.replies.querySelector("input");
        if (first) first.focus();
        return S.evaluate(this.spec, this.path);
      }
      saveDraft(this.store, this.spec.id, null);
      this.showNode();
      const result = this.accept(this.path.slice(), S.evaluate(this.spec, this.path));
      this.resetButton.focus();
      return result;
    }
    taken() { return this.path.map((id) => S.choice(this.spec, id)).filter(Boolean); }
    readAnswer() { return this.path.slice(); }
    setAnswer(answer) {
      this.path = answer.slice();
      this.current = S.END;
      this.showNode();
    }
    clear() {
      this.path = [];
      this.current = this.spec.start;
      saveDraft(this.store, this.spec.id, null);
      this.showNode();
    }
    showSteps(lead) {
      const steps = this.taken().map((c, i) => S.stepHtml(i + 1, c)).join("");
      this.feedback.innerHTML = (lead ? noteHtml(lead) : "") + `<div class="cx-feedback" role="status">${steps}</div>`;
      this.showNode();
    }
    // A scenario left halfway: the replies chosen so far, if they still lead somewhere in this version.
    restoreDraft() {
      const draft = loadDraft(this.store, this.spec.id);
      if (!draft || draft.hash !== this.hash || !Array.isArray(draft.path) || !draft.path.length) return false;
      let here = this.spec.start;
      for (const id of draft.path) {
        const node = here === S.END ? null : S.node(this.spec, here);
        const choice = node && node.choices.find((c) => c.id === id);
        if (!choice) return false;
        here = choice.next;
      }
      if (here === S.END) return false;
      this.path = draft.path.slice();
      this.current = here;
      this.showSteps("Where you left this scenario, restored from this browser. Choose your next reply, or press Reset to start again.");
      return true;
    }
    restore() {
      if (this.restoreDraft()) return;
      const attempt = this.store.lastAttempt(this.spec.id);
      if (!attempt) return;
      const fits = S.answerProblems(this.spec, attempt.answer).length === 0;
      if (attempt.content_hash === this.hash && fits) {
        this.setAnswer(attempt.answer);
        this.lastResult = S.evaluate(this.spec, attempt.answer);
        this.feedback.innerHTML = noteHtml("Your last path, restored from your progress.") + this.lastResult.feedback_html;
      } else {
        this.feedback.innerHTML = staleHtml(attempt.feedback, false);
      }
    }
  }

  // ------------------------------------------------------------------ reflection

  class ReflectionView extends ExerciseView {
    get noun() { return "reflection"; } // in the messages about saved text
    get aNoun() { return "a reflection"; }
    buildControls() {
      const id = `${this.prefix}-text`;
      this.text = el("textarea", { id, rows: "10", placeholder: "Write here. Do not write about real clients.", title: "Your reflection" });
      this.counter = el("p", { class: "cx-small", "aria-live": "polite" });
      this.text.addEventListener("input", () => this.count());
      const group = this.choiceGroup("checkbox", `${this.prefix}-rubric`, "Self-assessment: tick what your reflection does",
        this.spec.rubric.map((r) => [r.id, r.text_plain]));
      this.rubric = group.inputs;
      this.loadButton = this.button("Load my saved reflection", "Put your last saved text back in the box", () => this.loadSaved());
      this.loadButton.hidden = true;
      this.count();
      const parts = [el("label", { for: id, class: "cx-field-label", text: "Reflection" }), this.text, this.counter];
      if (this.spec.rubric.length) parts.push(group.fieldset);
      return parts.concat([this.loadButton]);
    }
    count() {
      this.counter.textContent = `${S.words(this.text.value)} words (suggested: at least ${this.spec.min_words})`;
    }
    readAnswer() {
      const rubric = {};
      for (const [id, box] of this.rubric) rubric[id] = box.checked;
      return { text: this.text.value, rubric };
    }
    setAnswer(answer) {
      this.text.value = answer.text;
      const ticked = answer.rubric || {};
      for (const [id, box] of this.rubric) box.checked = Boolean(ticked[id]);
      this.count();
    }
    clear() { this.setAnswer({ text: "", rubric: {} }); }
    save(answer) {
      try {
        this.store.saveReflection(this.spec.id, this.hash, answer.text, answer.rubric || {});
      } catch (err) {
        return noteHtml(`Your ${this.noun} could not be saved (${err.message}). Copy your text somewhere safe before you close the page.`);
      }
      this.loadButton.hidden = false;
      return '<p class="cx-small">Saved in this browser only; it is not sent anywhere.</p>';
    }
    restore() {
      const saved = this.store.lastReflection(this.spec.id);
      if (!saved) return;
      const when = String(saved.created_at).slice(0, 10);
      const earlier = saved.content_hash !== this.hash ? " (from an earlier version of this exercise)" : "";
      this.feedback.innerHTML = noteHtml(`You saved ${this.aNoun} of ${S.words(saved.text)} words on ${when}${earlier}. ` +
        `Press 'Load my saved ${this.noun}' to see it again.`);
      this.loadButton.hidden = false;
    }
    loadSaved() {
      const saved = this.store.lastReflection(this.spec.id);
      if (!saved) {
        this.feedback.innerHTML = noteHtml(`You have not saved ${this.aNoun} yet.`);
        return;
      }
      this.setAnswer({ text: saved.text, rubric: saved.rubric });
      this.feedback.innerHTML = noteHtml("What you saved last is back in the box.");
    }
  }

  // ------------------------------------------------------------------ discussion

  class DiscussionView extends ReflectionView {
    get noun() { return "notes"; }
    get aNoun() { return "notes"; }
    buildControls() {
      const id = `${this.prefix}-text`;
      this.text = el("textarea", { id, rows: "4", placeholder: "A few lines are enough. Do not write about real clients.", title: "Your notes" });
      this.counter = el("p", { class: "cx-small", "aria-live": "polite" });
      this.text.addEventListener("input", () => this.count());
      this.rubric = [];
      this.loadButton = this.button("Load my saved notes", "Put your last saved notes back in the box", () => this.loadSaved());
      this.loadButton.hidden = true;
      this.count();
      return [el("label", { for: id, class: "cx-field-label", text: "Notes" }), this.text, this.counter, this.loadButton];
    }
    count() {
      this.counter.textContent = `${S.words(this.text.value)} words`;
    }
  }

  const VIEWS = {
    "single-choice": SingleChoiceView,
    "multiple-select": MultipleSelectView,
    ordering: OrderingView,
    categorize: CategorizeView,
    rating: RatingView,
    decision: DecisionView,
    reflection: ReflectionView,
    discussion: DiscussionView,
  };

  /** Turn every exercise section of the page into a live exercise. */
  function mountAll(specs, store) {
    const views = [];
    for (const section of document.querySelectorAll("section.cx-exercise[data-exercise]")) {
      const spec = specs[section.dataset.exercise];
      if (!spec || !VIEWS[spec.type]) continue;
      try {
        views.push(new VIEWS[spec.type](section, spec, store));
      } catch (err) {
        section.append(el("div", { html: noteHtml(`This exercise could not be shown (${err.name}: ${err.message}).`) }));
      }
    }
    return views;
  }

  /** A live exercise in `section` (an element with the spec's title and prompt), with `options` as ExerciseView's. */
  function mount(section, spec, store, options) {
    return new VIEWS[spec.type](section, spec, store, options);
  }

  root.CourseExercises = { mountAll, mount, VIEWS, namesBody, byProfession, draftIds };
})(window);
