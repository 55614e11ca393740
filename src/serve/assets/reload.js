// reportsite serve: reloads the page when a build finishes (only the
// stylesheets, when only CSS changed), and reconnects after a restart.
// Injected by `reportsite serve` only; never part of a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var server = script.getAttribute("data-server");
  var generation = script.getAttribute("data-generation");
  var close = document.querySelector(".rs-overlay__close");
  if (close) {
    close.addEventListener("click", function () {
      close.closest(".rs-overlay").hidden = true;
    });
  }
  function reloadStylesheets(stamp) {
    document.querySelectorAll("link[rel=stylesheet]").forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("reportsite", stamp);
      link.href = url.toString();
    });
  }
  function connect() {
    var source = new EventSource("/__reportsite/events");
    source.addEventListener("build", function (event) {
      var build = JSON.parse(event.data);
      if (build.server === server && build.generation === generation) {
        return;
      }
      if (build.server === server && build.quiet) {
        generation = build.generation;
        return;
      }
      if (build.server === server && build.css_only) {
        generation = build.generation;
        reloadStylesheets(build.generation);
        return;
      }
      location.reload();
    });
    source.onerror = function () {
      source.close();
      setTimeout(connect, 500);
    };
  }
  connect();
})();
