/* The review queue in the course site: the Review page, the number due on the course map, and retention
 * over time on the progress page. Scheduling is review.js's (FSRS through ts-fsrs); exercises are drawn
 * by exercises.js, starting empty; reviews are kept with the learner's progress (progress.js).
 *
 * "Now" is the browser's clock. A page opened with ?now=<ISO time> (for example
 * review.html?now=2027-01-20T09:00:00Z) uses that time instead, for reviews done and for what is due:
 * the browser tests use it to see a schedule days ahead without waiting.
 */
(function (root) {
  "use strict";

  const doc = root.document;
  const R = root.CourseReview;

  function el(tag, attrs = {}, children = []) {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "html") node.innerHTML = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of [].concat(children)) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  /** The time the page works at: ?now= when given (tests), else the clock. */
  function now() {
    const asked = new URLSearchParams(root.location.search).get("now");
    const when = asked ? new Date(asked) : null;
    return when && !Number.isNaN(when.getTime()) ? when : new Date();
  }

  /** "Mon 12 Jan 2027, 09:10" in the learner's own time zone. */
  function when(iso) {
    return new Date(iso).toLocaleString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
  }

  /** The ids of the reviewable exercises, in course order. */
  const reviewableIds = (site) => (site.reviewable || []).map((r) => r.id);

  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  // ------------------------------------------------------------------ the course map: how many are due

  function dueCount(host, store, site) {
    let items = [];
    try {
      items = R.queue(store.read(), reviewableIds(site));
    } catch (err) {
      host.replaceChildren(el("p", { text: `Your reviews could not be read (${err.message}).` }));
      return;
    }
    const due = R.dueItems(items, now());
    const link = el("a", { href: "review.html", text: "Review" });
    let text;
    if (!items.length) text = "No reviews yet: exercises join your reviews when you first answer them in a chapter, and come back for their first review a day later. See ";
    else if (!due.length) text = `No reviews due now (${plural(items.length, "exercise", "exercises")} in your reviews; the next on ${when(items[0].due)}). See `;
    else text = `${plural(due.length, "review", "reviews")} due now. Open `;
    host.replaceChildren(el("p", { class: "site-review-due", role: "status" }, [el("strong", { text: "Reviews: " }), text, link, "."]));
  }

  // ------------------------------------------------------------------ the Review page

  function scheduleTable(items, specs) {
    const rows = items.map((item) => el("tr", {}, [
      el("th", { scope: "row", text: specs[item.id] ? specs[item.id].title || item.id : item.id }),
      el("td", { text: when(item.due) }),
      el("td", { text: item.card ? R.STATE_NAMES[item.card.state] : "New" }),
      el("td", { text: String(item.reviews) }),
    ]));
    return el("table", { class: "site-table site-review-schedule" }, [
      el("caption", { text: "Your reviews, the next due first" }),
      el("thead", {}, el("tr", {}, ["Exercise", "Next review", "Stage", "Reviews done"].map((t) => el("th", { scope: "col", text: t })))),
      el("tbody", {}, rows),
    ]);
  }

  function reviewPage(host, store, specs, site) {
    const at = now();
    let items;
    try {
      items = R.queue(store.read(), reviewableIds(site));
    } catch (err) {
      host.replaceChildren(el("p", { text: `Your reviews could not be read (${err.message}).` }));
      return;
    }
    const due = R.dueItems(items, at).filter((item) => specs[item.id]);
    const parts = [];
    if (!items.length) {
      parts.push(el("p", { text: "You have no reviews yet. Exercises join your reviews when you first answer them in their chapter; come back here afterwards." }));
    } else if (!due.length) {
      parts.push(el("p", { role: "status", text: `Nothing is due now. Your next review is on ${when(items[0].due)}.` }));
    } else {
      parts.push(el("p", { role: "status", text: `${plural(due.length, "review", "reviews")} due now. Answer each once; your first answer rates it.` }));
    }
    const list = el("div", { class: "site-review-list" });
    const table = el("div", { class: "site-review-table" }, scheduleTable(items, specs));
    const refreshTable = () => table.replaceChildren(scheduleTable(R.queue(store.read(), reviewableIds(site)), specs));
    for (const item of due) list.append(reviewItem(item, specs[item.id], store, at, refreshTable));
    if (due.length) parts.push(el("h2", { id: "Due-now", text: "Due now" }), list);
    if (items.length) parts.push(el("h2", { id: "Your-schedule", text: "Your schedule" }), table);
    host.replaceChildren(...parts);
  }

  function reviewItem(item, spec, store, at, done) {
    const id = `review-${spec.id}`;
    const section = el("section", { class: "cx-exercise site-review-item", id, "data-exercise": spec.id, "aria-labelledby": `${id}-title` }, [
      el("h3", { id: `${id}-title`, html: spec.title_html }),
      el("div", { class: "cx-prompt", html: spec.prompt_html }),
    ]);
    const status = el("div", { class: "site-review-status", role: "status", "aria-live": "polite" });
    let rated = false;
    const rate = (rating) => {
      if (rated) return;
      rated = true;
      const reviewedAt = R.iso(at);
      try {
        const card = R.review(item.card, rating, at);
        store.recordReview({ exercise_id: spec.id, content_hash: spec.content_hash, rating, reviewed_at: reviewedAt, card });
        status.replaceChildren(el("p", { class: "site-review-done", text: `Rated ${R.RATING_NAMES[rating]}. Next review: ${when(card.due)}.` }));
        done();
      } catch (err) {
        rated = false;
        status.replaceChildren(el("p", { class: "site-error", text: `This review could not be saved (${err.message}).` }));
      }
    };
    const selfRating = () => {
      const buttons = [R.AGAIN, R.HARD, R.GOOD, R.EASY].map((rating) => {
        const b = el("button", { type: "button", class: "cx-button", text: R.RATING_NAMES[rating] });
        b.addEventListener("click", () => rate(rating));
        return b;
      });
      status.replaceChildren(el("fieldset", { class: "cx-fieldset" }, [el("legend", { class: "cx-label", text: "How well did you recall it? Rate this review:" }), ...buttons]));
    };
    const onAccept = (result) => {
      if (rated) return;
      if (R.selfRated(spec.type)) selfRating();
      else rate(R.ratingForScore(result.score, result.max_score));
    };
    root.CourseExercises.mount(section, spec, store, { fresh: true, onAccept });
    section.append(status);
    return section;
  }

  // ------------------------------------------------------------------ the progress page: retention over time

  function retention(host, store) {
    const weeks = R.weekly(store.read(), now());
    if (!weeks.length) {
      host.replaceChildren(el("p", { text: "You have no reviews yet. Once you have done some on the Review page, this shows them week by week: how many fell due, how many you did, and how many you recalled (rated Hard, Good or Easy rather than Again)." }));
      return;
    }
    const day = (w) => new Date(`${w.week}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
    const pct = (w) => (w.reviews ? Math.round((100 * w.recalled) / w.reviews) : null);
    const rows = weeks.map((w) => el("tr", {}, [
      el("th", { scope: "row", text: day(w) }),
      el("td", { text: String(w.fell_due) }),
      el("td", { text: String(w.reviews) }),
      el("td", { text: String(w.recalled) }),
      el("td", {}, pct(w) === null ? "\u2014" : [`${pct(w)}% `, el("progress", { max: "100", value: String(pct(w)), "aria-hidden": "true" })]),
    ]));
    const total = weeks.reduce((n, w) => n + w.reviews, 0);
    const recalled = weeks.reduce((n, w) => n + w.recalled, 0);
    const share = total ? ` (${Math.round((100 * recalled) / total)}%)` : "";
    host.replaceChildren(
      el("p", { text: `You recalled ${recalled} of ${plural(total, "review", "reviews")}${share} over ${plural(weeks.length, "week", "weeks")}. ` +
        `The scheduler aims at ${Math.round(R.DESIRED_RETENTION * 100)}%: it brings each exercise back when you are likely to recall it 9 times in 10.` }),
      el("table", { class: "site-table site-retention" }, [
        el("caption", { text: "Retention over time: your reviews week by week" }),
        el("thead", {}, el("tr", {}, ["Week of", "Fell due", "Reviews done", "Recalled", "Share recalled"].map((t) => el("th", { scope: "col", text: t })))),
        el("tbody", {}, rows),
      ]));
  }

  root.CourseReviewPage = { now, dueCount, reviewPage, retention };
})(window);
