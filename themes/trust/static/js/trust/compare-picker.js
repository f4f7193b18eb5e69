/*
 * The compare page's picker ([data-compare]): type to find an app, choose two to four, each shown as a chip
 * that can be removed; their API files are fetched and the table drawn. The address keeps the choice.
 * The names come from search/names.json, fetched once someone types. Without JavaScript the picker stays
 * hidden and the page shows the all-apps matrix.
 */
import { namesLoader } from "../search/names.js";
import { appsFromQuery, choosingText, comparedText, MAX_APPS, MIN_APPS, queryFromApps } from "./compare-choice.js";
import { appLabel, matchingApps } from "./compare-matches.js";
import { compareTable } from "./compare-table.js";
import { text } from "./compare-values.js";

/** Wire the picker in `root`, restore the choice the address keeps, and show it. */
export function setUpCompare(root) {
  const apiBase = new URL(root.dataset.apiBase, document.baseURI);
  const siteBase = new URL(root.dataset.siteBase, document.baseURI);
  const loadNames = namesLoader(new URL(root.dataset.names, document.baseURI).href);
  const find = root.querySelector("[data-compare-find]");
  const list = root.querySelector("[data-compare-matches]");
  const chips = root.querySelector("[data-compare-chips]");
  const clear = root.querySelector("[data-compare-clear]");
  const status = root.querySelector("[data-compare-status]");
  const result = root.querySelector("[data-compare-result]");
  const cache = new Map();
  // The chosen apps, in the order chosen: [{id, name, partner}] (name and partner known once loaded).
  let chosen = appsFromQuery(window.location.search)
    .filter((id, i, all) => all.indexOf(id) === i)
    .map((id) => ({ id, name: id, partner: "" }));
  let matches = [];
  let active = -1;
  let request = 0;
  let typed = 0;

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

  function showMatches(found) {
    matches = found;
    active = found.length ? 0 : -1;
    const items = found.map((app, i) => {
      const item = document.createElement("li");
      item.id = "compare-match-" + i;
      item.setAttribute("role", "option");
      item.textContent = appLabel(app);
      item.addEventListener("mousedown", (event) => {
        event.preventDefault(); // keep the focus in the box
        choose(app);
      });
      return item;
    });
    list.replaceChildren(...items);
    const open = items.length > 0;
    list.hidden = !open;
    find.setAttribute("aria-expanded", String(open));
    markActive();
  }

  function markActive() {
    Array.from(list.children).forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) find.setAttribute("aria-activedescendant", "compare-match-" + active);
    else find.removeAttribute("aria-activedescendant");
  }

  function suggest() {
    const mine = ++typed;
    const query = find.value;
    if (chosen.length >= MAX_APPS || !query.trim()) {
      showMatches([]);
      return;
    }
    loadNames().then(
      (names) => {
        if (mine === typed) showMatches(matchingApps(names, query, chosen.map((app) => app.id)));
      },
      () => {
        if (mine === typed) status.textContent = "Could not load the list of apps. Try again in a moment.";
      }
    );
  }

  function choose(app) {
    if (chosen.length < MAX_APPS && !chosen.some((other) => other.id === app.id)) chosen = [...chosen, app];
    find.value = "";
    showMatches([]);
    update();
  }

  function remove(id) {
    chosen = chosen.filter((app) => app.id !== id);
    update();
    find.focus();
  }

  function drawChips() {
    chips.replaceChildren(
      ...chosen.map((app) => {
        const chip = document.createElement("li");
        chip.className = "chip";
        const label = document.createElement("span");
        label.textContent = appLabel(app);
        const button = document.createElement("button");
        button.type = "button";
        button.className = "chip__remove";
        button.textContent = "×";
        button.setAttribute("aria-label", "Remove " + app.name);
        button.addEventListener("click", () => remove(app.id));
        chip.append(label, button);
        return chip;
      })
    );
    chips.hidden = chosen.length === 0;
    clear.hidden = chosen.length === 0;
    const full = chosen.length >= MAX_APPS;
    find.disabled = full;
    find.placeholder = full ? "Four apps chosen: remove one to choose another" : "Type an app's name";
  }

  function update() {
    const ids = chosen.map((app) => app.id);
    window.history.replaceState(null, "", window.location.pathname + queryFromApps(ids) + window.location.hash);
    drawChips();
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
        else failed.push(chosen[i].name);
      });
      // The chips name the apps as the API does, once it has said.
      chosen = chosen.map((app, i) =>
        outcomes[i].status === "fulfilled"
          ? { id: app.id, name: text(outcomes[i].value.name), partner: text((outcomes[i].value.partner || {}).name) }
          : app
      );
      drawChips();
      if (apps.length) result.replaceChildren(compareTable(apps, siteBase));
      else result.replaceChildren();
      status.textContent = comparedText(apps.map((app) => text(app.name)), chosen.length >= MAX_APPS, failed);
    });
  }

  find.addEventListener("input", suggest);
  find.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!matches.length) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      active = (active + step + matches.length) % matches.length;
      markActive();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (active >= 0) choose(matches[active]);
    } else if (event.key === "Escape") {
      if (!list.hidden) event.preventDefault();
      showMatches([]);
    }
  });
  find.addEventListener("blur", () => showMatches([]));
  clear.addEventListener("click", () => {
    chosen = [];
    update();
    find.focus();
  });
  root.hidden = false;
  update();
}
