// Search within the article's transcripts: matches (case and accents ignored) are marked in
// place, "Next match"/"Previous match" (or Enter/Shift+Enter in the field) move between them,
// and the status announces how many there are and which one is shown. The form stays hidden
// without this script; the browser's own find still works then. See docs/architecture.md.
(function () {
  "use strict";

  var box = document.querySelector("[data-transcript-search]");
  if (!box) return;
  var input = box.querySelector("input");
  var status = box.querySelector("[role=status]");
  var SCOPE = ".transcript .turn__name, .transcript .turn__content";
  var marks = [];
  var active = -1;
  var timer = null;

  // One folded character per character, so positions in the folded text are positions in
  // the text: "É" → "e", "ß" stays "ß".
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var plain = text[i].normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
      out += plain.length === 1 ? plain : text[i];
    }
    return out;
  }

  function clear() {
    marks.forEach(function (mark) {
      var parent = mark.parentNode;
      if (!parent) return;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    });
    marks = [];
    active = -1;
  }

  function textNodes() {
    var nodes = [];
    document.querySelectorAll(SCOPE).forEach(function (root) {
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) nodes.push(walker.currentNode);
    });
    return nodes;
  }

  function mark(node, query) {
    var folded = fold(node.data);
    var at = folded.indexOf(query);
    while (at >= 0) {
      var match = node.splitText(at);
      node = match.splitText(query.length);
      var element = document.createElement("mark");
      element.className = "transcript-match";
      match.parentNode.replaceChild(element, match);
      element.appendChild(match);
      marks.push(element);
      folded = fold(node.data);
      at = folded.indexOf(query);
    }
  }

  function say(template, count, current) {
    status.textContent = template
      .replace("{count}", String(count))
      .replace("{current}", String(current));
  }

  function search() {
    clear();
    var query = fold(input.value.trim());
    if (query.length < 2) {
      status.textContent = "";
      return;
    }
    textNodes().forEach(function (node) {
      mark(node, query);
    });
    if (marks.length) say(status.dataset.count, marks.length);
    else status.textContent = status.dataset.none;
  }

  function step(by) {
    if (timer) {
      clearTimeout(timer);
      timer = null;
      search();
    }
    if (!marks.length) return;
    if (active >= 0) marks[active].classList.remove("is-active");
    active = (active + by + marks.length) % marks.length;
    var current = marks[active];
    current.classList.add("is-active");
    // The reader is going somewhere in the transcript: a playing video stops pulling them.
    document.dispatchEvent(new CustomEvent("transcript:reader-away"));
    current.scrollIntoView({ block: "center" });
    say(status.dataset.position, marks.length, active + 1);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      timer = null;
      search();
    }, 250);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    } else if (event.key === "Escape" && input.value) {
      input.value = "";
      search();
    }
  });
  box.addEventListener("click", function (event) {
    var button = event.target.closest("[data-search-step]");
    if (button) step(Number(button.dataset.searchStep));
  });
  box.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
  });
  box.hidden = false;
})();
