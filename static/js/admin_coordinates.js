// Admin, a location's page: "Pick the point on a map". Leaflet and the tiles load only
// when pressed; a click on the map fills latitude and longitude (six decimals, as stored).
// The source of the coordinates stays for the staff member to write.
// The admin puts form media in <head>: wait for the form.
document.addEventListener("DOMContentLoaded", function () {
  var latitude = document.querySelector("input[data-map-picker]");
  var longitude = document.getElementById("id_longitude");
  if (!latitude || !longitude) return;
  var row = latitude.closest(".form-row") || latitude.parentNode;
  var box = document.createElement("div");
  box.className = "form-row";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button";
  button.textContent = latitude.dataset.button;
  var hint = document.createElement("p");
  hint.className = "help";
  hint.textContent = latitude.dataset.hint;
  var area = document.createElement("div");
  area.hidden = true;
  area.style.height = "320px";
  area.style.maxWidth = "640px";
  area.setAttribute("role", "region");
  area.setAttribute("aria-label", latitude.dataset.button);
  box.appendChild(button);
  box.appendChild(hint);
  box.appendChild(area);
  row.parentNode.insertBefore(box, row.nextSibling);

  function draw() {
    var known = latitude.value && longitude.value;
    var start = known ? [parseFloat(latitude.value), parseFloat(longitude.value)] : [50.0614, 19.9372];
    var map = L.map(area).setView(start, known ? 17 : 12);
    L.tileLayer(latitude.dataset.tileUrl, {
      maxZoom: 19,
      attribution: latitude.dataset.attribution,
    }).addTo(map);
    // A circle, not Leaflet's marker image: its default icon path guess fails here.
    var marker = known ? L.circleMarker(start, { radius: 8 }).addTo(map) : null;
    map.on("click", function (event) {
      latitude.value = event.latlng.lat.toFixed(6);
      longitude.value = event.latlng.lng.toFixed(6);
      if (marker) marker.setLatLng(event.latlng);
      else marker = L.circleMarker(event.latlng, { radius: 8 }).addTo(map);
    });
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    area.hidden = false;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = latitude.dataset.leafletCss;
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = latitude.dataset.leafletJs;
    script.onload = draw;
    document.body.appendChild(script);
  });
});
