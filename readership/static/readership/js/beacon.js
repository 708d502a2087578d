/* Counts one reader of this page: a single POST (navigator.sendBeacon) with the page's id, once
   the page is actually shown: not while it is prerendered, not while it waits in a tab that
   was never looked at. Sends nothing else: no cookie, no identifier, no address of its own.
   The page's id and the beacon's address come from this script tag's data attributes, so the
   page needs no inline script (CSP). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon || !window.URLSearchParams) {
    return;
  }
  var address = script.getAttribute("data-beacon");
  var page = script.getAttribute("data-page");
  var sent = false;

  function send() {
    if (sent || document.visibilityState !== "visible") {
      return;
    }
    sent = true;
    navigator.sendBeacon(address, new URLSearchParams({ page: page }));
  }

  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  }
  document.addEventListener("visibilitychange", send);
  if (!document.prerendering) {
    send();
  }
})();
