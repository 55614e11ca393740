// reportsite progressive enhancement. Every page works without this file.
// 1. A video's poster link becomes a button that loads the player only
//    when pressed, so no third-party request is made before then (and
//    asks the site's own play/ address, so plays can be counted).
// 2. On a full catalogue listing, the filter links become toggle buttons
//    that filter the list at once (several values may be chosen; values of
//    one facet widen, facets narrow), keeping the address shareable
//    (?audience=a,b&topic=c). The pre-rendered filter pages stay the fallback.
(function () {
  "use strict";

  // The poster link (which opens the video on the provider's site when
  // JavaScript is off) becomes a real button; pressing it loads the player.
  // The button is named by its own words ("Play the video", then the title
  // for screen readers), never by an aria-label that says something else:
  // speech users say what they see (WCAG 2.5.3, Label in Name).
  document.querySelectorAll(".video[data-embed] .video__poster").forEach(function (link) {
    var figure = link.closest(".video");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "video__poster";
    button.innerHTML = link.innerHTML;
    var where = button.querySelector(".video__where");
    if (where) where.remove();
    button.addEventListener("click", function () {
      // The play is counted in the site's own log (reportsite engagement):
      // a request for this video's play/ address, with no cookie and no
      // identifier, not followed to the provider.
      var play = figure.getAttribute("data-play");
      if (play && window.fetch) {
        fetch(play, { cache: "no-store", credentials: "omit", redirect: "manual" }).catch(function () {});
      }
      var frame = document.createElement("iframe");
      frame.src = figure.getAttribute("data-embed");
      frame.title = "Video: " + figure.getAttribute("data-title");
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.setAttribute("allowfullscreen", "");
      button.replaceWith(frame);
      frame.focus();
    });
    link.replaceWith(button);
  });

  var catalogue = document.querySelector(".catalogue[data-complete]");
  if (!catalogue || !window.URLSearchParams || !window.history) return;
  var cards = Array.prototype.slice.call(catalogue.querySelectorAll(".card"));
  var count = catalogue.querySelector("[data-count]");
  var chosen = {};

  function choose(facet, value, on) {
    var values = chosen[facet] || (chosen[facet] = []);
    var at = values.indexOf(value);
    if (on && at < 0) values.push(value);
    if (!on && at >= 0) values.splice(at, 1);
  }

  function matches(card) {
    return Object.keys(chosen).every(function (facet) {
      var wanted = chosen[facet];
      if (!wanted.length) return true;
      var has = (card.getAttribute("data-" + facet) || "").split(" ");
      return wanted.some(function (value) { return has.indexOf(value) >= 0; });
    });
  }

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    if (count) count.textContent = String(shown);
    var query = new URLSearchParams();
    Object.keys(chosen).forEach(function (facet) {
      if (chosen[facet].length) query.set(facet, chosen[facet].join(","));
    });
    var text = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (text ? "?" + text : ""));
  }

  var initial = new URLSearchParams(window.location.search);
  catalogue.querySelectorAll("[data-facet]").forEach(function (group) {
    var facet = group.getAttribute("data-facet");
    var wanted = (initial.get(facet) || "").split(",");
    group.querySelectorAll("a[data-value]").forEach(function (link) {
      var value = link.getAttribute("data-value");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "filters__toggle";
      button.innerHTML = link.innerHTML;
      var on = wanted.indexOf(value) >= 0;
      button.setAttribute("aria-pressed", String(on));
      if (on) choose(facet, value, true);
      button.addEventListener("click", function () {
        var pressed = button.getAttribute("aria-pressed") !== "true";
        button.setAttribute("aria-pressed", String(pressed));
        choose(facet, value, pressed);
        apply();
      });
      link.replaceWith(button);
    });
  });
  apply();
})();

// 3. "Copy link" buttons appear only where the clipboard can be used.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll(".share__copy[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
        button.textContent = "Link copied";
      });
    });
  });
})();

// 4. "Exit this page": leave at once (replacing this page in the history),
//    by the button or by pressing Shift three times within a second.
(function () {
  "use strict";
  var exit = document.querySelector("[data-quick-exit]");
  if (!exit) return;
  function leave(event) {
    if (event) event.preventDefault();
    document.body.innerHTML = "";
    window.location.replace(exit.href);
  }
  exit.addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") return;
    var now = Date.now();
    presses = presses.filter(function (at) { return now - at < 1000; });
    presses.push(now);
    if (presses.length >= 3) leave();
  });
})();
