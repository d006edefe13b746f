// "Sort by distance from me": asks the browser for its position only when the visitor
// presses the button, and sends it, rounded to about 100 m, to this site alone as the
// finder's `near` parameter. Nothing is stored.
(function () {
  var box = document.querySelector("[data-near-me]");
  if (!box || !navigator.geolocation) return;
  var button = box.querySelector("button");
  var status = box.querySelector("[data-near-me-status]");
  box.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = box.dataset.finding;
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var url = new URL(window.location.href);
        url.searchParams.set(
          "near",
          position.coords.latitude.toFixed(3) + "," + position.coords.longitude.toFixed(3)
        );
        url.searchParams.delete("page");
        // "Nearest" is the order of a page with a position and no other `sort` chosen.
        url.searchParams.delete("sort");
        window.location.assign(url.toString());
      },
      function () {
        status.textContent = box.dataset.failed;
        button.disabled = false;
      },
      { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 }
    );
  });
})();
