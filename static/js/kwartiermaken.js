// Kwartiermaken: let htmx show a refused quick status change (400) instead of ignoring it.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var elt = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (event.detail.xhr.status === 400 && elt && elt.closest && elt.closest("[data-kw-toon-fout]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
