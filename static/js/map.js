// Draws the programme's places on an OpenStreetMap map (Leaflet from our own static files).
(function () {
  var element = document.getElementById("map");
  var data = document.getElementById("map-points");
  if (!element || !data || !window.L) return;
  var points = JSON.parse(data.textContent);
  element.classList.add("map--ready");
  var map = L.map(element, { scrollWheelZoom: false });
  L.tileLayer(element.dataset.tileUrl, {
    maxZoom: 19,
    attribution: element.dataset.attribution,
  }).addTo(map);
  // Leaflet's default marker with explicit URLs: its own guess of the image folder fails
  // on fingerprinted static file names.
  var icon = L.icon({
    iconUrl: element.dataset.icon,
    iconRetinaUrl: element.dataset.iconRetina,
    shadowUrl: element.dataset.shadow,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    shadowSize: [41, 41],
  });
  var bounds = [];
  points.forEach(function (point) {
    // Text nodes, never HTML: names come from the database.
    var label = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = point.name;
    label.appendChild(name);
    label.appendChild(document.createElement("br"));
    label.appendChild(document.createTextNode(point.address));
    L.marker([point.lat, point.lon], { icon: icon, title: point.name, alt: point.name })
      .addTo(map)
      .bindPopup(label);
    bounds.push([point.lat, point.lon]);
  });
  map.fitBounds(bounds, { maxZoom: 16, padding: [24, 24] });
})();
