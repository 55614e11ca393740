// reportsite progressive enhancement. Everything works without this file:
// it only swaps a video's poster link for the player once a person asks for
// it, so no third-party request is made before then.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".video__poster");
    if (!link) return;
    var figure = link.closest(".video");
    var embed = figure && figure.getAttribute("data-embed");
    if (!embed) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = embed;
    frame.title = "Video: " + (figure.getAttribute("data-title") || "");
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.setAttribute("allowfullscreen", "");
    link.replaceWith(frame);
    frame.focus();
  });
})();
