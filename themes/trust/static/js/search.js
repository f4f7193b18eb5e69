/*
 * Trust Pages search: our own interface over Pagefind's JavaScript API (pagefind/pagefind.js, written by the
 * build). Pagefind's bundled UI is not used: it sets inline styles, which the site's CSP forbids.
 *
 *  - The query and the chosen filters live in the URL (?q=acme&tier=Gold&badge=SOC+2+Type+2&sort=name), so
 *    a search can be linked to, and the header's search box (a plain GET form) lands here.
 *  - Facets are laid out by the template; this script fills in their counts. Within one facet the values
 *    are alternatives (Gold or Silver), across facets all must hold (Gold and Green).
 *  - Pagefind forgives no misspelling: it leaves out of a search any word that matches nothing ("acme snyc"
 *    finds what "acme" finds), and searches for a shorter beginning of a word it does not know ("cloudwroks"
 *    finds "cloud"). When nothing is found, or a word typed begins no word of the results, and only then,
 *    search/names.json is fetched and the names closest to what was typed are offered ("Did you mean Acme
 *    Sync?"), with the search its misspelt words corrected ("acme sync") when that finds something.
 *  - Everything read from the index is inserted as text, never as markup; the excerpt's <mark> elements
 *    are rebuilt from its text.
 * The page works under any path: every address comes from the data-search-* attributes of the template.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-search]");
  if (!root) return;

  var PAGE_SIZE = 20;
  var DEBOUNCE_MS = 200;
  var MAX_BADGES = 4;
  var MAX_SUB_RESULTS = 3;
  var MAX_SUGGESTIONS = 3;
  // A name is suggested when it is at least this close to what was typed (0: nothing alike, 1: the same).
  var SUGGESTION_THRESHOLD = 0.7;
  // Every word typed must come at least this close to some word of a suggested name.
  var WORD_THRESHOLD = 0.6;
  var KIND_ORDER = ["Partner", "App", "Badge", "Tier", "Page"];
  var CLASS_TOKEN = /^[a-z0-9-]+$/;

  var siteRoot = new URL(root.dataset.searchRoot, document.baseURI);
  var scriptUrl = new URL(root.dataset.searchScript, document.baseURI);
  var namesUrl = new URL(root.dataset.searchNames, document.baseURI);

  var form = document.getElementById("search-form");
  var input = form.querySelector("input[name=q]");
  var sortSelect = root.querySelector("[data-search-sort]");
  var filtersBox = root.querySelector("[data-search-filters]");
  var activeNote = root.querySelector("[data-search-active]");
  var statusNode = root.querySelector("[data-search-status]");
  var suggestionsBox = root.querySelector("[data-search-suggestions]");
  var list = root.querySelector("[data-search-results]");
  var moreBar = root.querySelector("[data-search-more-bar]");
  var moreButton = root.querySelector("[data-search-more]");
  var emptyBox = root.querySelector("[data-search-empty]");
  var emptyFilters = root.querySelector("[data-search-empty-filters]");
  var errorBox = root.querySelector("[data-search-error]");
  var baseTitle = document.title;

  var facets = Array.prototype.map.call(root.querySelectorAll("[data-facet]"), function (fieldset) {
    return {
      key: fieldset.dataset.facet,
      boxes: Array.prototype.slice.call(fieldset.querySelectorAll("input[type=checkbox]")),
    };
  });

  var pagefind = null;
  var totals = {};
  var request = 0;
  var timer = null;
  var results = [];
  var shown = 0;
  var namesPromise = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  /* ---------- State: the form and the URL ---------- */

  function currentState() {
    var chosen = {};
    facets.forEach(function (facet) {
      var values = facet.boxes
        .filter(function (box) {
          return box.checked;
        })
        .map(function (box) {
          return box.value;
        });
      if (values.length) chosen[facet.key] = values;
    });
    return { term: input.value.trim(), filters: chosen, sort: sortSelect.value };
  }

  function filterCount(filters) {
    return Object.keys(filters).reduce(function (sum, key) {
      return sum + filters[key].length;
    }, 0);
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    facets.forEach(function (facet) {
      var wanted = params.getAll(facet.key);
      facet.boxes.forEach(function (box) {
        box.checked = wanted.indexOf(box.value) !== -1;
      });
    });
    sortSelect.value = params.get("sort") === "name" ? "name" : "";
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    if (state.term) params.set("q", state.term);
    Object.keys(state.filters).forEach(function (key) {
      state.filters[key].forEach(function (value) {
        params.append(key, value);
      });
    });
    if (state.sort) params.set("sort", state.sort);
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    document.title = state.term ? "“" + state.term + "” · " + baseTitle : baseTitle;
  }

  // Pagefind's filter object: any of the chosen values within a facet, every facet.
  function pagefindFilters(filters, except) {
    var result = {};
    Object.keys(filters).forEach(function (key) {
      if (key !== except) result[key] = { any: filters[key] };
    });
    return result;
  }

  /* ---------- Facet counts ---------- */

  // For a facet with values chosen, its counts are those of the search without its own choice, so that
  // "Silver (3)" still says what choosing Silver as well as Gold would add.
  function facetCounts(state, search) {
    return Promise.all(
      facets.map(function (facet) {
        if (!state.filters[facet.key]) return Promise.resolve(search.filters || {});
        var others = pagefindFilters(state.filters, facet.key);
        if (!state.term && !Object.keys(others).length) return Promise.resolve(totals);
        return pagefind.search(state.term || null, { filters: others }).then(function (without) {
          return without.filters || {};
        });
      })
    ).then(function (perFacet) {
      var counts = {};
      facets.forEach(function (facet, i) {
        counts[facet.key] = perFacet[i][facet.key] || {};
      });
      return counts;
    });
  }

  function showCounts(counts) {
    facets.forEach(function (facet) {
      var values = counts[facet.key] || {};
      facet.boxes.forEach(function (box) {
        var count = values[box.value] || 0;
        var label = root.querySelector("label[for='" + box.id + "']");
        var span = label && label.querySelector("[data-facet-count]");
        if (span) span.textContent = "(" + count + ")";
        // A value that would empty the results is shown, but cannot be chosen (unless it already is).
        box.disabled = count === 0 && !box.checked;
      });
    });
  }

  function showActive(state) {
    var count = filterCount(state.filters);
    activeNote.textContent = count ? "(" + count + " chosen)" : "";
  }

  /* ---------- Results ---------- */

  function siteUrl(path) {
    return new URL(path, siteRoot).href;
  }

  // Pagefind's excerpt is HTML-escaped text with <mark> around the matches: rebuild it as nodes.
  function excerptNodes(excerpt) {
    var nodes = [];
    var inside = false;
    String(excerpt || "")
      .split(/(<mark>|<\/mark>)/)
      .forEach(function (part) {
        if (part === "<mark>") {
          inside = true;
        } else if (part === "</mark>") {
          inside = false;
        } else if (part) {
          var text = decodeEntities(part);
          nodes.push(inside ? el("mark", "", text) : document.createTextNode(text));
        }
      });
    return nodes;
  }

  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  // Pagefind escapes the page's text as HTML before it adds <mark>: undo that, as text, without parsing HTML.
  function decodeEntities(text) {
    return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, function (entity, name) {
      if (name.charAt(0) !== "#") return Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : entity;
      var code = name.charAt(1).toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    });
  }

  function logo(meta) {
    if (meta.logo) {
      var img = el("img", "logo logo--sm");
      img.src = siteUrl(meta.logo);
      // The name is next to it: the logo adds nothing for a screen reader.
      img.alt = "";
      img.width = 64;
      img.height = 64;
      img.loading = "lazy";
      return img;
    }
    if (meta.initials) {
      var initials = el("span", "logo logo--sm logo--initials", meta.initials);
      initials.setAttribute("aria-hidden", "true");
      return initials;
    }
    return null;
  }

  function token(value, fallback) {
    return CLASS_TOKEN.test(value || "") ? value : fallback;
  }

  function facts(meta) {
    var dl = el("dl", "facts search-result__facts");
    function fact(term, node, extra) {
      var div = el("div");
      div.appendChild(el("dt", "", term));
      var dd = el("dd");
      dd.appendChild(node);
      if (extra) {
        dd.appendChild(document.createTextNode(" "));
        dd.appendChild(extra);
      }
      div.appendChild(dd);
      dl.appendChild(div);
    }
    if (meta.tier) {
      var standing = meta.standing
        ? el("span", "standing standing--" + token(meta.standing_id, "at-risk"), meta.standing)
        : null;
      fact(meta.kind === "App" ? "Partner tier" : "Tier", el("span", "tier tier--" + token(meta.tier_id, "none"), meta.tier), standing);
    }
    if (meta.grade) {
      var grade = el("span", "grade grade--" + token(meta.grade_id, "none"));
      var dot = el("span", "grade__dot");
      dot.setAttribute("aria-hidden", "true");
      grade.appendChild(dot);
      grade.appendChild(document.createTextNode(meta.grade));
      fact(meta.kind === "App" ? "Partner CAIQ-Lite" : "CAIQ-Lite", grade);
    }
    return dl.childNodes.length ? dl : null;
  }

  function badgeList(meta) {
    if (!meta.badges) return null;
    var names = meta.badges.split("|");
    var ul = el("ul", "search-result__badges");
    ul.setAttribute("aria-label", "Badges held");
    names.slice(0, MAX_BADGES).forEach(function (name) {
      ul.appendChild(el("li", "chip", name));
    });
    if (names.length > MAX_BADGES) {
      ul.appendChild(el("li", "chip chip--more", "and " + (names.length - MAX_BADGES) + " more"));
    }
    return ul;
  }

  function subResults(data) {
    // Sections are worth listing on the long content pages; on a record page they would repeat its card.
    if ((data.meta || {}).kind !== "Page") return null;
    var subs = (data.sub_results || []).filter(function (sub) {
      return sub.url && sub.url.indexOf("#") !== -1 && sub.title && sub.title !== (data.meta || {}).title;
    });
    if (!subs.length) return null;
    var ul = el("ul", "search-result__sections");
    ul.setAttribute("aria-label", "Matching sections");
    subs.slice(0, MAX_SUB_RESULTS).forEach(function (sub) {
      var li = el("li");
      var link = el("a", "", sub.title);
      link.href = sub.url;
      li.appendChild(link);
      ul.appendChild(li);
    });
    return ul;
  }

  function card(data) {
    var meta = data.meta || {};
    var li = el("li", "card search-result");
    var head = el("div", "search-result__head");
    var image = logo(meta);
    if (image) head.appendChild(image);
    var heading = el("div", "search-result__heading");
    var title = el("h3", "search-result__title");
    var link = el("a", "", meta.title || data.url);
    link.href = data.url;
    title.appendChild(link);
    heading.appendChild(title);
    var sub = el("p", "search-result__sub");
    sub.appendChild(el("span", "search-result__kind", meta.kind || "Page"));
    if (meta.partner) sub.appendChild(document.createTextNode(" by " + meta.partner));
    if (meta.level) sub.appendChild(document.createTextNode(" · " + meta.level));
    heading.appendChild(sub);
    head.appendChild(heading);
    li.appendChild(head);
    var excerpt = excerptNodes(data.excerpt);
    if (excerpt.length) {
      var p = el("p", "search-result__excerpt");
      excerpt.forEach(function (node) {
        p.appendChild(node);
      });
      li.appendChild(p);
    }
    [facts(meta), badgeList(meta), subResults(data)].forEach(function (node) {
      if (node) li.appendChild(node);
    });
    return li;
  }

  function showMore(mine) {
    var slice = results.slice(shown, shown + PAGE_SIZE);
    return Promise.all(
      slice.map(function (result) {
        return result.data();
      })
    ).then(function (items) {
      if (mine !== request) return { first: null, items: [] };
      var first = null;
      items.forEach(function (data) {
        var item = card(data);
        first = first || item;
        list.appendChild(item);
      });
      shown += items.length;
      moreBar.hidden = shown >= results.length;
      return { first: first, items: items };
    });
  }

  function describe(state, count, unmatched) {
    var what = state.term ? " for “" + state.term + "”" : "";
    var filters = filterCount(state.filters);
    var within = filters ? " with " + plural(filters, "filter", "filters") : "";
    var order = state.sort === "name" || !state.term ? ", sorted by name" : "";
    var missing = unmatched && unmatched.length
      ? " (" + unmatched.map(function (word) { return "“" + word + "”"; }).join(", ") + " matched nothing)"
      : "";
    return plural(count, "result", "results") + what + within + missing + order + ".";
  }

  // The words typed that begin no word of the results shown: Pagefind matched something shorter, or a stem.
  function unconfirmedWords(term, items) {
    var seen = {};
    items.forEach(function (data) {
      words(data.content || "").forEach(function (word) {
        seen[word] = true;
      });
    });
    var known = Object.keys(seen);
    return words(term).filter(function (typed) {
      return !known.some(function (word) {
        return word.indexOf(typed) === 0;
      });
    });
  }

  // The words of a search that match no page at all, which Pagefind leaves out of the search.
  function unmatchedWords(term) {
    var typed = term.split(/\s+/).filter(function (word, i, all) {
      return /[\p{L}\p{N}]/u.test(word) && all.indexOf(word) === i;
    });
    if (typed.length < 2) return Promise.resolve([]);
    return Promise.all(
      typed.map(function (word) {
        return pagefind.search(word).then(function (alone) {
          return alone.results.length ? null : word;
        });
      })
    ).then(function (missing) {
      return missing.filter(Boolean);
    });
  }

  function reset() {
    list.replaceChildren();
    suggestionsBox.replaceChildren();
    suggestionsBox.hidden = true;
    emptyBox.hidden = true;
    moreBar.hidden = true;
    results = [];
    shown = 0;
  }

  function run() {
    window.clearTimeout(timer);
    // Until the index is loaded there is nothing to search: start() runs the search once it is.
    if (!pagefind) return Promise.resolve();
    var mine = ++request;
    var state = currentState();
    writeUrl(state);
    showActive(state);
    if (!state.term && !filterCount(state.filters)) {
      reset();
      showCounts(totals);
      statusNode.textContent = "Type a name, or choose a filter.";
      return Promise.resolve();
    }
    var options = { filters: pagefindFilters(state.filters) };
    // Without words to match there is no best match: list by name.
    if (state.sort === "name" || !state.term) options.sort = { name: "asc" };
    return pagefind
      .search(state.term || null, options)
      .then(function (search) {
        if (mine !== request) return null;
        return facetCounts(state, search).then(function (counts) {
          if (mine !== request) return null;
          reset();
          showCounts(counts);
          results = search.results;
          if (!results.length) return showNothing(state, search, mine);
          return Promise.all([showMore(mine), unmatchedWords(state.term)]).then(function (done) {
            if (mine !== request) return null;
            var unmatched = done[1];
            statusNode.textContent = describe(state, results.length, unmatched);
            // Pagefind leaves out a word that matches nothing, and searches for a shorter beginning of a word
            // it does not know ("cloudwroks" finds "cloud"): in both cases, say so and offer the names meant.
            var doubtful = unmatched.length || unconfirmedWords(state.term, done[0].items).length;
            return doubtful ? offerSuggestions(state, mine, statusNode.textContent) : null;
          });
        });
      })
      .catch(fail);
  }

  function schedule() {
    window.clearTimeout(timer);
    if (pagefind && input.value.trim()) pagefind.preload(input.value.trim());
    timer = window.setTimeout(run, DEBOUNCE_MS);
  }

  /* ---------- Nothing found: guidance and "Did you mean …?" ---------- */

  function showNothing(state, search, mine) {
    emptyBox.hidden = false;
    var filters = filterCount(state.filters);
    emptyFilters.hidden = !filters;
    var message = "No results" + (state.term ? " for “" + state.term + "”" : "");
    if (filters && search.unfilteredResultCount) {
      message += " with these filters; " + plural(search.unfilteredResultCount, "result", "results") + " without them";
    }
    statusNode.textContent = message + ".";
    return state.term ? offerSuggestions(state, mine, statusNode.textContent) : null;
  }

  // "Did you mean …?": the closest names, and the search with each unknown word corrected, if it finds anything.
  function offerSuggestions(state, mine, message) {
    return loadNames()
      .then(function (names) {
        if (mine !== request) return null;
        var found = suggest(state.term, names);
        var corrected = correctTerm(state.term, names);
        var check = corrected ? pagefind.search(corrected, { filters: pagefindFilters(state.filters) }) : Promise.resolve(null);
        return check.then(function (again) {
          if (mine !== request) return;
          var count = again ? again.results.length : 0;
          showSuggestions(found, count ? corrected : null, count);
          if (found.length) {
            statusNode.textContent = message + " Did you mean " + found.map(function (n) { return n.name; }).join(", or ") + "?";
          } else if (count) {
            statusNode.textContent = message + " Did you mean “" + corrected + "”?";
          }
        });
      })
      .catch(function () {
        // Suggestions are a help, not the search: without them the results or the guidance still stand.
      });
  }

  function loadNames() {
    if (!namesPromise) {
      namesPromise = fetch(namesUrl.href, { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (document) {
          return Array.isArray(document.names) ? document.names : [];
        });
      namesPromise.catch(function () {
        namesPromise = null;
      });
    }
    return namesPromise;
  }

  function showSuggestions(found, corrected, count) {
    suggestionsBox.replaceChildren();
    if (!found.length && !corrected) return;
    if (found.length) {
      var p = el("p", "search__suggestion");
      p.appendChild(document.createTextNode("Did you mean "));
      found.forEach(function (name, i) {
        if (i) p.appendChild(document.createTextNode(i === found.length - 1 ? ", or " : ", "));
        var link = el("a", "", name.name);
        link.href = siteUrl(name.url);
        p.appendChild(link);
        p.appendChild(document.createTextNode(" (" + String(name.kind).toLowerCase() + ")"));
      });
      p.appendChild(document.createTextNode("?"));
      suggestionsBox.appendChild(p);
    }
    if (corrected) {
      // The link names the search it runs, so that it never reads like the link to a name above it.
      var again = el("p", "search__suggestion");
      again.appendChild(document.createTextNode(found.length ? "Or " : "Did you mean “" + corrected + "”? "));
      var link = el("a", "", (found.length ? "search for “" : "Search for “") + corrected + "”");
      var url = new URL(window.location.href);
      url.searchParams.set("q", corrected);
      link.href = url.href;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        input.value = corrected;
        run();
        input.focus();
      });
      again.appendChild(link);
      again.appendChild(document.createTextNode(" (" + plural(count, "result", "results") + ")."));
      suggestionsBox.appendChild(again);
    }
    suggestionsBox.hidden = false;
  }

  function words(text) {
    return String(text)
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  }

  // Damerau–Levenshtein distance (optimal string alignment): "snyc" is one transposition from "sync".
  function distance(a, b) {
    var rows = [];
    var i;
    var j;
    for (i = 0; i <= a.length; i += 1) rows.push([i]);
    for (j = 1; j <= b.length; j += 1) rows[0].push(j);
    for (i = 1; i <= a.length; i += 1) {
      for (j = 1; j <= b.length; j += 1) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          best = Math.min(best, rows[i - 2][j - 2] + 1);
        }
        rows[i][j] = best;
      }
    }
    return rows[a.length][b.length];
  }

  function similarity(a, b) {
    return 1 - distance(a, b) / Math.max(a.length, b.length, 1);
  }

  // How close one typed word is to one word of a name: the same, its beginning, or a misspelling of either.
  function wordScore(typed, word) {
    if (typed === word) return 1;
    if (typed.length >= 2 && word.indexOf(typed) === 0) return 0.95;
    var score = similarity(typed, word);
    if (typed.length >= 3 && word.length > typed.length) {
      score = Math.max(score, similarity(typed, word.slice(0, typed.length)) - 0.1);
    }
    return score;
  }

  function nameScore(typedWords, name) {
    var nameWords = words(name);
    if (!typedWords.length || !nameWords.length) return 0;
    var total = 0;
    for (var i = 0; i < typedWords.length; i += 1) {
      var best = 0;
      for (var j = 0; j < nameWords.length; j += 1) best = Math.max(best, wordScore(typedWords[i], nameWords[j]));
      if (best < WORD_THRESHOLD) {
        total = -1;
        break;
      }
      total += best;
    }
    var byWords = total < 0 ? 0 : total / typedWords.length;
    // Spaces typed in the wrong place ("acmesync", "acme cloud works") are caught on the whole name.
    var whole = similarity(typedWords.join(""), nameWords.join(""));
    return Math.max(byWords, whole);
  }

  function suggest(term, names) {
    var typed = words(term);
    return names
      .map(function (name) {
        return { name: name.name, kind: name.kind, url: name.url, score: nameScore(typed, name.name) };
      })
      .filter(function (name) {
        return name.score >= SUGGESTION_THRESHOLD && name.name.toLowerCase() !== term.toLowerCase();
      })
      .sort(function (a, b) {
        return (
          b.score - a.score ||
          KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
          a.name.localeCompare(b.name)
        );
      })
      .slice(0, MAX_SUGGESTIONS);
  }

  // The query with each word that begins no known name word replaced by the closest one: "acme snyc" → "acme sync".
  function correctTerm(term, names) {
    var vocabulary = {};
    names.forEach(function (name) {
      words(name.name).forEach(function (word) {
        vocabulary[word] = true;
      });
    });
    var known = Object.keys(vocabulary).sort();
    var changed = false;
    var corrected = words(term).map(function (typed) {
      var begins = known.some(function (word) {
        return word.indexOf(typed) === 0;
      });
      if (begins) return typed;
      var best = null;
      var bestScore = WORD_THRESHOLD;
      known.forEach(function (word) {
        var score = wordScore(typed, word);
        if (score > bestScore) {
          best = word;
          bestScore = score;
        }
      });
      if (!best) return typed;
      changed = true;
      return best;
    });
    return changed ? corrected.join(" ") : null;
  }

  /* ---------- Start ---------- */

  function fail() {
    errorBox.hidden = false;
    statusNode.textContent = "Search could not start.";
  }

  function clearFilters() {
    facets.forEach(function (facet) {
      facet.boxes.forEach(function (box) {
        box.checked = false;
      });
    });
    run();
    input.focus();
  }

  function start() {
    readUrl();
    var state = currentState();
    // Open on wide screens, and wherever filters are already chosen; a closed list saves a phone's screen.
    filtersBox.open = window.matchMedia("(min-width: 52rem)").matches || filterCount(state.filters) > 0;
    showActive(state);
    root.hidden = false;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    input.addEventListener("input", schedule);
    root.addEventListener("change", function (event) {
      if (event.target === input) return;
      run();
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-search-clear]"), function (button) {
      button.addEventListener("click", clearFilters);
    });
    moreButton.addEventListener("click", function () {
      showMore(request).then(function (loaded) {
        // Keyboard users go on from the first result just loaded, not from the top of the list.
        var link = loaded.first && loaded.first.querySelector("a");
        if (link) link.focus();
      });
    });

    statusNode.textContent = "Loading the search index…";
    var bundlePath = new URL("./", scriptUrl).href;
    var baseUrl = siteRoot.origin === window.location.origin ? siteRoot.pathname : siteRoot.href;
    import(scriptUrl.href)
      .then(function (module) {
        return module
          .options({ bundlePath: bundlePath, baseUrl: baseUrl })
          .then(function () {
            return module.init();
          })
          .then(function () {
            // Loading the filters makes every search return its counts per filter value.
            return module.filters();
          })
          .then(function (all) {
            pagefind = module;
            totals = all || {};
            return run();
          });
      })
      .catch(fail);
  }

  start();
})();
