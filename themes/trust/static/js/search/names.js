/*
 * The names "Did you mean …?" chooses from (search/names.json, written by the build): fetched only once a search
 * is in doubt, and then once; after a failure the next search in doubt tries again.
 */

/** A function that resolves to the list of names ({name, kind, url}) published at `url`. */
export function namesLoader(url) {
  let pending = null;
  return function loadNames() {
    if (!pending) {
      pending = fetch(url, { headers: { Accept: "application/json" } })
        .then((response) => {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then((document) => (Array.isArray(document.names) ? document.names : []));
      pending.catch(() => {
        pending = null;
      });
    }
    return pending;
  };
}
