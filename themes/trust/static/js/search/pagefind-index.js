/*
 * Loading Pagefind: its script (pagefind/pagefind.js, written by the build) is imported from the address the
 * page gives, told where its bundle and the site are, and asked for its filters once.
 */

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

/**
 * Resolves to {pagefind, totals}: Pagefind's module, initialised, and the count of each filter value over the
 * whole index. Loading the filters makes every search return its counts per filter value.
 */
export function loadPagefind(scriptUrl, siteRoot, pageOrigin) {
  return import(scriptUrl.href).then((pagefind) =>
    pagefind
      .options(bundleOptions(scriptUrl, siteRoot, pageOrigin))
      .then(() => pagefind.init())
      .then(() => pagefind.filters())
      .then((totals) => ({ pagefind, totals: totals || {} }))
  );
}
