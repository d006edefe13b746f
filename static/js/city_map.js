// /mapa/: the map is drawn only when the visitor asks. Until the button is pressed the
// page loads neither Leaflet nor a single tile; then Leaflet (our own copy) and
// js/map.js draw the places listed in #map-points.
(function () {
  var box = document.querySelector("[data-city-map]");
  var element = document.getElementById("map");
  if (!box || !element) return;
  box.hidden = false;
  var button = box.querySelector("button");
  button.addEventListener("click", function () {
    button.disabled = true;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = box.dataset.leafletCss;
    document.head.appendChild(css);
    var leaflet = document.createElement("script");
    leaflet.src = box.dataset.leafletJs;
    leaflet.onload = function () {
      element.hidden = false;
      var draw = document.createElement("script");
      draw.src = box.dataset.mapJs;
      draw.onload = function () {
        box.hidden = true;
        element.focus();
      };
      document.body.appendChild(draw);
    };
    document.body.appendChild(leaflet);
  });
})();
