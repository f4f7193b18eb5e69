/*
 * Pagefind's excerpt is the page's text escaped as HTML, with <mark> around the words that matched. It is read
 * back here as text, never parsed as HTML. Pure: the result card makes the nodes.
 */

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** `text` with HTML's character references undone: named ones Pagefind writes, and any numeric one. */
export function decodeEntities(text) {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (entity, name) => {
    if (name.charAt(0) !== "#") return Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : entity;
    const code = name.charAt(1).toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** The excerpt as a list of {text, marked}: the text between the marks, and whether a <mark> is around it. */
export function excerptParts(excerpt) {
  const parts = [];
  let inside = false;
  for (const part of String(excerpt || "").split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") {
      inside = true;
    } else if (part === "</mark>") {
      inside = false;
    } else if (part) {
      parts.push({ text: decodeEntities(part), marked: inside });
    }
  }
  return parts;
}
