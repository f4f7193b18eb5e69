/*
 * The compare page's picker ([data-compare]): two to four apps chosen, their API files fetched, the table drawn.
 * Without JavaScript the picker stays hidden and the page shows the all-apps matrix.
 */
import { appsFromQuery, choosingText, comparedText, MAX_APPS, MIN_APPS, queryFromApps } from "./compare-choice.js";
import { compareTable } from "./compare-table.js";
import { text } from "./compare-values.js";

/** Wire the picker in `root`, restore the choice the address keeps, and show it. */
export function setUpCompare(root) {
  const apiBase = new URL(root.dataset.apiBase, document.baseURI);
  const siteBase = new URL(root.dataset.siteBase, document.baseURI);
  const form = root.querySelector("[data-compare-picker]");
  const status = root.querySelector("[data-compare-status]");
  const result = root.querySelector("[data-compare-result]");
  const boxes = Array.from(form.querySelectorAll("input[name=apps]"));
  const cache = new Map();
  let request = 0;

  function load(id) {
    if (!cache.has(id)) {
      const loading = fetch(new URL("apps/" + encodeURIComponent(id) + ".json", apiBase).href, {
        headers: { Accept: "application/json" },
      }).then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
      loading.catch(() => {
        cache.delete(id);
      });
      cache.set(id, loading);
    }
    return cache.get(id);
  }

  function nameOf(id) {
    const box = document.getElementById("pick-" + id);
    const label = box && form.querySelector("label[for='pick-" + id + "']");
    return label ? label.firstChild.textContent.trim() : id;
  }

  function update() {
    const ids = boxes.filter((box) => box.checked).map((box) => box.value);
    const full = ids.length >= MAX_APPS;
    for (const box of boxes) box.disabled = full && !box.checked;
    window.history.replaceState(null, "", window.location.pathname + queryFromApps(ids) + window.location.hash);

    const mine = ++request;
    if (ids.length < MIN_APPS) result.replaceChildren();
    status.textContent = choosingText(ids.length);
    if (ids.length < MIN_APPS) return;
    Promise.allSettled(ids.map(load)).then((outcomes) => {
      if (mine !== request) return; // a newer choice was made meanwhile
      const failed = [];
      const apps = [];
      outcomes.forEach((outcome, i) => {
        if (outcome.status === "fulfilled") apps.push(outcome.value);
        else failed.push(nameOf(ids[i]));
      });
      if (apps.length) result.replaceChildren(compareTable(apps, siteBase));
      else result.replaceChildren();
      status.textContent = comparedText(apps.map((app) => text(app.name)), full, failed);
    });
  }

  for (const id of appsFromQuery(window.location.search)) {
    const box = document.getElementById("pick-" + id);
    if (box && box.name === "apps") box.checked = true;
  }
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
  });
  form.addEventListener("reset", () => {
    window.setTimeout(update, 0);
  });
  root.hidden = false;
  update();
}
