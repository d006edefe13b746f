// Progressive enhancement: on wide screens the filter panel stays open beside the results.
(function () {
  var wide = window.matchMedia("(min-width: 60rem)");
  var panels = document.querySelectorAll("details.filters");
  function sync() {
    if (wide.matches) panels.forEach(function (panel) { panel.open = true; });
  }
  sync();
  wide.addEventListener("change", sync);
})();
