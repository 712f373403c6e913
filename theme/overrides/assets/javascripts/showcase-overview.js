/* The overview map's markers, popups and field filter. folium writes the map and the
   clustered layer; it calls showcaseOverview.marker() for each point and
   showcaseOverview.ready() at the end. The map is drawn before the list of points
   below it is parsed; names, links and the filter join in once the list is there
   (li[data-marker] gives each marker's name and page). A popup reads the point's
   address and hours from the point's own page when it is opened: not a byte of them
   weighs on this page, which at 10,000 points is heavy enough. */
window.showcaseOverview = (function () {
  "use strict";

  var data = JSON.parse(document.getElementById("sc-map-data").textContent);
  var fields = data.fields;
  var markers = [];
  var FIT_PADDING = 24;  // px around the markers: a dot is 18 px wide, drawn on its point
  var items = null;
  var pages = {};  // a point page's address → the promise of its parsed document
  var icons = fields.map(function (field) {  // one icon per field, shared by its markers
    var dot = document.createElement("span");
    dot.style.background = field.color;
    return L.divIcon({ className: "sc-dot", html: dot.outerHTML, iconSize: [18, 18] });
  });

  /* Clustering is the page's one heavy task: at 1,000 points it held a phone's main
     thread for over a second in one piece (Lighthouse: Total Blocking Time 1,160 ms).
     markercluster clusters in slices instead (chunkedLoading: a task per 200 markers or
     so, the clusters drawn once, when all are in), and the map is fitted to the markers
     before they are clustered, not after: fitting afterwards clustered and drew them
     twice. folium makes the cluster group and puts it on the map, after this script. */
  var cluster = null;
  var busy = false;  // a slice of clustering is still to come
  var queued = null;  // the markers to show once it is done (the filter changed meanwhile)
  L.MarkerClusterGroup.mergeOptions({ chunkedLoading: true, chunkInterval: 10, chunkDelay: 0,
                                      chunkProgress: progress });
  var clusterOnAdd = L.MarkerClusterGroup.prototype.onAdd;
  L.MarkerClusterGroup.include({
    onAdd: function (map) {
      cluster = this;
      // on the map empty; then, each in a task of its own after folium's script: the
      // map fitted to the markers (and its first layout), the markers, the tiles (ready)
      var given = this._needsClustering;
      this._needsClustering = [];
      clusterOnAdd.call(this, map);
      setTimeout(function () { fit(map); }, 0);
      setTimeout(function () { show(given); }, 0);
    },
  });

  function progress(done, total) {
    if (done < total) return;
    // markercluster draws the clusters right after this call: the next change waits for that
    setTimeout(function () {
      busy = false;
      if (total === markers.length && !performance.getEntriesByName("showcase-markers-painted").length) {
        // the markers are on the map: note when they are first painted (for the benchmark)
        requestAnimationFrame(function () { performance.mark("showcase-markers-painted"); });
      }
      if (queued) show(queued);
    }, 0);
  }

  /* The markers to cluster: a change of the filter while the last is still being
     clustered waits for it (markercluster would go on adding the old markers). */
  function show(layers) {
    if (busy) {
      queued = layers;
      return;
    }
    queued = null;
    busy = true;
    cluster.clearLayers();
    cluster.addLayers(layers);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* The point's page, fetched and parsed once (the browser keeps it for the visit that
     may follow the popup). Its text is only ever read, and set as text. */
  function pointPage(href) {
    if (!pages[href]) {
      pages[href] = fetch(href, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(href + ": HTTP " + response.status);
        return response.text();
      }).then(function (html) {
        return new DOMParser().parseFromString(html, "text/html");
      });
      pages[href].catch(function () { delete pages[href]; });  // offline: try again next time
    }
    return pages[href];
  }

  /* What a point's page says of it, in short: its address, today's hours and whether it
     is open now (or when it opens next), worked out as the page does (showcase-visit.js). */
  function describe(box, page) {
    var strings = data.popup;
    box.textContent = "";
    var address = page.querySelector(".sc-address");
    if (address) box.appendChild(element("p", "sc-popup__address", address.textContent.trim()));
    var status = page.querySelector(".sc-open-status[data-schedule]");
    if (status && window.showcaseVisit) {
      var visit = window.showcaseVisit;
      var ranges = visit.openings(JSON.parse(status.getAttribute("data-schedule")),
                                  JSON.parse(status.getAttribute("data-holidays") || "[]"),
                                  visit.clock().day);
      var hours = ranges.map(function (range) {
        return visit.hhmm(range[0]) + "–" + visit.hhmm(range[1]);
      }).join(data.separator);
      box.appendChild(element("p", "sc-popup__hours",
                              hours ? strings.today.replace("{hours}", hours) : strings.closed_today));
      var now = element("p", "sc-open-status");
      ["data-schedule", "data-holidays", "data-strings"].forEach(function (name) {
        now.setAttribute(name, status.getAttribute(name) || "");
      });
      visit.status(now);
      box.appendChild(now);
    } else {
      var none = page.querySelector(".sc-hours");  // no hours published: what the page says
      if (none) box.appendChild(element("p", "sc-popup__hours", none.textContent.trim()));
    }
  }

  function popup(layer) {  // made when first opened: 10,000 popups up front would cost seconds
    if (layer.box) return layer.box;
    var link = items && items[layer.marker];
    var box = element("div", "sc-popup");
    if (!link) {  // opened before the list is read: its field now, the rest when opened again
      box.appendChild(element("p", "sc-popup__field", fields[layer.fieldIndex].name));
      return box;
    }
    layer.box = box;
    var anchor = element("a", "sc-popup__name", link.textContent);
    anchor.href = link.getAttribute("href");
    box.appendChild(anchor);
    var field = element("p", "sc-popup__field");
    var swatch = element("span", "sc-swatch");
    swatch.style.background = fields[layer.fieldIndex].color;
    field.appendChild(swatch);
    field.appendChild(document.createTextNode(fields[layer.fieldIndex].name));
    box.appendChild(field);
    var more = element("div", "sc-popup__more", data.popup.loading);
    box.appendChild(more);
    pointPage(anchor.href).then(function (page) {
      describe(more, page);
    }, function () {
      more.textContent = data.popup.failed;
      delete layer.box;  // asked again when opened again
    }).then(function () {
      if (layer.isPopupOpen()) layer.getPopup().update();  // its size and place
    });
    return box;
  }

  function marker(row) {
    var layer = L.marker([row[0], row[1]], { icon: icons[row[2]], keyboard: true });
    layer.marker = row[3];
    layer.fieldIndex = row[2];
    layer.field = fields[row[2]].id;
    layer.bindPopup(popup);
    markers.push(layer);
    return layer;
  }

  function name(layer) {  // a marker's name for its tooltip and for screen readers
    var text = items[layer.marker].textContent;
    layer.options.title = layer.options.alt = text;
    if (layer._icon) {
      layer._icon.title = text;
      layer._icon.setAttribute("aria-label", text);
    }
  }

  /* The filter's button (on a phone): it folds and unfolds the filter, and says how
     many fields are shown while not all of them are. */
  var toggle = document.querySelector(".sc-filter-toggle");
  var legend = document.getElementById("sc-legend");
  if (toggle && legend) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      legend.classList.toggle("sc-legend--folded", !open);
    });
  }

  function count(shown, all) {
    if (!toggle) return;
    toggle.textContent = shown === all ? toggle.getAttribute("data-all")
      : toggle.getAttribute("data-template").replace("{count}", shown);
  }

  function connect(map) {
    items = {};
    document.querySelectorAll(".sc-map-list li[data-marker] a").forEach(function (link) {
      items[link.parentNode.getAttribute("data-marker")] = link;
    });
    markers.forEach(name);
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".sc-legend input"));
    var entries = Array.prototype.slice.call(document.querySelectorAll(".sc-map-list li"));
    var status = document.querySelector(".sc-map-status");
    function say(number) {
      status.textContent = status.getAttribute("data-template").replace("{count}", number);
    }
    function apply() {
      var on = {};
      var checked = 0;
      boxes.forEach(function (box) {
        on[box.value] = box.checked;
        if (box.checked) checked += 1;
      });
      var shown = markers.filter(function (layer) { return on[layer.field]; });
      show(shown);
      entries.forEach(function (entry) { entry.hidden = !on[entry.getAttribute("data-field")]; });
      say(shown.length);
      count(checked, boxes.length);
    }
    boxes.forEach(function (box) {
      box.disabled = false;
      box.addEventListener("change", apply);
    });
    // every field on or off at once: a visitor after one field unticks none of twenty
    var all = document.querySelector(".sc-legend__all");
    if (all) {
      all.hidden = false;
      all.querySelectorAll("button").forEach(function (button) {
        button.addEventListener("click", function () {
          boxes.forEach(function (box) { box.checked = button.value === "on"; });
          apply();
        });
      });
    }
    say(markers.length);
    map.getContainer().classList.add("sc-map--ready");
  }

  /* Open on the markers, whatever the screen: the configured centre and zoom suit one
     screen size at best (on a phone two of eleven markers started off-screen), and are
     kept only for a map with no marker. One marker, or a few close together, are shown
     at the point pages' zoom, not the tiles' closest. */
  function fit(map) {
    if (!markers.length) return;
    var bounds = L.latLngBounds(markers.map(function (layer) { return layer.getLatLng(); }));
    map.fitBounds(bounds, { padding: [FIT_PADDING, FIT_PADDING], maxZoom: data.maxZoom,
                            animate: false });
  }

  function ready(map) {
    setTimeout(function () {  // once fitted (above): the tiles of the view the visitor sees
      // tiles, their credit, controls in Chinese, a note when none comes (showcase-tiles.js)
      showcaseTiles.add(map, data.tiles, document.querySelector(".sc-map-failed"));
    }, 0);
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { connect(map); });
    } else {
      connect(map);
    }
  }

  return { marker: marker, ready: ready };
})();
