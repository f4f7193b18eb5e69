/*
 * "Copy HTML" buttons under the badge embed snippets (pre[data-copy]), where the browser offers a clipboard.
 */
import { el } from "../elements.js";

/** Add a copy button, and the note that says whether it copied, after the snippet `pre`. */
export function setUpCopy(pre) {
  if (!navigator.clipboard) return;
  const button = el("button", "button button--small", "Copy HTML");
  button.type = "button";
  const note = el("span", "copy-status");
  note.setAttribute("aria-live", "polite");
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(pre.textContent).then(
      () => {
        note.textContent = "Copied.";
      },
      () => {
        note.textContent = "Could not copy: select the text and copy it.";
      }
    );
  });
  const bar = el("p", "copy-bar");
  bar.appendChild(button);
  bar.appendChild(note);
  pre.insertAdjacentElement("afterend", bar);
}
