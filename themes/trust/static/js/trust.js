/*
 * Trust Pages: progressive enhancement only. Every page works without this file:
 *  - listing filters (partners, apps): the full list is shown without it;
 *  - compare: the all-apps matrix is shown without it; with it, 2–4 chosen apps side by side;
 *  - "Copy" buttons for the badge embed snippets;
 *  - receipts (<details>) opened for printing.
 * No dependencies, no inline handlers (the CSP forbids them), no HTML strings: the DOM is built with
 * textContent, so nothing read from the API can become markup.
 */
(function () {
  "use strict";

  var STATES = ["earned", "expiring", "expired", "not-earned", "exempt", "retired"];
  var STATE_ICONS = {
    earned: "✓",
    expiring: "!",
    expired: "✕",
    "not-earned": "–",
    exempt: "○",
    retired: "⌀",
  };
  var STATE_SHORT = {
    earned: "Earned",
    expiring: "Expiring",
    expired: "Expired",
    "not-earned": "Not earned",
    exempt: "Exempt",
    retired: "Retired",
  };
  var STANDINGS = {
    "good-standing": "in good standing",
    "at-risk": "at risk",
    suspended: "suspended",
  };
  var MIN_APPS = 2;
  var MAX_APPS = 4;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* ---------- Listing filters ---------- */

  function tokens(item, key) {
    var value = item.dataset[key];
    return value ? value.split("|") : [];
  }

  function setUpFilters(form) {
    var list = document.getElementById(form.dataset.filters);
    if (!list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-filter-item]"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var count = document.querySelector("[data-filter-count]");
    var empty = document.querySelector("[data-filter-empty]");
    var initialCount = count ? count.textContent : "";
    var one = count ? count.dataset.nounOne : "item";
    var many = count ? count.dataset.nounMany : "items";

    // An option no item matches would only ever show an empty list: leave it out.
    selects.forEach(function (select) {
      Array.prototype.slice.call(select.options).forEach(function (option) {
        if (!option.value) return;
        var used = items.some(function (item) {
          return tokens(item, select.dataset.filter).indexOf(option.value) !== -1;
        });
        if (!used) option.remove();
      });
    });

    // Filters can be linked: ?tier=gold&grade=green
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (o) {
        return o.value === wanted;
      });
      if (wanted && known) select.value = wanted;
    });

    function apply() {
      var active = selects.filter(function (s) {
        return s.value;
      });
      var shown = 0;
      items.forEach(function (item) {
        var match = active.every(function (s) {
          return tokens(item, s.dataset.filter).indexOf(s.value) !== -1;
        });
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (count) {
        count.textContent = active.length
          ? "Showing " + shown + " of " + items.length + " " + (items.length === 1 ? one : many) + "."
          : initialCount;
      }
      if (empty) empty.hidden = shown !== 0;
      var query = new URLSearchParams();
      active.forEach(function (s) {
        query.set(s.name, s.value);
      });
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      // The form's controls are reset after this event: apply once they are.
      window.setTimeout(apply, 0);
    });
    form.hidden = false;
    apply();
  }

  /* ---------- Compare ---------- */

  // The API files are written by the site's build; their fields are read defensively.
  function text(value) {
    if (value === null || value === undefined || value === "") return "—";
    if (typeof value === "string" || typeof value === "number") return String(value);
    return value.name || value.label || value.title || value.id || "—";
  }

  function gradeText(grade) {
    if (!grade) return "Not assessed";
    if (typeof grade === "string") return grade.charAt(0).toUpperCase() + grade.slice(1);
    var colour = grade.grade ? grade.grade.charAt(0).toUpperCase() + grade.grade.slice(1) : "";
    return [colour, grade.label].filter(Boolean).join(" · ") || "Not assessed";
  }

  function tierText(app) {
    var tier = app.tier;
    if (!tier) return "No tier";
    var name = typeof tier === "string" ? tier.charAt(0).toUpperCase() + tier.slice(1) : tier.name || tier.id;
    var standing = typeof tier === "object" && tier.standing_label ? tier.standing_label : app.tier_standing;
    if (!standing) return name;
    return name + ", " + (STANDINGS[standing] || String(standing).replace(/-/g, " "));
  }

  // The short state as a label ("✓ Earned"), and the long one under it when it says more.
  function stateNodes(badge) {
    var state = STATES.indexOf(badge.state) !== -1 ? badge.state : "not-earned";
    var short = badge.state_short || STATE_SHORT[state];
    var node = el("span", "state state--" + state);
    var icon = el("span", "state__icon", STATE_ICONS[state]);
    icon.setAttribute("aria-hidden", "true");
    node.appendChild(icon);
    node.appendChild(document.createTextNode(" " + short));
    var nodes = [node];
    if (badge.state_label && badge.state_label !== short) {
      nodes.push(el("span", "compare__detail", badge.state_label));
    }
    return nodes;
  }

  function setUpCompare(root) {
    var apiBase = new URL(root.dataset.apiBase, document.baseURI);
    var siteBase = new URL(root.dataset.siteBase, document.baseURI);
    var form = root.querySelector("[data-compare-picker]");
    var status = root.querySelector("[data-compare-status]");
    var result = root.querySelector("[data-compare-result]");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=apps]"));
    var cache = {};
    var request = 0;

    function load(id) {
      if (!cache[id]) {
        cache[id] = fetch(new URL("apps/" + encodeURIComponent(id) + ".json", apiBase).href, {
          headers: { Accept: "application/json" },
        }).then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        });
        cache[id].catch(function () {
          delete cache[id];
        });
      }
      return cache[id];
    }

    function chosen() {
      return boxes
        .filter(function (b) {
          return b.checked;
        })
        .map(function (b) {
          return b.value;
        });
    }

    function nameOf(id) {
      var box = document.getElementById("pick-" + id);
      var label = box && form.querySelector("label[for='pick-" + id + "']");
      return label ? label.firstChild.textContent.trim() : id;
    }

    function render(apps) {
      var table = el("table", "compare__table");
      var caption = el("caption", "", "Chosen apps side by side");
      table.appendChild(caption);
      var head = el("thead");
      var headRow = el("tr");
      var corner = el("td");
      headRow.appendChild(corner);
      apps.forEach(function (app) {
        var th = el("th");
        th.scope = "col";
        var link = el("a", "", text(app.name));
        link.href = new URL("apps/" + encodeURIComponent(app.id) + "/", siteBase).href;
        th.appendChild(link);
        headRow.appendChild(th);
      });
      head.appendChild(headRow);
      table.appendChild(head);

      var body = el("tbody");
      function row(label, cells) {
        var tr = el("tr");
        var th = el("th", "", label);
        th.scope = "row";
        tr.appendChild(th);
        cells.forEach(function (cell) {
          var td = el("td");
          if (typeof cell === "string") td.textContent = cell;
          else td.appendChild(cell);
          tr.appendChild(td);
        });
        body.appendChild(tr);
      }
      row("Partner", apps.map(function (a) { return text(a.partner); }));
      row("Partner tier", apps.map(tierText));
      row("Partner CAIQ-Lite grade", apps.map(function (a) { return gradeText(a.grade); }));

      // Badge rows in the order of the first app, then any badge only a later app has.
      var order = [];
      var names = {};
      apps.forEach(function (app) {
        (app.badges || []).forEach(function (badge) {
          if (order.indexOf(badge.id) === -1) {
            order.push(badge.id);
            names[badge.id] = badge.name || badge.id;
          }
        });
      });
      order.forEach(function (id) {
        row(
          names[id],
          apps.map(function (app) {
            var badge = (app.badges || []).filter(function (b) { return b.id === id; })[0];
            if (!badge) return "—";
            var cell = el("span", "compare__cell");
            stateNodes(badge).forEach(function (node) {
              cell.appendChild(node);
            });
            if (badge.provenance) {
              cell.appendChild(el("span", "provenance provenance--" + (badge.provenance === "verified" ? "verified" : "self-attested"), badge.provenance));
            }
            return cell;
          })
        );
      });
      table.appendChild(body);

      var scroll = el("div", "table-scroll");
      scroll.tabIndex = 0;
      scroll.setAttribute("role", "region");
      scroll.setAttribute("aria-label", "Comparison");
      scroll.appendChild(table);
      result.replaceChildren(scroll);
    }

    function update() {
      var ids = chosen();
      var full = ids.length >= MAX_APPS;
      boxes.forEach(function (b) {
        b.disabled = full && !b.checked;
      });
      var query = ids.length ? "?apps=" + ids.map(encodeURIComponent).join(",") : "";
      window.history.replaceState(null, "", window.location.pathname + query + window.location.hash);

      var mine = ++request;
      if (ids.length < MIN_APPS) {
        result.replaceChildren();
        status.textContent = ids.length === 0 ? "Choose two to four apps." : "Choose at least one more app.";
        return;
      }
      status.textContent = "Loading " + ids.length + " apps…";
      Promise.allSettled(ids.map(load)).then(function (outcomes) {
        if (mine !== request) return; // a newer choice was made meanwhile
        var failed = [];
        var apps = [];
        outcomes.forEach(function (outcome, i) {
          if (outcome.status === "fulfilled") apps.push(outcome.value);
          else failed.push(nameOf(ids[i]));
        });
        if (apps.length) render(apps);
        else result.replaceChildren();
        var message = "Comparing " + apps.map(function (a) { return text(a.name); }).join(", ") + ": see the table below.";
        if (full) message += " That is the most you can compare: clear one to choose another.";
        if (failed.length) message = "Could not load the data of " + failed.join(", ") + ". " + (apps.length ? message : "");
        status.textContent = message;
      });
    }

    var wanted = (new URLSearchParams(window.location.search).get("apps") || "").split(",").filter(Boolean);
    wanted.slice(0, MAX_APPS).forEach(function (id) {
      var box = document.getElementById("pick-" + id);
      if (box && box.name === "apps") box.checked = true;
    });
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(update, 0);
    });
    root.hidden = false;
    update();
  }

  /* ---------- Copy buttons for embed snippets ---------- */

  function setUpCopy(pre) {
    if (!navigator.clipboard) return;
    var button = el("button", "button button--small", "Copy HTML");
    button.type = "button";
    var note = el("span", "copy-status");
    note.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.textContent).then(
        function () {
          note.textContent = "Copied.";
        },
        function () {
          note.textContent = "Could not copy: select the text and copy it.";
        }
      );
    });
    var bar = el("p", "copy-bar");
    bar.appendChild(button);
    bar.appendChild(note);
    pre.insertAdjacentElement("afterend", bar);
  }

  /* ---------- Receipts open on paper ---------- */

  function setUpPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.receipt:not([open])").forEach(function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) {
        d.open = false;
      });
      opened = [];
    });
  }

  document.querySelectorAll("form[data-filters]").forEach(setUpFilters);
  document.querySelectorAll("[data-compare]").forEach(setUpCompare);
  document.querySelectorAll("pre[data-copy]").forEach(setUpCopy);
  setUpPrint();
})();
