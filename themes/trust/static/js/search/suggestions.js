/*
 * The "Did you mean …?" box: links to the names suggested, and a link that runs the corrected search.
 */
import { el } from "../elements.js";
import { withTerm } from "./address.js";
import { plural } from "./messages.js";

/**
 * Fill `box` with the names `found` ({name, kind, url}, found from `siteRoot`) and, if not null, the corrected
 * search `corrected` with its `count` of results; `onSearch(corrected)` runs it. Hidden when there is neither.
 */
export function showSuggestions(box, { found, corrected, count, siteRoot, onSearch }) {
  box.replaceChildren();
  if (!found.length && !corrected) return;
  if (found.length) {
    const p = el("p", "search__suggestion");
    p.appendChild(document.createTextNode("Did you mean "));
    found.forEach((name, i) => {
      if (i) p.appendChild(document.createTextNode(i === found.length - 1 ? ", or " : ", "));
      const link = el("a", "", name.name);
      link.href = new URL(name.url, siteRoot).href;
      p.appendChild(link);
      p.appendChild(document.createTextNode(" (" + String(name.kind).toLowerCase() + ")"));
    });
    p.appendChild(document.createTextNode("?"));
    box.appendChild(p);
  }
  if (corrected) {
    // The link names the search it runs, so that it never reads like the link to a name above it.
    const again = el("p", "search__suggestion");
    again.appendChild(document.createTextNode(found.length ? "Or " : "Did you mean “" + corrected + "”? "));
    const link = el("a", "", (found.length ? "search for “" : "Search for “") + corrected + "”");
    link.href = withTerm(window.location.href, corrected);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      onSearch(corrected);
    });
    again.appendChild(link);
    again.appendChild(document.createTextNode(" (" + plural(count, "result", "results") + ")."));
    box.appendChild(again);
  }
  box.hidden = false;
}
