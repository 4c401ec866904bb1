// Exercises: let htmx swap in the answers that carry a message next to a field
// (400 bad input, 409 stale text or vote refused), instead of ignoring them.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr && event.detail.xhr.status;
    if (status === 400 || status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
