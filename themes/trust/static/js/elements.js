/*
 * Elements are built with their text as text, never from HTML strings: nothing read from the search index or
 * the API can become markup.
 */

/** An element of `tag`, with `className` if given and `text` (any value, as a string) as its only content. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
