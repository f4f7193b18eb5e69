/*
 * Receipts on paper: every closed receipt (details.receipt) opens for printing, and closes again after.
 */

/** Open the closed receipts before printing, and close those again afterwards. */
export function setUpPrint() {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    for (const details of document.querySelectorAll("details.receipt:not([open])")) {
      details.open = true;
      opened.push(details);
    }
  });
  window.addEventListener("afterprint", () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
}
