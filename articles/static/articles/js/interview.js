// Interview pages: load third-party players only when the reader asks, and let timecodes
// cue uploaded media. Without JavaScript, the play link opens the video on its own site and
// timecodes are plain links to their turn.
(function () {
  "use strict";

  function loadPlayer(facade, start) {
    var url = facade.dataset.playerUrl;
    if (!url) return false;
    var offset = Number(facade.dataset.start || 0) + Number(start || 0);
    if (offset) {
      url = facade.dataset.provider === "vimeo"
        ? url.replace(/#.*$/, "") + "#t=" + offset + "s"
        : url.replace(/([?&])start=\d+/, "$1").replace(/[?&]$/, "") + "&start=" + offset;
    }
    var frame = document.createElement("iframe");
    frame.src = url;
    frame.title = facade.querySelector(".video-facade__play").textContent.trim();
    frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    frame.allowFullscreen = true;
    frame.className = "video-facade__frame";
    facade.replaceChildren(frame);
    frame.focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    var play = event.target.closest(".video-facade__play");
    if (play && loadPlayer(play.closest(".video-facade"), 0)) {
      event.preventDefault();
      return;
    }
    var time = event.target.closest(".turn__time");
    if (!time) return;
    var segment = time.closest(".segment");
    var player = segment && segment.querySelector("[data-segment-player]");
    var start = Number(time.dataset.start || 0);
    if (player) {
      event.preventDefault();
      player.currentTime = Number(player.dataset.offset || 0) + start;
      player.play();
      history.replaceState(null, "", time.getAttribute("href"));
    } else if (segment) {
      var facade = segment.querySelector(".video-facade");
      if (facade && loadPlayer(facade, start)) event.preventDefault();
    }
  });
})();
