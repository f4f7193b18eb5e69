/*
 * Loading Pagefind: the bundles' list (pagefind/bundles.json, written by the build) is read from beside the
 * script the page gives (pagefind/pagefind.js, the first bundle's); each bundle's script is imported (one module
 * each: every bundle is an index of its own), told where its bundle and the site are, and the filters of all are
 * asked for once. The index returned answers as one index would (bundles.js merges the bundles' answers).
 */
import { bundleScripts, mergeAnswers, mergeFilters } from "./bundles.js";

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

function loadBundle(scriptUrl, siteRoot, pageOrigin) {
  return import(scriptUrl.href).then((pagefind) =>
    pagefind
      .options(bundleOptions(scriptUrl, siteRoot, pageOrigin))
      .then(() => pagefind.init())
      .then(() => pagefind)
  );
}

/** The bundles as one index: search, preload and filters over all of them. */
function mergedIndex(bundles) {
  return {
    search: (term, options = {}) =>
      Promise.all(bundles.map((bundle) => bundle.search(term, options))).then((answers) =>
        mergeAnswers(answers, options.sort)
      ),
    preload: (term, options = {}) => Promise.all(bundles.map((bundle) => bundle.preload(term, options))),
    filters: () => Promise.all(bundles.map((bundle) => bundle.filters())).then(mergeFilters),
  };
}

/**
 * Resolves to {pagefind, totals}: the index of every bundle, initialised, and the count of each filter value over
 * the whole index. Loading the filters makes every search return its counts per filter value.
 */
export function loadPagefind(scriptUrl, siteRoot, pageOrigin) {
  return fetch(new URL("bundles.json", scriptUrl).href)
    .then((response) => (response.ok ? response.json() : null))
    .then((listing) =>
      Promise.all(bundleScripts(scriptUrl, listing).map((script) => loadBundle(script, siteRoot, pageOrigin)))
    )
    .then((bundles) => {
      const pagefind = mergedIndex(bundles);
      return pagefind.filters().then((totals) => ({ pagefind, totals: totals || {} }));
    });
}
