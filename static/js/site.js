// reportsite progressive enhancement. Every page works without this file.
// 1. A video's poster link becomes a button that loads the player only
//    when pressed, so no third-party request is made before then (and
//    asks the site's own play/ address, so plays can be counted).
// 2. On a catalogue's list (any page of it), the filter links become
//    toggle buttons that filter the whole catalogue at once (several values
//    may be chosen; values of one facet widen, facets narrow), keeping the
//    address shareable (?audience=a,b&topic=c). The pre-rendered filter
//    pages stay the fallback.
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

  var catalogue = document.querySelector(".catalogue[data-entries]");
  if (!catalogue || !window.URLSearchParams || !window.history || !window.fetch) return;
  var list = catalogue.querySelector(".cards--catalogue");
  var ownCards = Array.prototype.slice.call(list.children);
  // A list of one page holds every entry; a longer list's other entries
  // come from the catalogue's entries.json, fetched at the first filter.
  var all = catalogue.hasAttribute("data-complete") ? ownCards : null;
  var loading = null;
  var count = catalogue.querySelector("[data-count]");
  var ownCount = count ? count.textContent : "";
  // "result" or "results" (or Welsh's and Polish's other forms), chosen
  // by the browser's CLDR plural rules for the page's language.
  var word = catalogue.querySelector("[data-forms]");
  var forms = word ? JSON.parse(word.getAttribute("data-forms")) : {};
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang) : null;
  var paged = catalogue.querySelectorAll(".pager, [data-range]");
  var chosen = {};

  function element(name, className, text) {
    var made = document.createElement(name);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  // The card the page itself would have, built from text alone.
  function card(entry) {
    var item = element("li", "card card--" + entry.kind);
    if (entry.lang) item.lang = entry.lang;
    Object.keys(entry.facets).forEach(function (facet) {
      item.setAttribute("data-" + facet, entry.facets[facet]);
    });
    var heading = item.appendChild(element("h3", "card__title"));
    heading.appendChild(element("a", "", entry.title)).href = entry.url;
    if (entry.meta) {
      var meta = item.appendChild(element("p", "card__meta"));
      entry.meta.forEach(function (fact) { meta.appendChild(element("span", "", fact)); });
    }
    if (entry.summary) item.appendChild(element("p", "card__summary", entry.summary));
    return item;
  }

  function everyCard() {
    if (all) return Promise.resolve(all);
    loading = loading || fetch(catalogue.getAttribute("data-entries")).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (index) {
      var order = catalogue.getAttribute("data-sort") === "a-z" ? index.a_to_z : index.entries.map(function (_, at) { return at; });
      all = order.map(function (at) { return card(index.entries[at]); });
      return all;
    });
    loading.catch(function () { loading = null; });
    return loading;
  }

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

  function filtering() {
    return Object.keys(chosen).some(function (facet) { return chosen[facet].length; });
  }

  function show(cards, shown) {
    list.replaceChildren.apply(list, cards);
    if (count) count.textContent = shown;
    if (word && plurals) word.textContent = forms[plurals.select(Number(shown))] || forms.other;
    paged.forEach(function (part) { part.hidden = filtering(); });
  }

  // Shows the entries that match, from the whole catalogue; with no
  // filter, this page's own. Should the entries not come, the pressed
  // filter's own page opens instead.
  function apply(fallback) {
    var query = new URLSearchParams();
    Object.keys(chosen).forEach(function (facet) {
      if (chosen[facet].length) query.set(facet, chosen[facet].join(","));
    });
    var text = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (text ? "?" + text : ""));
    if (!filtering()) return show(ownCards, ownCount);
    everyCard().then(function (cards) {
      if (!filtering()) return;
      var matching = cards.filter(matches);
      show(matching, String(matching.length));
    }, function () {
      if (fallback) window.location.href = fallback;
    });
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
      var href = link.href;
      button.addEventListener("click", function () {
        var pressed = button.getAttribute("aria-pressed") !== "true";
        button.setAttribute("aria-pressed", String(pressed));
        choose(facet, value, pressed);
        apply(pressed && href);
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
