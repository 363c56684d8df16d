/* map.js - draws the practices of the map page with Leaflet and marker
 * clustering. The page works without it: the same practices are listed
 * under the map, and when scripts or tiles fail the list is all there is.
 * Settings come from the map element's data- attributes (no inline
 * script: the Content-Security-Policy forbids it). */
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (!el || !window.L || !window.fetch) return;
  var d = el.dataset;
  var map = L.map(el, { scrollWheelZoom: false });
  /* no animation: what the map shows is settled once drawn, for people
   * who prefer less motion and for the tests that count the markers */
  var cluster = L.markerClusterGroup({ showCoverageOnHover: false, animate: false });

  L.tileLayer(d.tiles, { attribution: d.attribution, maxZoom: 18 }).addTo(map);
  map.setView([51.5, 17.5], 5);
  el.classList.add('map-ready');

  function marker(feature, latlng) {
    return L.marker(latlng, {
      title: feature.properties.title,
      alt: feature.properties.title,
      icon: L.divIcon({ className: 'map-pin', iconSize: [18, 18] })
    });
  }

  function popup(feature, layer) {
    var p = feature.properties;
    var box = document.createElement('div');
    var a = document.createElement('a');
    a.href = d.prefix + p.url;
    a.textContent = p.title;
    box.appendChild(a);
    if (p.organisation || p.town) {
      var where = document.createElement('p');
      where.textContent = [p.organisation, p.town].filter(Boolean).join(', ');
      box.appendChild(where);
    }
    layer.bindPopup(box);
  }

  fetch(d.geojson, { headers: { Accept: 'application/geo+json' } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, { pointToLayer: marker, onEachFeature: popup });
      cluster.addLayer(layer);
      map.addLayer(cluster);
      if (layer.getLayers().length)
        map.fitBounds(cluster.getBounds(), { padding: [24, 24], maxZoom: 12, animate: false });
      el.dataset.markers = String(layer.getLayers().length);
    })
    .catch(function () { el.dataset.markers = 'error'; });
})();
