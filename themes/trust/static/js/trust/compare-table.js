/*
 * The chosen apps side by side: one column per app, a row for partner, tier and grade, then one per badge.
 */
import { el } from "../elements.js";
import { badgeRows, badgeState, gradeText, provenanceClass, text, tierText } from "./compare-values.js";

// The short state as a label ("✓ Earned"), and the long one under it when it says more.
function stateCell(badge) {
  const shown = badgeState(badge);
  const cell = el("span", "compare__cell");
  // site.css marks the state with its shape.
  cell.appendChild(el("span", "state state--" + shown.state, shown.short));
  if (shown.detail) cell.appendChild(el("span", "compare__detail", shown.detail));
  if (badge.provenance) {
    cell.appendChild(el("span", "provenance provenance--" + provenanceClass(badge.provenance), badge.provenance));
  }
  return cell;
}

/** The table of `apps` (their API records) in a scrolling region; app pages are found from `siteBase`. */
export function compareTable(apps, siteBase) {
  const table = el("table", "compare__table");
  table.appendChild(el("caption", "", "Chosen apps side by side"));
  const head = el("thead");
  const headRow = el("tr");
  headRow.appendChild(el("td"));
  for (const app of apps) {
    const th = el("th");
    th.scope = "col";
    const link = el("a", "", text(app.name));
    link.href = new URL("apps/" + encodeURIComponent(app.id) + "/", siteBase).href;
    th.appendChild(link);
    headRow.appendChild(th);
  }
  head.appendChild(headRow);
  table.appendChild(head);

  const body = el("tbody");
  function row(label, cells) {
    const tr = el("tr");
    const th = el("th", "", label);
    th.scope = "row";
    tr.appendChild(th);
    for (const cell of cells) {
      const td = el("td");
      if (typeof cell === "string") td.textContent = cell;
      else td.appendChild(cell);
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  row("Partner", apps.map((app) => text(app.partner)));
  row("Partner tier", apps.map(tierText));
  row("Partner CAIQ-Lite grade", apps.map((app) => gradeText(app.grade)));
  // Badge rows in the order of the first app, then any badge only a later app has.
  for (const badgeRow of badgeRows(apps)) {
    row(badgeRow.name, badgeRow.cells.map((badge) => (badge ? stateCell(badge) : "—")));
  }
  table.appendChild(body);

  const scroll = el("div", "table-scroll");
  scroll.tabIndex = 0;
  scroll.setAttribute("role", "region");
  scroll.setAttribute("aria-label", "Comparison");
  scroll.appendChild(table);
  return scroll;
}
