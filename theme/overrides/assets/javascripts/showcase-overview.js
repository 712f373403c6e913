/* The overview map's markers, popups and field filter. folium writes the map and the
   clustered layer; it calls showcaseOverview.marker() for each point and
   showcaseOverview.ready() at the end. The list beside the map follows the filter. */
window.showcaseOverview = (function () {
  "use strict";

  var data = JSON.parse(document.getElementById("sc-map-data").textContent);
  var markers = [];

  function marker(row) {
    var field = data.fields[row[2]];
    var point = data.points[row[3]];
    var dot = document.createElement("span");
    dot.style.background = field.color;
    var icon = L.divIcon({ className: "sc-dot", html: dot.outerHTML, iconSize: [18, 18] });
    var layer = L.marker([row[0], row[1]], { icon: icon, title: point.name, alt: point.name });
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    var label = document.createElement("div");
    label.textContent = field.name;
    popup.appendChild(link);
    popup.appendChild(label);
    layer.bindPopup(popup);
    layer.field = field.id;
    markers.push(layer);
    return layer;
  }

  function ready(map, cluster) {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".sc-legend input"));
    var items = Array.prototype.slice.call(document.querySelectorAll(".sc-map-list li"));
    var status = document.querySelector(".sc-map-status");
    function apply() {
      var on = {};
      boxes.forEach(function (box) { on[box.value] = box.checked; });
      var shown = markers.filter(function (layer) { return on[layer.field]; });
      cluster.clearLayers();
      cluster.addLayers(shown);
      items.forEach(function (item) { item.hidden = !on[item.getAttribute("data-field")]; });
      status.textContent = status.getAttribute("data-template").replace("{count}", shown.length);
    }
    boxes.forEach(function (box) {
      box.disabled = false;
      box.addEventListener("change", apply);
    });
    status.textContent = status.getAttribute("data-template").replace("{count}", markers.length);
    map.getContainer().classList.add("sc-map--ready");
  }

  return { marker: marker, ready: ready };
})();
