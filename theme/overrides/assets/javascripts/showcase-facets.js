/* Facets of a directory page: filter the grouped list in place.

   The page is complete without this script: every record, grouped, and the form hidden.
   Here the form is shown. Values ticked within one facet widen the choice (any of them);
   facets narrow it (all of them). Each value shows how many records it would leave,
   given the other facets; a value that would leave none is disabled unless ticked.
   The choice lives in the URL (?field=vr,edu&year=2024), so a filtered view can be
   shared and bookmarked, and it survives a reload. The records kept are shown a page
   (data-page) at a time, with a button for more: showing or hiding thousands of
   records at once costs the browser seconds, a few hundred a few milliseconds.

   Each record (.sc-item) carries its values in data-f: per facet, in the form's order,
   the positions of its values among that facet's checkboxes ("3 0 5 - 1,4"; "-" for
   none). A fieldset with data-facet-attr reads its one value from that attribute of the
   record instead (the points' data-open="week", set by showcase-visit.js). */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  /* Change the page only where it changes: each write costs the browser a restyle. */
  function write(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  function setup(form) {
    var directory = form.closest(".sc-directory") || document;
    var strings = JSON.parse(form.getAttribute("data-strings"));
    var summary = form.querySelector(".sc-facets__summary");
    var empty = directory.querySelector(".sc-facets__empty");
    var groups = Array.prototype.slice.call(directory.querySelectorAll("[data-filter-group]"));
    var more = directory.querySelector(".sc-facets__more");
    var page = Number(form.getAttribute("data-page")) || Infinity;  // records shown at a time
    var limit = page;

    var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"),
      function (fieldset) {
        var boxes = Array.prototype.slice.call(fieldset.querySelectorAll("input[type=checkbox]"));
        return {
          name: fieldset.getAttribute("data-facet"),
          attribute: fieldset.getAttribute("data-facet-attr"),
          boxes: boxes,
          values: boxes.map(function (box) { return box.value; }),
          counts: boxes.map(function (box) { return box.parentNode.querySelector(".sc-facet__count"); }),
          chosen: fieldset.parentNode.querySelector(".sc-facet__chosen")
        };
      });
    var coded = facets.filter(function (facet) { return !facet.attribute; });

    var records = Array.prototype.map.call(directory.querySelectorAll(".sc-item[data-f]"),
      function (element) {
        var codes = element.getAttribute("data-f").split(" ");
        return {
          element: element,
          group: element.closest("[data-filter-group]"),
          has: facets.map(function (facet) {
            if (facet.attribute) {
              var at = facet.values.indexOf(element.getAttribute(facet.attribute));
              return at < 0 ? [] : [at];
            }
            var code = codes[coded.indexOf(facet)];
            return !code || code === "-" ? [] : code.split(",").map(Number);
          })
        };
      });

    function ticked(facet) {
      return facet.boxes.map(function (box) { return box.checked; });
    }

    function matches(record, chosen, k) {
      var on = chosen[k];
      if (on.indexOf(true) < 0) return true;
      return record.has[k].some(function (at) { return on[at]; });
    }

    function apply() {
      var chosen = facets.map(ticked);
      var counts = facets.map(function (facet) { return facet.values.map(function () { return 0; }); });
      var found = 0, perGroup = new Map();
      records.forEach(function (record) {
        var failing = -1, fails = 0;
        for (var k = 0; k < facets.length && fails < 2; k++) {
          if (!matches(record, chosen, k)) { failing = k; fails++; }
        }
        // a record counts for a facet's values if it passes every other facet
        for (k = 0; k < facets.length; k++) {
          if (fails === 0 || (fails === 1 && failing === k)) {
            record.has[k].forEach(function (at) { counts[k][at]++; });
          }
        }
        // the first `limit` records kept are shown: a choice redraws a few hundred
        // records, not ten thousand
        var keep = fails === 0 && found < limit;
        if (record.element.hidden === keep) record.element.hidden = !keep;
        if (fails === 0) {
          found++;
          perGroup.set(record.group, (perGroup.get(record.group) || 0) + 1);
        }
      });
      var shown = Math.min(found, limit);
      facets.forEach(function (facet, k) {
        var picked = 0;
        facet.boxes.forEach(function (box, at) {
          if (facet.counts[at]) write(facet.counts[at], String(counts[k][at]));
          var disabled = !box.checked && counts[k][at] === 0;
          if (box.disabled !== disabled) box.disabled = disabled;
          if (box.checked) picked++;
        });
        if (facet.chosen) write(facet.chosen, picked ? "(" + picked + ")" : "");
      });
      groups.forEach(function (group) {
        var n = perGroup.get(group) || 0;
        var none = !group.querySelector(".sc-item:not([hidden])");
        if (group.hidden !== none) group.hidden = none;
        var count = group.querySelector(".sc-count[data-format]");
        if (count) write(count, format(count.getAttribute("data-format"), { count: n }));
      });
      write(summary, format(strings.found, { found: found, total: records.length }));
      if (empty && empty.hidden !== found > 0) empty.hidden = found > 0;
      if (more) {
        more.hidden = shown >= found;
        write(more, format(strings.more, { count: Math.min(page, found - shown), left: found - shown }));
      }
      remember(chosen);
    }

    function remember(chosen) {
      var url = new URL(window.location.href);
      facets.forEach(function (facet, k) {
        var values = facet.values.filter(function (_, at) { return chosen[k][at]; });
        if (values.length) url.searchParams.set(facet.name, values.join(","));
        else url.searchParams.delete(facet.name);
      });
      window.history.replaceState(window.history.state, "", url.toString());
    }

    function restore() {
      var params = new URL(window.location.href).searchParams;
      facets.forEach(function (facet) {
        var wanted = (params.get(facet.name) || "").split(",");
        facet.boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
        // a facet with a choice opens, so the choice is seen
        if (facet.boxes.some(function (box) { return box.checked; })) {
          facet.boxes[0].closest("details").open = true;
        }
      });
    }

    form.addEventListener("change", function () { limit = page; apply(); });
    if (more) more.addEventListener("click", function () { limit += page; apply(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      facets.forEach(function (facet) {
        facet.boxes.forEach(function (box) { box.checked = false; });
      });
      limit = page;
      apply();
    });
    restore();
    form.hidden = false;
    apply();
  }

  document.querySelectorAll("form.sc-facets").forEach(setup);
})();
