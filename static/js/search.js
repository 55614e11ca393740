// Search as you type on /search/, with Pagefind's index from this site
// (loaded only when someone searches). Without JavaScript the page
// explains how to browse instead; results are announced by role="status".
(function () {
  "use strict";
  var form = document.querySelector("form[data-search]");
  if (!form || !("WebAssembly" in window)) return;
  var input = form.querySelector("input[type=search]");
  var kind = form.querySelector("select[name=kind]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var pagefind = null;
  var latest = 0;
  // The page's words for what it announces, and its language's plural
  // rules (the build wrote one form per CLDR category).
  var messages = JSON.parse(form.getAttribute("data-messages") || "{}");
  var plurals = new Intl.PluralRules(document.documentElement.lang || "en");

  function say(text, values) {
    return String(text || "").replace(/\{(count|term)\}/g, function (_, name) { return values[name]; });
  }

  function resultsFor(count, term) {
    var forms = messages.results || {};
    var text = forms[plurals.select(count)] || forms.other;
    return say(text, { count: count, term: term }) + (count > 20 ? messages.firstShown || "" : "");
  }
  kind.hidden = false;

  function load() {
    if (!pagefind) {
      // A large site's index comes in several bundles, merged into one.
      var more = (form.getAttribute("data-more") || "").split(" ").filter(Boolean);
      var options = { baseUrl: form.getAttribute("data-base") };
      pagefind = import(form.getAttribute("data-search") + "pagefind.js").then(function (found) {
        return Promise.resolve(found.options(options)).then(function () {
          return Promise.all(more.map(function (bundle) { return found.mergeIndex(bundle, options); }));
        }).then(function () {
          return found;
        });
      });
    }
    return pagefind;
  }

  function item(result) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = (result.meta && result.meta.title) || result.url;
    var kindLabel = result.filters && result.filters.kind ? result.filters.kind[0] : "";
    var heading = document.createElement("h2");
    heading.appendChild(link);
    li.appendChild(heading);
    if (kindLabel) {
      var tag = document.createElement("p");
      tag.className = "search-results__kind";
      tag.textContent = (messages.kinds && messages.kinds[kindLabel]) || kindLabel;
      li.appendChild(tag);
    }
    var excerpt = document.createElement("p");
    // Pagefind's excerpt is escaped text with <mark> around the matches.
    excerpt.innerHTML = result.excerpt;
    li.appendChild(excerpt);
    return li;
  }

  function search() {
    var term = input.value.trim();
    var ticket = ++latest;
    var params = new URLSearchParams();
    if (term) params.set("q", term);
    if (kind.value) params.set("kind", kind.value);
    history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    if (!term) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    load()
      .then(function (found) {
        var filters = kind.value ? { kind: kind.value } : {};
        return found.search(term, { filters: filters });
      })
      .then(function (found) {
        if (ticket !== latest) return null;
        var shown = found.results.slice(0, 20);
        return Promise.all(shown.map(function (r) { return r.data(); })).then(function (data) {
          if (ticket !== latest) return;
          list.replaceChildren.apply(list, data.map(item));
          var count = found.results.length;
          status.textContent = count === 0
            ? say(messages.none, { term: term })
            : resultsFor(count, term);
        });
      })
      .catch(function () {
        status.textContent = messages.failed;
      });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  kind.addEventListener("change", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search();
  });
  var params = new URLSearchParams(location.search);
  if (params.get("kind")) kind.value = params.get("kind");
  if (params.get("q")) {
    input.value = params.get("q");
    search();
  }
})();
