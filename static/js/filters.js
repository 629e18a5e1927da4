// Progressive enhancement for the search page: below 960 px the filters start folded.
// Without JavaScript they stay open (and at 960 px and wider they are always shown beside the results).
(function () {
  "use strict";
  var panel = document.querySelector("details.facets-panel");
  if (!panel || !window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 59.99rem)");
  function apply() { panel.open = !narrow.matches; }
  apply();
  if (narrow.addEventListener) narrow.addEventListener("change", apply);
})();
