/* The overview map's markers, popups and field filter. folium writes the map and the
   clustered layer; it calls showcaseOverview.marker() for each point and
   showcaseOverview.ready() at the end. The map is drawn before the list of points
   below it is parsed; names, links and the filter join in once the list is there
   (li[data-marker] gives each marker's name and page). */
window.showcaseOverview = (function () {
  "use strict";

  var data = JSON.parse(document.getElementById("sc-map-data").textContent);
  var fields = data.fields;
  var markers = [];
  var FIT_PADDING = 24;  // px around the markers: a dot is 18 px wide, drawn on its point
  var items = null;
  var icons = fields.map(function (field) {  // one icon per field, shared by its markers
    var dot = document.createElement("span");
    dot.style.background = field.color;
    return L.divIcon({ className: "sc-dot", html: dot.outerHTML, iconSize: [18, 18] });
  });

  function popup(layer) {  // made when opened: 10,000 popups up front would cost seconds
    var link = items[layer.marker];
    var box = document.createElement("div");
    var anchor = document.createElement("a");
    anchor.href = link.getAttribute("href");
    anchor.textContent = link.textContent;
    var label = document.createElement("div");
    label.textContent = fields[layer.fieldIndex].name;
    box.appendChild(anchor);
    box.appendChild(label);
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

  function connect(map, cluster) {
    items = {};
    document.querySelectorAll(".sc-map-list li[data-marker] a").forEach(function (link) {
      items[link.parentNode.getAttribute("data-marker")] = link;
    });
    markers.forEach(name);
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".sc-legend input"));
    var entries = Array.prototype.slice.call(document.querySelectorAll(".sc-map-list li"));
    var status = document.querySelector(".sc-map-status");
    function say(count) {
      status.textContent = status.getAttribute("data-template").replace("{count}", count);
    }
    function apply() {
      var on = {};
      boxes.forEach(function (box) { on[box.value] = box.checked; });
      var shown = markers.filter(function (layer) { return on[layer.field]; });
      cluster.clearLayers();
      cluster.addLayers(shown);
      entries.forEach(function (entry) { entry.hidden = !on[entry.getAttribute("data-field")]; });
      say(shown.length);
    }
    boxes.forEach(function (box) {
      box.disabled = false;
      box.addEventListener("change", apply);
    });
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

  function ready(map, cluster) {
    fit(map);
    // tiles, their credit, controls in Chinese, a note when none comes (showcase-tiles.js)
    showcaseTiles.add(map, data.tiles, document.querySelector(".sc-map-failed"));
    // the markers are on the map: note when they are first painted (for the benchmark)
    requestAnimationFrame(function () { performance.mark("showcase-markers-painted"); });
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { connect(map, cluster); });
    } else {
      connect(map, cluster);
    }
  }

  return { marker: marker, ready: ready };
})();
