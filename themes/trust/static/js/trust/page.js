/*
 * Trust Pages: progressive enhancement only. Every page works without these modules:
 *  - listing filters (partners, apps): the full list is shown without them;
 *  - compare: the all-apps matrix is shown without them; with them, 2–4 chosen apps side by side;
 *  - "Copy" buttons for the badge embed snippets;
 *  - receipts (<details>) opened for printing.
 * No dependencies, no inline handlers (the CSP forbids them), no HTML strings: the DOM is built with
 * textContent, so nothing read from the API can become markup.
 */
import { setUpCompare } from "./compare-picker.js";
import { setUpCopy } from "./copy-buttons.js";
import { setUpFilters } from "./listing-filters.js";
import { setUpPrint } from "./print-receipts.js";

document.querySelectorAll("form[data-filters]").forEach(setUpFilters);
document.querySelectorAll("[data-compare]").forEach(setUpCompare);
document.querySelectorAll("pre[data-copy]").forEach(setUpCopy);
setUpPrint();
