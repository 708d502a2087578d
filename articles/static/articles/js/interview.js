// Interview pages: the interactive transcript. A turn's timecode plays its segment's media from
// that moment; while it plays, the current turn is highlighted and (unless the reader pauses
// "Follow along") kept in view and announced — until the reader scrolls away while it plays:
// then following pauses and "Back to the video" brings them back and resumes it; "Share this moment" copies a link to the current
// turn (`#turn-<turn block id>`), which opens the page at that turn with the media cued there.
// YouTube and Vimeo players load only when the reader presses play (or a timecode); then they
// are driven through their postMessage APIs. Without JavaScript the play link opens the video
// on its own site and timecodes are plain links to their turn. See docs/architecture.md.
(function () {
  "use strict";

  var TOLERANCE = 0.5; // seconds: players report a seek to 10 as 9.8 or so
  var segments = new WeakMap();
  var following = true; // "Follow along": scroll to and announce the current turn
  var scrolledAway = false; // following paused because the reader scrolled while it played
  var SCROLL_KEYS = ["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End", " "];
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  // Players: each speaks the media's own timeline (start offset + turn timecode) ----------

  function mediaPlayer(segment, element) {
    // "play" and "pause" too: the first "timeupdate" comes up to 250 ms after playback starts,
    // and a reader who scrolls meanwhile must already count as scrolling away from it.
    ["timeupdate", "seeked", "play", "pause", "ended"].forEach(function (name) {
      element.addEventListener(name, function () {
        update(segment, element.currentTime, !element.paused);
      });
    });
    element.addEventListener("play", function () {
      engage(segment);
    });
    return {
      seek: function (time, play) {
        element.currentTime = time; // before metadata, the position playback will start from
        if (play) element.play().catch(function () {});
      },
    };
  }

  function playerAddress(facade, time) {
    var url = facade.dataset.playerUrl;
    time = Math.floor(time);
    if (facade.dataset.provider === "vimeo") {
      url = url.replace(/#.*$/, "") + (time ? "#t=" + time + "s" : "");
    } else {
      url = url.replace(/([?&])start=\d+&?/, "$1").replace(/[?&]$/, "");
      url += (time ? "&start=" + time : "") + "&origin=" + encodeURIComponent(location.origin);
    }
    return url;
  }

  function framePlayer(segment, facade) {
    var provider = facade.dataset.provider;
    var frame = null;
    var cue = segment.offset;

    function send(message) {
      if (frame && frame.contentWindow) {
        frame.contentWindow.postMessage(JSON.stringify(message), new URL(frame.src).origin);
      }
    }

    function youtube(func, args) {
      send({ event: "command", func: func, args: args || [], id: frame.id, channel: "widget" });
    }

    function load(time, focus) {
      frame = document.createElement("iframe");
      frame.id = segment.element.id + "-player";
      frame.src = playerAddress(facade, time);
      frame.title = facade.querySelector(".video-facade__play").textContent.trim();
      frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
      frame.allowFullscreen = true;
      frame.className = "video-facade__frame";
      frame.addEventListener("load", function () {
        // Ask for the player's state (YouTube); Vimeo announces "ready" by itself.
        if (provider === "youtube") send({ event: "listening", id: frame.id, channel: "widget" });
      });
      facade.replaceChildren(frame);
      engage(segment);
      if (focus) frame.focus();
    }

    return {
      provider: provider,
      frame: function () {
        return frame;
      },
      play: function () {
        load(cue, true);
      },
      seek: function (time, play) {
        if (!frame) {
          cue = time;
          if (play) load(time, false);
        } else if (provider === "youtube") {
          youtube("seekTo", [time, true]);
          if (play) youtube("playVideo");
        } else {
          send({ method: "setCurrentTime", value: time });
          if (play) send({ method: "play" });
        }
      },
      receive: function (data) {
        if (provider === "vimeo") {
          if (data.event === "ready") send({ method: "addEventListener", value: "timeupdate" });
          if (data.event === "timeupdate" && data.data) update(segment, data.data.seconds, true);
        } else if (data.event === "onStateChange") {
          segment.playing = data.info === 1;
        } else if (data.event === "infoDelivery" && data.info) {
          if (typeof data.info.playerState === "number") segment.playing = data.info.playerState === 1;
          if (typeof data.info.currentTime === "number") {
            update(segment, data.info.currentTime, segment.playing);
          }
        }
      },
    };
  }

  // Segments and their turns ---------------------------------------------------------------

  function setUp(element) {
    var media = element.querySelector("[data-segment-player]");
    var facade = element.querySelector(".video-facade[data-player-url]:not([data-player-url=''])");
    var tools = element.querySelector("[data-transcript-tools]");
    var segment = {
      element: element,
      turns: Array.prototype.slice.call(element.querySelectorAll(".turn[data-start]")),
      offset: Number((media ? media.dataset.offset : facade && facade.dataset.start) || 0),
      current: null,
      playing: false,
      tools: tools,
    };
    if (media) segment.player = mediaPlayer(segment, media);
    else if (facade) segment.player = framePlayer(segment, facade);
    segments.set(element, segment);
    var speed = element.querySelector("[data-speed]");
    if (speed && media) {
      speed.hidden = false;
      speed.querySelector("select").addEventListener("change", function (event) {
        media.playbackRate = Number(event.target.value) || 1;
      });
    }
    if (tools && segment.player) {
      tools.hidden = false;
      var hint = tools.querySelector("[data-seek-hint]");
      segment.turns.forEach(function (turn) {
        var time = turn.querySelector(".turn__time");
        if (time && hint) time.setAttribute("aria-describedby", hint.id);
      });
    }
    return segment;
  }

  // The segment being watched keeps its player in view (sticky) while its transcript scrolls.
  function engage(segment) {
    document.querySelectorAll(".segment--engaged").forEach(function (element) {
      if (element !== segment.element) element.classList.remove("segment--engaged");
    });
    segment.element.classList.add("segment--engaged");
  }

  function segmentOf(node) {
    var element = node && node.closest(".segment");
    return element ? segments.get(element) : null;
  }

  function turnAt(segment, time) {
    var found = null;
    segment.turns.forEach(function (turn) {
      if (segment.offset + Number(turn.dataset.start) <= time + TOLERANCE) found = turn;
    });
    return found;
  }

  function update(segment, time, playing) {
    segment.playing = playing;
    var turn = turnAt(segment, time);
    if (turn) setCurrent(segment, turn, playing && following);
  }

  function setCurrent(segment, turn, follow) {
    if (segment.current === turn) return;
    if (segment.current) {
      segment.current.classList.remove("is-current");
      var previous = segment.current.querySelector(".turn__time");
      if (previous) previous.removeAttribute("aria-current");
    }
    segment.current = turn;
    turn.classList.add("is-current");
    var link = turn.querySelector(".turn__time");
    if (link) link.setAttribute("aria-current", "time");
    if (follow) {
      announce(segment, turn);
      bringIntoView(segment, turn);
    }
  }

  function announce(segment, turn) {
    var live = segment.tools && segment.tools.querySelector("[data-now-speaking]");
    var speaker = turn.querySelector(".turn__speaker");
    if (live && speaker) {
      live.textContent = live.dataset.nowSpeaking + " " + speaker.textContent.trim();
    }
  }

  function bringIntoView(segment, turn) {
    // Below the player when it sticks to the top (narrow screens), else below the top edge.
    var media = segment.element.querySelector(".segment__media");
    var sticky = media && getComputedStyle(media).position === "sticky";
    var top = sticky ? Math.max(0, media.getBoundingClientRect().bottom) : 0;
    var box = turn.getBoundingClientRect();
    if (box.top >= top && box.bottom <= window.innerHeight) return;
    window.scrollBy({
      top: box.top - top - 16,
      behavior: reducedMotion.matches ? "auto" : "smooth",
    });
  }

  // Reader actions -------------------------------------------------------------------------

  function playFrom(link) {
    var segment = segmentOf(link);
    var turn = link.closest(".turn");
    if (!segment || !segment.player || !turn) return false;
    if (scrolledAway) setFollowing(true);
    segment.player.seek(segment.offset + Number(link.dataset.start || 0), true);
    setCurrent(segment, turn, false);
    history.replaceState(null, "", link.getAttribute("href"));
    return true;
  }

  function cueFromAddress() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return; // a malformed address such as "#%": nothing to cue
    }
    var turn = /^turn-[\w-]+$/.test(id) ? document.getElementById(id) : null;
    var segment = segmentOf(turn);
    if (!segment || !segment.player || !turn.dataset.start) return;
    segment.player.seek(segment.offset + Number(turn.dataset.start), false);
    setCurrent(segment, turn, false);
  }

  function setFollowing(value) {
    following = value;
    scrolledAway = false;
    document.querySelectorAll("[data-follow]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(value));
    });
    document.querySelectorAll("[data-resume]").forEach(function (button) {
      button.hidden = true;
    });
  }

  // The reader scrolls (wheel, touch, keys, scroll bar) while a segment plays and is followed:
  // stop pulling them back to the current turn, and offer the way back.
  function readerScrolled() {
    if (!following) return;
    var playing = null;
    document.querySelectorAll(".segment").forEach(function (element) {
      var segment = segments.get(element);
      if (segment && segment.playing && segment.current) playing = segment;
    });
    if (!playing) return;
    setFollowing(false);
    scrolledAway = true;
    var back = playing.tools && playing.tools.querySelector("[data-resume]");
    if (back) back.hidden = false;
  }

  function resume(button) {
    var segment = segmentOf(button);
    setFollowing(true);
    if (segment && segment.current) {
      announce(segment, segment.current);
      bringIntoView(segment, segment.current);
      var time = segment.current.querySelector(".turn__time");
      if (time) time.focus({ preventScroll: true });
    }
  }

  function share(segment) {
    var turn = segment.current || segment.turns[0];
    if (!turn) return;
    var link = location.href.replace(/#.*$/, "") + "#" + turn.id;
    var tools = segment.tools;
    var status = tools.querySelector("[data-share-status]");
    var field = tools.querySelector("[data-share-field]");
    var input = field.querySelector("input");
    input.value = link;
    field.hidden = false;
    function fallback() {
      status.textContent = status.dataset.select;
      input.focus();
      input.select();
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(link).then(function () {
        status.textContent = status.dataset.copied;
      }, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var play = target.closest(".video-facade__play");
    var segment = segmentOf(play);
    if (play && segment && segment.player && segment.player.play) {
      event.preventDefault();
      segment.player.play();
      return;
    }
    var time = target.closest(".turn__time");
    if (time && playFrom(time)) {
      event.preventDefault();
      return;
    }
    var back = target.closest("[data-resume]");
    if (back) {
      resume(back);
      return;
    }
    var follow = target.closest("[data-follow]");
    if (follow) setFollowing(follow.getAttribute("aria-pressed") !== "true");
    var shareButton = target.closest("[data-share]");
    if (shareButton) share(segmentOf(shareButton));
  });

  // Timecodes act as buttons once scripted: Space plays as Enter does (and does not scroll).
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === " " && target.closest) {
      var time = target.closest(".turn__time");
      if (time && playFrom(time)) {
        event.preventDefault();
        return;
      }
    }
    // Keys that scroll the page (not a field's text, a player's or a button's own keys).
    var control = target.closest && target.closest("input, textarea, select, video, audio, button");
    if (SCROLL_KEYS.indexOf(event.key) >= 0 && !control && !target.isContentEditable) {
      readerScrolled();
    }
  });
  window.addEventListener("wheel", readerScrolled, { passive: true });
  document.addEventListener("transcript:reader-away", readerScrolled); // transcript_search.js
  window.addEventListener("touchmove", readerScrolled, { passive: true });
  document.addEventListener("pointerdown", function (event) {
    // A press on the page's own scroll bar.
    var root = document.documentElement;
    if (event.target === root && event.clientX >= root.clientWidth) readerScrolled();
  });

  // Messages from the players we loaded, and only from them.
  window.addEventListener("message", function (event) {
    document.querySelectorAll(".segment").forEach(function (element) {
      var segment = segments.get(element);
      var frame = segment && segment.player && segment.player.frame && segment.player.frame();
      if (!frame || event.source !== frame.contentWindow) return;
      if (event.origin !== new URL(frame.src).origin) return;
      var data = event.data;
      try {
        if (typeof data === "string") data = JSON.parse(data);
      } catch (error) {
        return;
      }
      if (data && typeof data === "object") segment.player.receive(data);
    });
  });

  window.addEventListener("hashchange", cueFromAddress);
  document.querySelectorAll(".segment").forEach(setUp);
  cueFromAddress();
})();
