/* The tiles under both maps (the overview and a point's) and the controls around them, in
   Chinese. What to draw comes from the page (generator/maps.py, tile_layer): the raster
   tiles of a tile service, or the site's own PMTiles file, drawn by protomaps-leaflet
   (vendored). When no tile arrives (the service blocked or unreachable, no key, offline),
   the map says so over itself and points to what the page says without it. */
window.showcaseTiles = (function () {
  "use strict";

  // this file is assets/javascripts/showcase-tiles.js: the site's root is two folders up
  var SITE = new URL("../../", document.currentScript.src);
  var PATIENCE = 10000;  // ms without a tile before a map says that none came

  function controls(map, labels) {
    if (map.zoomControl) map.removeControl(map.zoomControl);
    map.zoomControl = L.control.zoom({ zoomInTitle: labels.zoom_in, zoomOutTitle: labels.zoom_out })
      .addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    map.attributionControl.setPrefix(false);  // no "Leaflet" link and flag
    map.on("popupopen", function (event) {  // Leaflet names its close button in English
      var close = event.popup._closeButton;
      if (close) close.setAttribute("aria-label", labels.close);
    });
  }

  /* The note over the map (an element of the page, hidden until needed): shown when no
     tile came, hidden again as soon as one does. */
  function reporter(map, note) {
    var loaded = false;
    if (note) {
      map.getContainer().appendChild(note);
      L.DomEvent.disableClickPropagation(note);
      L.DomEvent.disableScrollPropagation(note);
    }
    function report(ok) {
      if (ok) loaded = true;
      if (note) note.hidden = loaded;
      map.getContainer().classList.toggle("sc-map--no-tiles", !loaded);
    }
    setTimeout(function () { if (!loaded) report(false); }, PATIENCE);
    return report;
  }

  function raster(map, tiles, report) {
    tiles.urls.forEach(function (url, index) {
      var options = { maxZoom: tiles.maxZoom, maxNativeZoom: tiles.maxZoom };
      if (tiles.subdomains) options.subdomains = tiles.subdomains;
      if (index === 0) options.attribution = tiles.attribution;
      var layer = L.tileLayer(url, options).addTo(map);
      if (index > 0) return;  // an overlay (Tianditu's labels) says nothing of the base
      var loaded = 0, failed = 0;
      layer.on("tileload", function () { loaded += 1; report(true); });
      layer.on("tileerror", function () { failed += 1; });
      layer.on("load", function () { if (!loaded && failed) report(false); });
    });
  }

  /* The site's PMTiles file, read by HTTP range requests (GitHub Pages answers them). A
     server that ignores Range (`mkdocs serve`) sends the whole file: it is kept and read
     from, rather than refused as the pmtiles library would. */
  function SiteFile(url, report) {
    this.url = url;
    this.report = report;
    this.whole = null;
  }
  SiteFile.prototype.getKey = function () { return this.url; };
  SiteFile.prototype.getBytes = function (offset, length, signal) {
    var self = this;
    function part(buffer) { return { data: buffer.slice(offset, offset + length) }; }
    if (self.whole) return self.whole.then(part);
    var range = "bytes=" + offset + "-" + (offset + length - 1);
    return fetch(self.url, { signal: signal, headers: { Range: range } }).then(function (response) {
      if (response.status === 206) {
        return response.arrayBuffer().then(function (data) { return { data: data }; });
      }
      if (response.status === 200) {
        if (!self.whole) {
          self.whole = response.arrayBuffer();
          self.whole.catch(function () { self.whole = null; });  // aborted: ask again next time
        }
        return self.whole.then(part);
      }
      throw new Error(self.url + ": HTTP " + response.status);
    }).catch(function (error) {
      if (error.name !== "AbortError") self.report(false);
      throw error;
    });
  };

  function vector(map, tiles, report) {
    // protomaps-leaflet bundles the pmtiles reader without exporting its class; a source
    // of its own (made from a URL, it fetches nothing yet) hands the class over
    var PMTiles = new protomapsL.PmtilesSource("site.pmtiles", false).p.constructor;
    var archive = new PMTiles(new SiteFile(new URL(tiles.urls[0], SITE).href, report));
    archive.getHeader().then(function (header) {
      report(true);
      protomapsL.leafletLayer({
        url: archive, flavor: "light", lang: "zh-Hans", attribution: tiles.attribution,
        maxDataZoom: header.maxZoom, maxZoom: tiles.maxZoom,
      }).addTo(map);
    }, function () { report(false); });
  }

  /* Tiles, credit, controls and the note when no tile comes. */
  function add(map, tiles, note) {
    controls(map, tiles.labels);
    var report = reporter(map, note);
    if (tiles.kind === "vector") {
      vector(map, tiles, report);
    } else {
      raster(map, tiles, report);
    }
  }

  return { add: add };
})();
