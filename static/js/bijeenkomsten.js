// Live sessions: conditional polling, the timer, and never losing what someone typed.
// No inline scripts (CSP); htmx 2 attributes do the requests, this file the glue.
(function () {
  "use strict";

  var live = function () { return document.getElementById("live"); };
  var form = function () { return document.getElementById("inbreng-form"); };

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return String(Date.now()) + "-" + Math.random().toString(36).slice(2);
  }

  function say(text) {
    var region = document.getElementById("aankondiging");
    if (!region || !text) return;
    region.textContent = "";
    // A fresh text node after clearing, so screen readers announce it again.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // -- conditional GET: we send If-None-Match ourselves, so the browser hands us the 304
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute("data-poll") && elt.dataset.etag) {
      event.detail.headers["If-None-Match"] = elt.dataset.etag;
    }
  });

  // A 304 is never swapped, our 400/409 answers are (htmx's responseHandling in base.html).

  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var region = live();
    if (!xhr || !region) return;
    var tag = xhr.getResponseHeader("ETag");
    var target = event.detail.target;
    if (tag && target === region && xhr.status !== 304) region.dataset.etag = tag;
  });

  // -- after fresh live content: announce, follow the current question, restart the timer
  var last = null;

  function readState() {
    var inner = document.querySelector("#live .live-inhoud");
    if (!inner) return null;
    return {
      blok: inner.getAttribute("data-blok") || "",
      aantal: parseInt(inner.getAttribute("data-aantal") || "0", 10),
      titel: inner.getAttribute("data-titel") || "",
      keuze: inner.getAttribute("data-anoniem-keuze") === "1"
    };
  }

  // "Anoniem versturen" only where this block lets people choose it (the server refuses it elsewhere).
  function offerAnonymous(f, state) {
    var box = f.querySelector("input[name=anoniem]");
    if (!box) return;
    var wrap = box.closest(".mb-3, .form-check") || box.parentNode;
    wrap.hidden = !state.keuze;
    box.disabled = !state.keuze;
    if (!state.keuze) box.checked = false;
  }

  function followBlock(state) {
    var f = form();
    if (!f || !state) return;
    offerAnonymous(f, state);
    var input = f.querySelector("input[name=blok]");
    var text = f.querySelector("textarea[name=tekst]");
    if (!input || input.value === state.blok) return;
    input.value = state.blok;
    if (text && text.value.trim()) {
      status(f, "info", f.getAttribute("data-nieuwe-vraag"));
    }
  }

  function afterLiveSwap() {
    var state = readState();
    if (!state) return;
    var region = document.getElementById("aankondiging");
    if (last && region) {
      if (state.blok !== last.blok && state.titel) {
        say(region.getAttribute("data-nieuwe-vraag") + " " + state.titel);
      } else if (state.aantal > last.aantal) {
        var n = state.aantal - last.aantal;
        say(n === 1 ? region.getAttribute("data-nieuw-een")
          : region.getAttribute("data-nieuw-meer").replace("{n}", String(n)));
      }
    }
    followBlock(state);
    markVotes();
    last = state;
    tick();
  }

  // The shared live region carries no personal state: mark this person's votes here.
  function markVotes() {
    var mine = document.getElementById("mijn-stemmen");
    if (!mine) return;
    var ids = (mine.getAttribute("data-mijn") || "").split(",").filter(Boolean);
    var left = parseInt(mine.getAttribute("data-over") || "0", 10);
    var cards = document.querySelectorAll("#live-kaarten [data-kaart]");
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i];
      var voted = ids.indexOf(card.getAttribute("data-kaart")) !== -1;
      var form = card.querySelector("form.kaart-actie");
      if (form && (voted || left <= 0)) form.remove();
      if (voted && !card.querySelector(".mijn-stem")) {
        var p = document.createElement("p");
        p.className = "mijn-stem";
        p.textContent = mine.getAttribute("data-gestemd");
        card.appendChild(p);
      }
    }
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target === live()) afterLiveSwap();
  });

  // -- the timer: counts down from the block's start, which the server keeps.
  // The clock offset comes from the page itself; live updates are rendered once per version
  // and shared, so their "now" may be older.
  var offset = null;

  function tick() {
    var timers = document.querySelectorAll(".timer[data-start]");
    for (var i = 0; i < timers.length; i++) {
      var t = timers[i];
      var start = Date.parse(t.getAttribute("data-start"));
      if (isNaN(start)) { t.textContent = ""; continue; }
      if (offset === null) {
        var nu = Date.parse(t.getAttribute("data-nu"));
        offset = isNaN(nu) ? 0 : nu - Date.now();
      }
      var total = parseInt(t.getAttribute("data-minuten") || "0", 10) * 60;
      var left = Math.round(total - (Date.now() + offset - start) / 1000);
      var over = left < 0;
      var s = Math.abs(left);
      var text = (over ? "+" : "") + Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      if (t.textContent !== text) t.textContent = text;
      t.classList.toggle("voorbij", over);
    }
  }
  window.setInterval(tick, 1000);

  // -- the participant's form: drafts survive a reload, failed sends are retried
  function draftKey(f) {
    return "concept:" + (f.getAttribute("data-concept") || "") + ":" + window.location.pathname;
  }

  function status(f, kind, text) {
    var box = document.getElementById("verstuur-status");
    if (!box) return;
    box.innerHTML = "";
    var div = document.createElement("div");
    div.className = "alert mt-2 mb-0 alert-" + (kind === "fout" ? "danger" : kind === "info" ? "info" : "success");
    div.textContent = text;
    box.appendChild(div);
  }

  // A failed send (no connection, a timeout, a 5xx) is shown by static/js/fouten.js with a
  // button to try again; here the live form also tries again by itself, with the same
  // idempotency key, so a card is never counted twice.
  var retryTimer = null;
  var retryDelay = 2000;

  function scheduleRetry(f, detail) {
    var seconds = String(Math.round(retryDelay / 1000));
    detail.tekst = detail.reden === "verbinding"
      ? f.getAttribute("data-offline").replace("{n}", seconds)
      : detail.tekst + " " + f.getAttribute("data-vanzelf").replace("{n}", seconds);
    if (retryTimer) return;
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      retryDelay = Math.min(retryDelay * 2, 30000);
      htmx.trigger(f, "submit");
    }, retryDelay);
  }

  function setup() {
    var f = form();
    var region = live();
    if (region) { last = readState(); markVotes(); tick(); }
    if (!f) return;
    var key = f.querySelector("[data-sleutel]");
    var text = f.querySelector("textarea[name=tekst]");
    if (key && !key.value) key.value = newKey();
    if (text) {
      try {
        var saved = window.localStorage.getItem(draftKey(f));
        if (saved && !text.value) text.value = saved;
      } catch (e) { /* private mode: drafts only in the field */ }
      text.addEventListener("input", function () {
        try { window.localStorage.setItem(draftKey(f), text.value); } catch (e) { /* ignore */ }
      });
    }
    followBlock(readState());

    f.addEventListener("inbreng-verstuurd", function () {
      if (text) {
        text.value = "";
        // The counter (fouten.js) follows the emptied box.
        text.dispatchEvent(new Event("input", { bubbles: true }));
      }
      try { window.localStorage.removeItem(draftKey(f)); } catch (e) { /* ignore */ }
      if (key) key.value = newKey();
      retryDelay = 2000;
      if (text) text.focus();
    });
    f.addEventListener("fouten:mislukt", function (event) {
      if (event.detail.soort === "fout") scheduleRetry(f, event.detail);
    });
    f.addEventListener("htmx:beforeRequest", function () {
      // Sent now (by hand or by the timer): no second send from an older timer.
      if (retryTimer) { window.clearTimeout(retryTimer); retryTimer = null; }
    });
    window.addEventListener("online", function () {
      if (retryTimer) {
        window.clearTimeout(retryTimer);
        retryTimer = null;
        htmx.trigger(f, "submit");
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
