// wagtail-localize's translation editor: keep Parlance's "Save draft" / "Submit for review" bar
// in view. The bar is rendered at the top of the editor; it is moved into the header that
// wagtail-localize keeps sticky at the top of the window, below the page's title bar, so it
// stays visible (and first in the tab order after the header) however far the translator
// scrolls. Without this script the bar stays where it is: at the top, visible on arrival.
(function () {
  "use strict";
  function keepInView() {
    var bar = document.querySelector("[data-parlance-translation-actions]");
    var header = document.querySelector("main .w-sticky.w-top-0");
    if (!bar || !header) {
      return;
    }
    header.appendChild(bar);
    bar.classList.add("parlance-translation-actions--sticky");
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", keepInView);
  } else {
    keepInView();
  }
})();
