/*
 * Loading Pagefind: the bundles' list (pagefind/bundles.json, written by the build) is read from beside the
 * script the page gives (pagefind/pagefind.js, the first bundle's). That script is imported once, told where its
 * bundle and the site are, and every other bundle is merged into it (Pagefind's mergeIndex): one script, one
 * worker and one WebAssembly module search them all, where a script imported per bundle would fetch each of them
 * once per bundle. The filters of all are asked for once. The index returned answers as one index would
 * (bundles.js).
 */
import { bundleScripts, bundleTag, inBundle, pageAnswer, sortedAnswer, withoutBundles } from "./bundles.js";

/**
 * Pagefind's options for a bundle whose script is at `scriptUrl` on a site at `siteRoot` (URLs), seen from a page
 * of `pageOrigin`: on the same origin the site's path is enough, so result addresses stay relative to the host.
 */
export function bundleOptions(scriptUrl, siteRoot, pageOrigin) {
  return {
    bundlePath: new URL("./", scriptUrl).href,
    baseUrl: siteRoot.origin === pageOrigin ? siteRoot.pathname : siteRoot.href,
  };
}

/** Pagefind with every bundle merged into the first; each bundle's pages tagged with its place in the list. */
function loadBundles(scripts, siteRoot, pageOrigin) {
  const [first, ...others] = scripts.map((script) => bundleOptions(script, siteRoot, pageOrigin));
  return import(scripts[0].href).then((pagefind) =>
    pagefind
      .options({ ...first, mergeFilter: bundleTag(0) })
      .then(() => pagefind.init())
      .then(() =>
        Promise.all(
          others.map((bundle, i) =>
            pagefind.mergeIndex(bundle.bundlePath, { baseUrl: bundle.baseUrl, mergeFilter: bundleTag(i + 1) })
          )
        )
      )
      .then(() => pagefind)
  );
}

/** The bundles as one index: search, preload and filters over all of them. */
function mergedIndex(pagefind, bundleCount) {
  const search = (term, options = {}) => {
    const sort = options.sort && Object.keys(options.sort).length ? options.sort : null;
    if (!sort || bundleCount === 1) return pagefind.search(term, options).then(pageAnswer);
    // Pagefind ranks a merged answer by score; sorted, each bundle's results are asked for apart, in order.
    const perBundle = Array.from({ length: bundleCount }, (_unused, position) =>
      pagefind.search(term, { ...options, filters: inBundle(options.filters, position) })
    );
    return Promise.all([pagefind.search(term, options), ...perBundle]).then(([whole, ...answers]) =>
      sortedAnswer(whole, answers, sort)
    );
  };
  return {
    search,
    preload: (term, options = {}) => pagefind.preload(term, options),
    filters: () => pagefind.filters().then(withoutBundles),
  };
}

/**
 * Resolves to {pagefind, totals}: the index of every bundle, initialised, and the count of each filter value over
 * the whole index. Loading the filters makes every search return its counts per filter value.
 */
export function loadPagefind(scriptUrl, siteRoot, pageOrigin) {
  return fetch(new URL("bundles.json", scriptUrl).href)
    .then((response) => (response.ok ? response.json() : null))
    .then((listing) => {
      const scripts = bundleScripts(scriptUrl, listing);
      return loadBundles(scripts, siteRoot, pageOrigin).then((pagefind) => mergedIndex(pagefind, scripts.length));
    })
    .then((pagefind) => pagefind.filters().then((totals) => ({ pagefind, totals: totals || {} })));
}
