// Small behaviours that htmx attributes cannot express. No inline scripts (CSP).
(function () {
  "use strict";

  // Copy buttons: <button data-copy="#target">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var target = document.querySelector(button.getAttribute("data-copy"));
    if (!target || !navigator.clipboard) return;
    navigator.clipboard.writeText(target.value || target.textContent.trim()).then(function () {
      var done = button.getAttribute("data-copied") || "Gekopieerd";
      var status = document.getElementById("meldingen");
      if (status) status.textContent = done;
    });
  });

  // After an htmx swap, keep keyboard focus inside the page instead of <body>:
  // focus the element marked data-focus-after-swap, if the swap brought one.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.elt;
    if (!target || !target.querySelector) return;
    var next = target.querySelector("[data-focus-after-swap]") ||
      (target.matches && target.matches("[data-focus-after-swap]") ? target : null);
    if (next && document.activeElement === document.body) {
      if (!next.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(next.tagName)) {
        next.setAttribute("tabindex", "-1");
      }
      next.focus();
    }
  });

  // Confirm dangerous actions: <form data-confirm="Weet je het zeker?">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      // Capture phase on document: stopping here keeps the event from reaching
      // htmx's own submit listener on the form, so htmx forms are stopped too.
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
