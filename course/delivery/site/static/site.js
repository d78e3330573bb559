/* The course site's page script: live exercises, the learner's own code first, progress, search.
 *
 * Everything stays in this browser: progress in localStorage (CourseProgress), nothing fetched or sent
 * (the pages forbid it with their Content-Security-Policy). Works from file:// and any static host.
 */
(function (root) {
  "use strict";

  const doc = root.document;
  const S = root.CourseScoring;

  function readJson(id) {
    const node = doc.getElementById(id);
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (err) {
      return null;
    }
  }

  function el(tag, attrs = {}, children = []) {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of [].concat(children)) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  const site = readJson("course-site") || {};
  const professions = new Map(site.professions || []); // body -> label, in the course's order
  const store = root.CourseProgress.open(site.store_key || "jane-susan-course/progress");

  // ------------------------------------------------------------------ notices about the saved progress

  function showNotices() {
    const notices = store.takeNotices();
    if (store.note) notices.push(store.note);
    const main = doc.getElementById("main");
    if (!notices.length || !main) return;
    main.prepend(el("div", { class: "site-notice", role: "status" }, notices.map((text) => el("p", { text }))));
  }

  // ------------------------------------------------------------------ the learner's profession

  const PROFESSION = "profession";

  function profession() {
    const body = String(store.getSetting(PROFESSION) || "").trim().toUpperCase();
    return professions.has(body) ? body : null;
  }

  function professionStatus(body) {
    if (!body) return "No profession chosen yet. The comparisons show the codes in a fixed order until you choose.";
    return `Saved: ${professions.get(body)}. Code comparisons will lead with the ${body} code. The choice stays in this browser.`;
  }

  function professionChooser(host) {
    const chosen = profession();
    const name = "site-profession";
    const rows = [...professions].map(([body, label], i) => {
      const id = `${name}-${i}`;
      const input = el("input", { type: "radio", name, id, value: body });
      input.checked = body === chosen;
      return el("div", { class: "cx-choice" }, [input, el("label", { for: id, text: label })]);
    });
    const status = el("p", { class: "cx-small", role: "status", text: professionStatus(chosen) });
    const save = el("button", { type: "button", class: "cx-button", title: "Save the profession whose code the course shows first", text: "Save my choice" });
    save.addEventListener("click", () => {
      const picked = host.querySelector(`input[name="${name}"]:checked`);
      if (!picked) {
        status.textContent = "Choose one of the professions above first.";
        return;
      }
      try {
        store.setSetting(PROFESSION, picked.value);
      } catch (err) {
        status.textContent = `Your choice could not be saved (${err.message}).`;
        return;
      }
      status.textContent = professionStatus(picked.value);
      orderCodeTables();
    });
    host.replaceChildren(el("fieldset", { class: "cx-fieldset" }, [el("legend", { class: "cx-label", text: "My profession:" })].concat(rows)), save, status);
  }

  /** Code comparisons lead with the learner's own code, marked "(your code)", as in JupyterLab. */
  function orderCodeTables() {
    const mine = profession();
    for (const table of doc.querySelectorAll("table.course-codes")) {
      const body = table.tBodies[0];
      if (!body) continue;
      const rows = [...body.rows];
      rows.forEach((row) => {
        const head = row.querySelector("th");
        if (!head) return;
        if (!head.dataset.body) head.dataset.body = head.firstChild ? head.firstChild.textContent.replace(" (your code)", "").trim() : "";
        if (head.firstChild) head.firstChild.textContent = head.dataset.body + (head.dataset.body === mine ? " (your code)" : "");
      });
      const own = rows.filter((r) => r.querySelector("th") && r.querySelector("th").dataset.body === mine);
      const rest = rows.filter((r) => !own.includes(r));
      rest.sort((a, b) => Number(a.dataset.order) - Number(b.dataset.order));
      body.append(...own, ...rest);
    }
  }

  function rememberCodeOrder() {
    for (const table of doc.querySelectorAll("table.course-codes")) {
      [...(table.tBodies[0] ? table.tBodies[0].rows : [])].forEach((row, i) => { row.dataset.order = String(i); });
    }
  }

  // ------------------------------------------------------------------ tables and charts on a narrow screen

  const NARROW = "(max-width: 40em)";

  /** Every table sits in a labelled container that scrolls sideways, with a cue while it overflows; on a
   * narrow screen a table with column headings is shown as stacked rows, each cell named by its heading
   * (site.css), so nothing is cut off at the right edge. */
  function fitTables(scope) {
    for (const table of (scope || doc).querySelectorAll("main table")) {
      if (table.closest(".site-scroll")) continue;
      const caption = table.caption ? table.caption.textContent.trim() : "";
      const cue = el("p", { class: "site-scroll-cue cx-small", "aria-hidden": "true", text: "Scroll sideways to see the whole table \u2192" });
      const box = el("div", { class: "site-scroll", role: "region", tabindex: "0", "aria-label": `${caption || "Table"} (scrolls sideways)` });
      table.before(cue);
      cue.after(box);
      box.append(table);
      const head = table.tHead && table.tHead.rows.length ? [...table.tHead.rows[table.tHead.rows.length - 1].cells] : [];
      const spans = [...table.querySelectorAll("th[colspan], td[colspan]")].some((c) => Number(c.colSpan) > 1);
      if (!head.length || spans) continue;
      const labels = head.map((c) => c.textContent.replace(/\s+/g, " ").trim());
      for (const body of table.tBodies) {
        for (const row of body.rows) [...row.cells].forEach((cell, i) => { if (labels[i]) cell.dataset.label = labels[i]; });
      }
      table.classList.add("site-stack");
    }
    showScrollCues();
  }

  function showScrollCues() {
    for (const box of doc.querySelectorAll(".site-scroll")) {
      const cue = box.previousElementSibling;
      if (cue && cue.classList.contains("site-scroll-cue")) cue.hidden = box.scrollWidth <= box.clientWidth + 1;
    }
  }

  /** On a narrow screen a chart can be tapped to show it at full size, scrolling sideways. */
  function zoomableCharts() {
    for (const img of doc.querySelectorAll("main .course-picture img, main .site-figure img")) {
      const picture = img.parentElement;
      if (picture.querySelector(".site-zoom")) continue;
      const button = el("button", { type: "button", class: "cx-button site-zoom", "aria-pressed": "false", text: "Enlarge the chart" });
      button.addEventListener("click", () => {
        const on = !picture.classList.contains("site-zoomed");
        picture.classList.toggle("site-zoomed", on);
        button.setAttribute("aria-pressed", String(on));
        button.textContent = on ? "Fit the chart to the screen" : "Enlarge the chart";
      });
      img.addEventListener("click", () => { if (root.matchMedia && root.matchMedia(NARROW).matches) button.click(); });
      picture.prepend(button);
    }
  }

  // ------------------------------------------------------------------ progress overview

  // Decision scenarios are open exploration, counted three ways (as course.displays.progress_overview does):
  // explored (begun: a reply chosen, left halfway or played to its end), played to the end along any path
  // (which counts as completed), and played along the course's recommended path.
  function scenariosText(g) {
    if (!g.scenarios) return "\u2014";
    return `${g.explored} of ${g.scenarios} explored, ${g.ended} played to the end, ${g.recommended} along the recommended path`;
  }

  function progressOverview(host) {
    const catalogue = site.exercises || [];
    const summary = store.summary();
    const halfway = root.CourseExercises ? root.CourseExercises.draftIds(store) : new Set();
    const group = (key, label) => ({ key, label, done: 0, total: 0, scenarios: 0, explored: 0, ended: 0, recommended: 0 });
    const notebooks = (site.notebooks || []).map((n) => group(n.id, n.title));
    const objectives = (site.objectives || []).map((o) => group(o.id, o.text));
    for (const ex of catalogue) {
      const mine = summary[ex.id];
      const completed = Boolean(mine && mine.completed);
      const ended = ex.type === "decision" && Boolean(mine && mine.attempts > 0);
      const explored = ex.type === "decision" && (ended || halfway.has(ex.id));
      for (const g of [notebooks.find((n) => n.key === ex.notebook), objectives.find((o) => o.key === ex.objective)]) {
        if (!g) continue;
        g.total += 1;
        if (completed || ended) g.done += 1;
        if (ex.type === "decision") {
          g.scenarios += 1;
          if (explored) g.explored += 1;
          if (ended) g.ended += 1;
          if (completed) g.recommended += 1;
        }
      }
    }
    const table = (caption, first, groups) => {
      const head = el("thead", {}, el("tr", {}, [first, "Completed", "Decision points", "Progress"].map((t) => el("th", { scope: "col", text: t }))));
      const rows = groups.filter((g) => g.total).map((g) => el("tr", {}, [
        el("th", { scope: "row", text: g.label }),
        el("td", { text: `${g.done} of ${g.total}` }),
        el("td", { text: scenariosText(g) }),
        el("td", {}, el("progress", { max: String(Math.max(g.total, 1)), value: String(g.done), "aria-label": `${g.label}: ${g.done} of ${g.total} exercises completed` })),
      ]));
      return el("table", { class: "site-table" }, [el("caption", { text: caption }), head, el("tbody", {}, rows)]);
    };
    const sum = (key) => notebooks.reduce((n, g) => n + g[key], 0);
    const refresh = el("button", { type: "button", class: "cx-button", title: "Read your progress again", text: "Refresh" });
    refresh.addEventListener("click", () => progressOverview(host));
    host.replaceChildren(
      el("p", {}, [el("strong", { text: `You have completed ${sum("done")} of ${sum("total")} exercises.` }),
        ` Decision points are for exploring: you have begun ${sum("explored")} of ${sum("scenarios")}, played ${sum("ended")} to the end ` +
        `(each counts as completed), ${sum("recommended")} of them along the course's recommended path.`,
        " This summary is read from the progress kept in this browser."]),
      table("By notebook", "Notebook", notebooks), table("By learning objective", "Objective", objectives), refresh);
    fitTables(host);
  }

  // ------------------------------------------------------------------ the learner's ratings beside the course's

  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs = {}) {
    const node = doc.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  }
  const signed = (v) => (v > 0 ? `+${v}` : String(v).replace("-", "\u2212"));

  function myRatings(host, specs) {
    const spec = specs[host.dataset.exercise];
    if (!spec) return;
    const mine = store.ratings(spec.dimension, spec.id);
    const events = spec.events;
    const rated = events.filter((e) => Object.prototype.hasOwnProperty.call(mine, e.event));
    const title = `Your ${spec.dimension} ratings beside the course's`;
    const parts = [el("h4", { text: title })];
    if (!rated.length) {
      parts.push(el("p", { text: `You have not rated any events yet. Check your ratings in the exercise "${spec.title}" above, and they appear here beside the course's.` }));
      host.replaceChildren(...parts);
      return;
    }
    const width = 640;
    const height = 260;
    const left = 48;
    const top = 16;
    const plotW = width - left - 16;
    const plotH = height - top - 40;
    const x = (i) => left + (events.length === 1 ? plotW / 2 : (plotW * i) / (events.length - 1));
    const y = (v) => top + ((3 - v) * plotH) / 6;
    const far = rated.filter((e) => Math.abs(mine[e.event] - spec.answer[e.event]) > spec.tolerance);
    const alt = `${title}: ${events.length} events in story order. Course: ${events.map((e) => signed(spec.answer[e.event])).join(", ")}. ` +
      `Yours: ${events.map((e) => (e.event in mine ? signed(mine[e.event]) : "not rated")).join(", ")}. ` +
      `${rated.length - far.length} of ${rated.length} of your ratings are within ${spec.tolerance} point(s) of the course's.`;
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": alt, class: "site-chart" });
    for (let v = -3; v <= 3; v += 1) {
      chart.append(svg("line", { x1: left, x2: left + plotW, y1: y(v), y2: y(v), class: v === 0 ? "axis zero" : "axis" }));
      const label = svg("text", { x: left - 8, y: y(v) + 4, "text-anchor": "end", class: "tick" });
      label.textContent = signed(v);
      chart.append(label);
    }
    events.forEach((e, i) => {
      const label = svg("text", { x: x(i), y: top + plotH + 18, "text-anchor": "middle", class: "tick" });
      label.textContent = String(i + 1);
      chart.append(label);
    });
    const line = (points, cls) => svg("polyline", { points: points.map(([i, v]) => `${x(i)},${y(v)}`).join(" "), class: cls });
    chart.append(line(events.map((e, i) => [i, spec.answer[e.event]]), "course"));
    chart.append(line(events.map((e, i) => [i, mine[e.event]]).filter(([, v]) => v !== undefined), "mine"));
    events.forEach((e, i) => {
      chart.append(svg("circle", { cx: x(i), cy: y(spec.answer[e.event]), r: 4, class: "course" }));
      if (e.event in mine) chart.append(svg("rect", { x: x(i) - 4, y: y(mine[e.event]) - 4, width: 8, height: 8, class: "mine" }));
    });
    const legend = el("p", { class: "site-legend" }, [
      el("span", { class: "key course", text: "Course (solid line, circles)" }), " ",
      el("span", { class: "key mine", text: "Yours (dashed line, squares)" }),
    ]);
    const rows = events.map((e, i) => el("tr", {}, [
      el("td", { text: String(i + 1) }), el("th", { scope: "row", text: e.label_plain }),
      el("td", { text: signed(spec.answer[e.event]) }), el("td", { text: e.event in mine ? signed(mine[e.event]) : "not rated" }),
    ]));
    const table = el("table", { class: "site-table" }, [
      el("caption", { text: `${title} (data table)` }),
      el("thead", {}, el("tr", {}, ["#", "Event", "Course", "Yours"].map((t) => el("th", { scope: "col", text: t })))),
      el("tbody", {}, rows),
    ]);
    parts.push(el("figure", { class: "site-figure" }, [chart, el("figcaption", {}, legend)]),
      el("details", {}, [el("summary", { text: "Data table (screen-reader friendly)" }), table]));
    host.replaceChildren(...parts);
    fitTables(host);
    zoomableCharts();
  }

  // ------------------------------------------------------------------ download and load the learner's answers

  function answersPanel(host) {
    const status = el("div", { class: "site-status", role: "status", "aria-live": "polite" });
    const say = (text, kind) => status.replaceChildren(el("p", { class: kind || "", text }));
    const nameInput = el("input", { type: "text", id: "export-name", autocomplete: "off" });
    const withReflections = el("input", { type: "checkbox", id: "export-reflections" });
    const download = el("button", { type: "button", class: "cx-button cx-primary", text: "Download my answers" });
    const file = el("input", { type: "file", id: "import-file", accept: ".json,application/json" });
    download.addEventListener("click", () => {
      let data;
      try {
        data = store.exportData({ name: nameInput.value, includeReflections: withReflections.checked });
      } catch (err) {
        say(`Your answers could not be written (${err.message}).`, "site-error");
        return;
      }
      const name = `course-export-${data.payload.learner.id}.json`;
      const blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const link = el("a", { href: url, download: name });
      doc.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      const who = data.payload.learner.name ? `your name (${data.payload.learner.name})` : `the pseudonym ${data.payload.learner.id}`;
      const extra = data.payload.reflections ? " and your reflections" : " (reflections not included)";
      const sittings = Object.keys((data.payload.judgement || {}).sittings || {}).length;
      const test = sittings ? `, ${sittings} sitting${sittings === 1 ? "" : "s"} of the case-judgement test` : "";
      say(`Saved ${name}: ${data.payload.attempts.length} answers, ${data.payload.ratings.length} ratings and ${data.payload.reviews.length} reviews${test}${extra}, under ${who}. ` +
        "Send this file to your instructor only if you choose to.");
    });
    file.addEventListener("change", () => {
      const chosen = file.files && file.files[0];
      if (!chosen) return;
      chosen.arrayBuffer().then((buffer) => {
        const decoded = root.CourseProgress.decodeFile(new Uint8Array(buffer), chosen.name);
        const result = decoded.problem ? { problem: decoded.problem } : store.importExport(decoded.text, chosen.name);
        if (result.problem) {
          say(`Not loaded; nothing you had kept was changed. ${result.problem}`, "site-error");
        } else {
          say(`Loaded ${chosen.name}: ${result.added} record(s) added to the progress kept in this browser ` +
            `(the file was exported on ${String(result.exportedAt).slice(0, 10)} by ${result.learner}). Open a chapter to see your answers.`);
          for (const host2 of doc.querySelectorAll('[data-widget="progress"]')) progressOverview(host2);
        }
        file.value = "";
      }, (err) => say(`Not loaded; nothing you had kept was changed. ${chosen.name} could not be read (${err.message}).`, "site-error"));
    });
    host.replaceChildren(
      el("p", { text: "Your answers, ratings, reflections and reviews are kept in this browser only; nothing is sent anywhere. " +
        "To hand them in, or to move to another browser or to the JupyterLab course, download them as a file." }),
      el("div", { class: "site-field" }, [el("label", { for: "export-name", text: "Your name in the file (optional; without it the file carries only a pseudonym)" }), nameInput]),
      el("div", { class: "cx-choice" }, [withReflections, el("label", { for: "export-reflections", text: "Include my written reflections" })]),
      download,
      el("div", { class: "site-field" }, [el("label", { for: "import-file", text: "Load my answers (a file from Download my answers, or from course export in JupyterLab)" }), file]),
      status);
  }

  // ------------------------------------------------------------------ search over the pages and the glossary

  const fold = (text) => String(text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const tokens = (text) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

  function search(query, entries) {
    const words = tokens(query);
    if (!words.length) return [];
    const scored = [];
    for (const entry of entries) {
      if (!entry._title) {
        entry._title = tokens(entry.title);
        entry._text = tokens(entry.text);
      }
      let score = 0;
      let all = true;
      for (const w of words) {
        const inTitle = entry._title.some((t) => t.startsWith(w));
        const inText = entry._text.some((t) => t.startsWith(w));
        if (!inTitle && !inText) { all = false; break; }
        score += (inTitle ? 5 : 0) + (inText ? 1 : 0);
      }
      if (all) scored.push([score + (entry.kind === "term" ? 2 : 0), entry]);
    }
    return scored.sort((a, b) => b[0] - a[0]).slice(0, 20).map(([, e]) => e);
  }

  function snippet(text, query) {
    const words = tokens(query);
    const folded = fold(text);
    let at = -1;
    for (const w of words) {
      at = folded.indexOf(w);
      if (at >= 0) break;
    }
    const start = Math.max(0, at - 60);
    return (start ? "\u2026" : "") + text.slice(start, start + 180) + (start + 180 < text.length ? "\u2026" : "");
  }

  function searchBox() {
    const input = doc.getElementById("site-search");
    const results = doc.getElementById("site-search-results");
    if (!input || !results) return;
    const form = input.closest("form");
    const base = doc.body.dataset.root || "";
    let index = null;
    const load = () => new Promise((resolve) => {
      if (root.COURSE_SEARCH) return resolve(root.COURSE_SEARCH);
      if (index) return index.then(resolve);
      const script = el("script", { src: `${base}search-index.js` });
      script.addEventListener("load", () => resolve(root.COURSE_SEARCH || []));
      script.addEventListener("error", () => resolve([]));
      doc.head.append(script);
      return undefined;
    });
    const show = () => {
      const query = input.value.trim();
      if (!query) {
        results.replaceChildren();
        results.hidden = true;
        return;
      }
      load().then((entries) => {
        const found = search(query, entries);
        const list = el("ul", {}, found.map((e) => el("li", {}, [
          el("a", { href: base + e.href }, [el("span", { class: "kind", text: e.kind === "term" ? "Glossary: " : `${e.page}: ` }), e.title]),
          el("p", { text: snippet(e.text, query) }),
        ])));
        results.replaceChildren(el("p", { class: "site-count", role: "status", text: found.length ? `${found.length} result${found.length === 1 ? "" : "s"} for “${query}”` : `Nothing found for “${query}”.` }), list);
        results.hidden = false;
      });
    };
    input.addEventListener("focus", () => { load(); });
    input.addEventListener("input", show);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        input.value = "";
        show();
      }
    });
    if (form) form.addEventListener("submit", (event) => { event.preventDefault(); show(); });
  }

  // ------------------------------------------------------------------ start

  function start() {
    doc.documentElement.classList.add("js");
    showNotices();
    const specs = readJson("course-exercises") || {};
    if (root.CourseExercises) root.CourseExercises.mountAll(specs, store);
    if (root.CourseJudgement) root.CourseJudgement.mount(readJson("course-judgement") || {}, store);
    if (root.CourseDisplays) root.CourseDisplays.mountAll(store);
    if (root.CourseConditions) root.CourseConditions.mountAll(store);
    rememberCodeOrder();
    orderCodeTables();
    for (const host of doc.querySelectorAll("[data-widget]")) {
      const kind = host.dataset.widget;
      if (kind === "profession") professionChooser(host);
      else if (kind === "progress") progressOverview(host);
      else if (kind === "answers") answersPanel(host);
      else if (kind === "review" && root.CourseReviewPage) root.CourseReviewPage.reviewPage(host, store, specs, site);
      else if (kind === "review-due" && root.CourseReviewPage) root.CourseReviewPage.dueCount(host, store, site);
      else if (kind === "retention" && root.CourseReviewPage) root.CourseReviewPage.retention(host, store);
      else if (kind === "my-ratings") {
        myRatings(host, specs);
        root.addEventListener("course:ratings", () => myRatings(host, specs));
      }
    }
    fitTables();
    zoomableCharts();
    root.addEventListener("resize", showScrollCues);
    for (const d of doc.querySelectorAll("main details")) d.addEventListener("toggle", showScrollCues);
    searchBox();
    // A printed page shows the data tables folded away in <details> on screen.
    let opened = [];
    root.addEventListener("beforeprint", () => {
      opened = [...doc.querySelectorAll("main details:not([open])")];
      opened.forEach((d) => { d.open = true; });
    });
    root.addEventListener("afterprint", () => opened.forEach((d) => { d.open = false; }));
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();

  root.CourseSite = { store, search, tokens };
})(window);
