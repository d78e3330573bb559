/* The event explorer and the Gottlieb worksheet, live in the static site: the in-page twins of
 * course.explorer() and course.gottlieb_worksheet() in JupyterLab.
 *
 * Every step and every reading was drawn when the site was built (course/delivery/site/live_displays.py);
 * here they get the same controls as in the lab (an "Event" menu with Previous and Next; a menu per
 * dimension and "Show the reading") and are shown one at a time. Without JavaScript none of this runs and
 * the page keeps its static form: every event in story order, every level as a list.
 */
(function (root) {
  "use strict";

  const doc = root.document;

  function el(tag, attrs = {}, children = []) {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of [].concat(children)) if (child) node.append(child);
    return node;
  }

  let uid = 0;

  // ------------------------------------------------------------------ the event explorer

  function explorer(host) {
    const steps = [...host.querySelectorAll(":scope > .site-step")];
    if (!steps.length) return;
    uid += 1;
    const id = `site-explorer-${uid}`;
    // On a phone the menu names each event without its key-event number (the card below gives it).
    const narrow = root.matchMedia && root.matchMedia("(max-width: 40em)").matches;
    const menu = el("select", { id, title: "Choose an event (arrow keys move one at a time)" },
      steps.map((step, i) => el("option", { value: String(i + 1), text: narrow ? step.dataset.short || step.dataset.label : step.dataset.label })));
    const previous = el("button", { type: "button", class: "cx-button", title: "Previous event", text: "\u2190 Previous" });
    const next = el("button", { type: "button", class: "cx-button", title: "Next event", text: "Next \u2192" });
    const label = el("label", { for: id, class: "site-explorer-label", text: "Event" });
    const controls = el("div", { class: "site-explorer-controls" }, [previous, el("span", { class: "site-explorer-menu" }, [label, menu]), next]);

    function show(position) {
      const n = Math.min(Math.max(position, 1), steps.length);
      steps.forEach((step, i) => { step.hidden = i !== n - 1; });
      menu.value = String(n);
      previous.disabled = n === 1;
      next.disabled = n === steps.length;
    }
    menu.addEventListener("change", () => show(Number(menu.value)));
    previous.addEventListener("click", () => show(Number(menu.value) - 1));
    next.addEventListener("click", () => show(Number(menu.value) + 1));
    for (const note of host.querySelectorAll(".site-live-static")) note.hidden = true;
    host.insertBefore(controls, steps[0]);

    host.classList.add("site-live-ready");
    show(Number(host.dataset.start) || 1);
  }

  // ------------------------------------------------------------------ the Gottlieb worksheet

  function templateHtml(host, selector) {
    const found = host.querySelector(selector);
    return found ? found.innerHTML : "";
  }

  const WORKSHEET = "gottlieb-worksheet"; // the levels last chosen, kept like the lab's (course.displays.worksheets)

  function worksheet(host, store) {
    const order = (host.dataset.order || "").split(" ").filter(Boolean);
    const menus = new Map();
    for (const dim of host.querySelectorAll(":scope > .site-dimension")) {
      uid += 1;
      const id = `site-worksheet-${uid}`;
      const levels = [...dim.querySelectorAll(".site-levels li")];
      const menu = el("select", { id, title: dim.querySelector("p").textContent },
        [el("option", { value: "", text: host.dataset.placeholder })].concat(
          levels.map((li) => el("option", { value: li.dataset.level, text: li.querySelector("strong").textContent.replace(/:$/, "") }))));
      const hint = el("div", { class: "site-level-hint" });
      const showHint = () => { hint.innerHTML = templateHtml(dim, `template[data-hint="${CSS.escape(menu.value)}"]`); };
      menu.addEventListener("change", showHint);
      showHint();
      dim.querySelector(".site-levels").hidden = true;
      dim.querySelector("p").hidden = true;
      dim.append(el("div", { class: "site-field" }, [el("label", { for: id, text: `${dim.dataset.label}:` }), menu]), hint);
      menus.set(dim.dataset.dimension, menu);
    }
    const result = el("div", { class: "site-worksheet-result", "aria-live": "polite" });
    const button = el("button", {
      type: "button", class: "cx-button cx-primary", text: "Show the reading",
      title: "Show the risk reading and the next steps for these ratings",
    });
    const showReading = () => {
      const key = order.map((d) => (menus.get(d) ? menus.get(d).value : "")).join("|");
      result.innerHTML = templateHtml(host, `template[data-reading="${CSS.escape(key)}"]`);
    };
    button.addEventListener("click", showReading);
    let saved = null;
    try { saved = store ? store.getSetting(WORKSHEET) : null; } catch (err) { saved = null; }
    for (const [dimension, menu] of menus) {
      const level = saved && typeof saved === "object" ? saved[dimension] : "";
      if (level && [...menu.options].some((o) => o.value === level)) {
        menu.value = level;
        menu.dispatchEvent(new Event("change"));
      }
      // A reading on screen follows the choices: it is drawn again whenever a level changes.
      menu.addEventListener("change", () => {
        if (result.innerHTML) showReading();
        try {
          if (store) store.setSetting(WORKSHEET, Object.fromEntries([...menus].map(([d, m]) => [d, m.value])));
        } catch (err) {
          // the worksheet still works; the choices are just not kept for the next visit
        }
      });
    }
    for (const note of host.querySelectorAll(".site-live-static")) note.hidden = true;
    host.append(el("div", { class: "cx-buttons" }, [button]), result);
    host.classList.add("site-live-ready");
  }

  function mountAll(store) {
    for (const host of doc.querySelectorAll("[data-live]")) {
      try {
        if (host.dataset.live === "explorer") explorer(host);
        else if (host.dataset.live === "worksheet") worksheet(host, store);
      } catch (err) {
        host.prepend(el("p", { class: "site-notice", text: `This display could not be made live (${err.message}); it is shown as a static page.` }));
      }
    }
  }

  root.CourseDisplays = { mountAll };
})(window);
