/* A point's map. Leaflet (vendored, served by the site) is fetched only when the map
   comes near the screen, so a visitor who scanned the plaque and only wants the opening
   hours does not download it; with it come showcase-tiles.js (tiles and controls, shared
   with the overview map) and, for the site's own PMTiles file, protomaps-leaflet.
   Everything the map needs is in the element's data-map and data-*-js. */
(function () {
  "use strict";

  var scripts = {};  // src → its loading, once a page

  function loadScript(src) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return scripts[src];
  }

  function loadLeaflet(css, js) {
    if (window.L) return Promise.resolve();
    if (!document.querySelector('link[href="' + css + '"]')) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = css;
      document.head.appendChild(link);
    }
    return loadScript(js).then(function () {
      // Leaflet looks for its marker images through its stylesheet, and when the script
      // is read first its fallback drops a slash ("leaflet-1.9.4marker-icon.png", a 404:
      // Leaflet/Leaflet#7202). The images sit beside the stylesheet.
      L.Icon.Default.imagePath = new URL("images/", new URL(css, document.baseURI)).href;
    });
  }

  function loadAll(element) {  // in order: each script needs the one before
    var sources = ["data-tiles-js", "data-protomaps-js"].map(function (name) {
      return element.getAttribute(name);
    }).filter(Boolean);
    return sources.reduce(function (previous, src) {
      return previous.then(function () { return loadScript(src); });
    }, loadLeaflet(element.getAttribute("data-leaflet-css"), element.getAttribute("data-leaflet-js")));
  }

  function draw(element) {
    var config = JSON.parse(element.getAttribute("data-map"));
    var map = L.map(element, { scrollWheelZoom: false, tap: false })
      .setView(config.center, config.zoom);
    var note = element.parentNode.querySelector(".sc-map-failed");
    showcaseTiles.add(map, config.tiles, note);
    config.markers.forEach(function (marker) {
      L.marker([marker.lat, marker.lng], { title: marker.title, alt: marker.title }).addTo(map);
    });
    element.classList.add("sc-map--ready");
  }

  function start(element) {
    loadAll(element)
      .then(function () { draw(element); })
      .catch(function () {
        var note = element.parentNode.querySelector(".sc-map-failed");
        if (note) note.hidden = false;
        element.classList.add("sc-map--failed");
      });
  }

  var maps = document.querySelectorAll(".sc-map[data-map]");
  if (!maps.length) return;
  if (!("IntersectionObserver" in window)) {
    maps.forEach(start);
    return;
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        start(entry.target);
      }
    });
  }, { rootMargin: "300px" });
  maps.forEach(function (element) { observer.observe(element); });
})();
