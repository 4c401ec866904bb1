// When something goes wrong with an htmx form: one mechanism for every form of the site.
// htmx's responseHandling (base.html) swaps our 4xx answers (the form with its messages)
// into the form's own target and never swaps a 5xx; this file does the rest:
// - after a 4xx swap, focus the first field with an error;
// - a 5xx, a timeout or a lost connection leaves the page as it was and says so next to the
//   form, with a button that sends the same form again;
// - an expired login (cocreatie/verlopen.py sends the event "tekst-bewaren" before the
//   redirect) saves the form's text in sessionStorage; back on the page, it is put back;
// - every field with a maxlength gets a polite counter.
// Texts come from #fouten-melder (base.html), which is also the polite live region.
// No inline scripts, no eval (CSP).
(function () {
  "use strict";

  var BEWAARD = "bewaard:";
  var laatsteKnop = new WeakMap();

  function melder() { return document.getElementById("fouten-melder"); }
  function tekst(naam) {
    var el = melder();
    return (el && el.getAttribute("data-" + naam)) || "";
  }

  function zeg(text) {
    var region = melder();
    if (!region || !text) return;
    region.textContent = "";
    // A fresh text after clearing, so screen readers announce it again.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // The element that sent the request: htmx sets detail.elt to whatever element it fires an
  // event on (after a swap, a parent of the removed form), requestConfig.elt stays the sender.
  function afzender(detail) {
    return (detail.requestConfig && detail.requestConfig.elt) || detail.elt;
  }

  function formVan(elt) {
    if (!elt || !elt.closest) return null;
    return elt.tagName === "FORM" ? elt : elt.closest("form");
  }

  function actieVan(form) {
    return form.getAttribute("hx-post") || form.getAttribute("hx-get") || form.getAttribute("action") || "";
  }

  function bewaarSleutel(form) {
    return BEWAARD + window.location.pathname + window.location.search + "|" + actieVan(form);
  }

  // -- the notice next to a form -----------------------------------------------------------

  function plekVan(form) {
    var selector = form.getAttribute("data-fout-plek");
    return selector ? document.querySelector(selector) : null;
  }

  function weg(form) {
    var plek = plekVan(form);
    var oud = plek ? plek.querySelector(".verstuur-fout") : form.nextElementSibling;
    if (oud && oud.classList.contains("verstuur-fout")) oud.remove();
  }

  // soort: "fout" (with a retry button), "herladen" (with a reload button) or "info".
  function toon(form, soort, text) {
    weg(form);
    var box = document.createElement("div");
    box.className = "verstuur-fout alert mt-2 d-flex flex-wrap gap-2 align-items-center " +
      (soort === "info" ? "alert-info" : "alert-warning");
    var p = document.createElement("p");
    p.className = "mb-0";
    p.textContent = text;
    box.appendChild(p);
    if (soort !== "info") {
      var knop = document.createElement("button");
      knop.type = "button";
      knop.className = "btn btn-sm btn-outline-dark";
      knop.textContent = soort === "fout" ? tekst("opnieuw") : tekst("herladen");
      knop.addEventListener("click", function () {
        if (soort === "fout") opnieuw(form);
        else { bewaarAlles(); window.location.reload(); }
      });
      box.appendChild(knop);
    }
    var plek = plekVan(form);
    if (plek) { plek.innerHTML = ""; plek.appendChild(box); }
    else form.insertAdjacentElement("afterend", box);
    zeg(text);
    return box;
  }

  // Send the same form again, with the button that sent it the first time.
  function opnieuw(form) {
    if (!document.body.contains(form)) return;
    var knop = laatsteKnop.get(form);
    if (knop && knop.form !== form) knop = null;
    if (form.requestSubmit) form.requestSubmit(knop || undefined);
    else htmx.trigger(form, "submit");
  }

  document.addEventListener("submit", function (event) {
    if (event.submitter) laatsteKnop.set(event.target, event.submitter);
  }, true);

  // -- htmx's answers ----------------------------------------------------------------------

  function isDocument(html) {
    return typeof html === "string" && /^\s*(<!doctype|<html)/i.test(html);
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var d = event.detail;
    var status = d.xhr.status;
    // Never a whole document into a form's place: say so instead, the page stays as it was.
    if (d.shouldSwap && status >= 400 && isDocument(d.serverResponse)) {
      d.shouldSwap = false;
      d.isError = true;
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = formVan(afzender(event.detail));
    if (!form) return;
    // Links made after an earlier answer (see koppel) go; the new answer brings its own.
    var velden = form.querySelectorAll("[data-fout-gekoppeld]");
    for (var i = 0; i < velden.length; i++) {
      var veld = velden[i];
      veld.removeAttribute("aria-invalid");
      veld.classList.remove("is-invalid");
      veld.setAttribute("aria-describedby", (veld.getAttribute("aria-describedby") || "")
        .split(" ").filter(function (id) { return id && id !== veld.getAttribute("data-fout-gekoppeld"); }).join(" "));
      veld.removeAttribute("data-fout-gekoppeld");
    }
  });

  // A message that the server put outside the form (data-fout-voor="<field id>") is tied to
  // its field, so a screen reader reads it with the field.
  function koppel(root) {
    var berichten = root.querySelectorAll ? root.querySelectorAll("[data-fout-voor]") : [];
    for (var i = 0; i < berichten.length; i++) {
      var bericht = berichten[i];
      var veld = document.getElementById(bericht.getAttribute("data-fout-voor"));
      if (!veld || !bericht.id) continue;
      veld.setAttribute("aria-invalid", "true");
      veld.classList.add("is-invalid");
      var ids = (veld.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (ids.indexOf(bericht.id) === -1) ids.push(bericht.id);
      veld.setAttribute("aria-describedby", ids.join(" "));
      veld.setAttribute("data-fout-gekoppeld", bericht.id);
    }
  }

  // htmx fires afterSettle on each settled element: detail.elt is the new content.
  document.addEventListener("htmx:afterSettle", function (event) {
    var d = event.detail;
    var status = d.xhr && d.xhr.status;
    var plek = d.elt;
    if (!status || status < 400 || status >= 500 || !plek || !plek.querySelector) return;
    koppel(plek);
    var form = formVan(plek);
    var veld = plek.querySelector("[aria-invalid=true], .is-invalid") ||
      (form && form.querySelector("[aria-invalid=true], .is-invalid"));
    if (veld && veld.focus) veld.focus();
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var d = event.detail;
    var form = formVan(afzender(d));
    var status = d.xhr && d.xhr.status;
    if (!form || !status || status >= 500) return;
    if (d.xhr.getResponseHeader("HX-Redirect")) return;  // on its way elsewhere, text saved
    if (d.successful === false && status >= 400) return;  // not swapped: htmx:responseError says so
    if (document.body.contains(form)) weg(form);
    if (status < 300) {
      try { window.sessionStorage.removeItem(bewaarSleutel(form)); } catch (e) { /* ignore */ }
    }
  });

  // The form hears "fouten:mislukt" first and may change the text (the live session adds
  // that it tries again by itself); then the notice shows.
  function mislukt(event, reden, soort) {
    var form = formVan(afzender(event.detail));
    if (!form || !document.body.contains(form)) return;  // a poll: the next one tries again
    var detail = { reden: reden, soort: soort || "fout", tekst: tekst(reden), status: event.detail.xhr.status };
    form.dispatchEvent(new CustomEvent("fouten:mislukt", { bubbles: true, detail: detail }));
    toon(form, detail.soort, detail.tekst);
  }

  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail.xhr.status >= 500) mislukt(event, "fout");
    // A 4xx without a form to show (403, 404: changed or gone meanwhile): reload, text kept.
    else mislukt(event, "anders", "herladen");
  });
  document.addEventListener("htmx:sendError", function (event) { mislukt(event, "verbinding"); });
  document.addEventListener("htmx:timeout", function (event) { mislukt(event, "verbinding"); });

  // -- an expired login: keep the text, put it back after logging in ----------------------

  function velden(form) {
    var lijst = [];
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (!el.name || el.disabled || /^(hidden|password|file|submit|button|reset)$/.test(el.type)) continue;
      if (el.name === "csrfmiddlewaretoken") continue;
      lijst.push(el);
    }
    return lijst;
  }

  function bewaar(form) {
    var data = {};
    var iets = false;
    velden(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name] = data[el.name] || [];
        if (el.checked) { data[el.name].push(el.value); iets = true; }
      } else if (el.multiple) {
        data[el.name] = Array.prototype.map.call(el.selectedOptions, function (o) { return o.value; });
      } else {
        data[el.name] = el.value;
        // Only typed text or ticked boxes make a form worth keeping, not a select's default.
        iets = iets || (el.value !== "" && el.tagName !== "SELECT");
      }
    });
    if (!iets) return;
    try { window.sessionStorage.setItem(bewaarSleutel(form), JSON.stringify(data)); } catch (e) { /* ignore */ }
  }

  // Before a reload: every htmx form on the page that has something typed or ticked.
  function bewaarAlles() {
    var forms = document.querySelectorAll("form[hx-post], form[hx-get]");
    for (var i = 0; i < forms.length; i++) bewaar(forms[i]);
  }

  document.addEventListener("tekst-bewaren", function (event) {
    var form = formVan(event.target);
    if (form) bewaar(form);
  });

  function terugzetten() {
    var forms = document.querySelectorAll("form");
    var eerste = null;
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      var opgeslagen = null;
      try { opgeslagen = window.sessionStorage.getItem(bewaarSleutel(form)); } catch (e) { /* ignore */ }
      if (!opgeslagen) continue;
      var data;
      try { data = JSON.parse(opgeslagen); } catch (e) { continue; }
      velden(form).forEach(function (el) {
        if (!Object.prototype.hasOwnProperty.call(data, el.name)) return;
        var waarde = data[el.name];
        if (el.type === "checkbox" || el.type === "radio") el.checked = waarde.indexOf(el.value) !== -1;
        else if (el.multiple) {
          for (var j = 0; j < el.options.length; j++) el.options[j].selected = waarde.indexOf(el.options[j].value) !== -1;
        } else el.value = waarde;
        el.dispatchEvent(new Event("input", { bubbles: true }));
      });
      toon(form, "info", tekst("bewaard"));
      if (!eerste) eerste = velden(form).filter(function (el) {
        return el.value && (el.tagName === "TEXTAREA" || TYPES.test(el.type));
      })[0];
    }
    // Back where they were typing, so the next key goes on with the text.
    if (eerste) eerste.focus();
  }

  // -- counters for limited fields ---------------------------------------------------------

  var TYPES = /^(text|search|email|url|tel|)$/;

  function grens(max) { return Math.min(50, Math.ceil(max / 5)); }

  function tellerTekst(over) {
    if (over >= 0) return (over === 1 ? tekst("teller-een") : tekst("teller")).replace("{n}", String(over));
    var teveel = -over;
    return (teveel === 1 ? tekst("teveel-een") : tekst("teveel")).replace("{n}", String(teveel));
  }

  function teller(veld) {
    if (veld.hasAttribute("data-teller") || !veld.id) return;
    if (veld.tagName !== "TEXTAREA" && !TYPES.test(veld.getAttribute("type") || "")) return;
    var max = parseInt(veld.getAttribute("maxlength"), 10);
    if (!(max > 0)) return;
    veld.setAttribute("data-teller", "");
    var el = document.createElement("div");
    el.className = "form-text teller";
    el.id = veld.id + "-teller";
    // After the field's own help and error texts, in the same wrapper.
    var na = veld;
    (veld.getAttribute("aria-describedby") || "").split(" ").forEach(function (id) {
      var ander = id && document.getElementById(id);
      if (ander && ander.parentNode === veld.parentNode &&
          (na.compareDocumentPosition(ander) & Node.DOCUMENT_POSITION_FOLLOWING)) na = ander;
    });
    na.insertAdjacentElement("afterend", el);
    var gezegd = null;
    var wacht = null;
    function bij(aankondigen) {
      var over = max - veld.value.length;
      var bijna = over < grens(max);
      el.textContent = tellerTekst(over);
      el.classList.toggle("bijna", bijna);
      el.classList.toggle("teveel", over < 0);
      // A one-line field shows its counter only near the limit; a text box always.
      el.hidden = veld.tagName !== "TEXTAREA" && !bijna;
      if (wacht) window.clearTimeout(wacht);
      if (aankondigen && bijna) {
        // Announced only near the limit, once typing pauses: no flood of numbers.
        wacht = window.setTimeout(function () {
          if (el.textContent !== gezegd) { gezegd = el.textContent; zeg(gezegd); }
        }, 800);
      }
    }
    veld.addEventListener("input", function () { bij(true); });
    bij(false);
  }

  function tellers(root) {
    if (!root || !root.querySelectorAll) return;
    var lijst = root.querySelectorAll("textarea[maxlength], input[maxlength]");
    for (var i = 0; i < lijst.length; i++) teller(lijst[i]);
  }

  document.addEventListener("htmx:load", function (event) { tellers(event.detail.elt); });

  function setup() {
    tellers(document.body);
    terugzetten();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
