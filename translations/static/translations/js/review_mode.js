// The review mode (translations/review_mode.py): accept a turn without reloading the
// page, and move between turns from the keyboard. Without this script every action is a plain
// form or link that works the same way, one page load at a time.
//   j / k  next / previous turn      n  next unreviewed turn      a  accept the current turn
(function () {
  "use strict";
  var root = document.querySelector("[data-review-mode]");
  if (!root) {
    return;
  }
  var live = root.querySelector("[data-review-live]");
  var personLabel = root.getAttribute("data-person-label") || "Person";

  function groups() {
    return Array.prototype.slice.call(root.querySelectorAll("[data-review-group]"));
  }

  function current() {
    var active = document.activeElement && document.activeElement.closest("[data-review-group]");
    if (active) {
      return active;
    }
    var all = groups();
    for (var i = 0; i < all.length; i++) {
      if (all[i].getBoundingClientRect().bottom > 80) {
        return all[i];
      }
    }
    return all[0] || null;
  }

  function show(group) {
    if (!group) {
      return;
    }
    group.focus({ preventScroll: true });
    group.scrollIntoView({ block: "start" });
    if (history.replaceState) {
      history.replaceState(null, "", "#" + group.id);
    }
  }

  // The first group left to review after `from` (from the top when null; from `from` itself
  // when `inclusive`).
  function nextUnreviewed(from, inclusive) {
    var all = groups();
    var start = from ? all.indexOf(from) + (inclusive ? 0 : 1) : 0;
    for (var i = start; i < all.length; i++) {
      if (all[i].getAttribute("data-unreviewed") !== "0" && !all[i].hasAttribute("data-pending")) {
        return all[i];
      }
    }
    return null;
  }

  function say(text) {
    if (live) {
      live.textContent = text;
    }
  }

  function accept(form) {
    var group = form.closest("[data-review-group]");
    var button = form.querySelector("[data-review-accept]");
    if (button) {
      button.disabled = true;
    }
    var errors = group.querySelector("[data-review-errors]");
    if (errors) {
      errors.remove();
    }
    // The reader moves on at once: the turn is marked when the server has saved it, and shown
    // again with the reasons if it refused.
    group.setAttribute("data-pending", "");
    show(nextUnreviewed(group));
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        if (button) {
          button.disabled = false;
        }
        group.removeAttribute("data-pending");
        if (!answer.ok) {
          var box = document.createElement("div");
          box.className = "help-block help-critical";
          box.setAttribute("role", "alert");
          box.setAttribute("data-review-errors", "");
          var list = document.createElement("ul");
          answer.messages.forEach(function (text) {
            var item = document.createElement("li");
            item.textContent = text;
            list.appendChild(item);
          });
          box.appendChild(list);
          form.insertBefore(box, form.querySelector(".review-group__actions"));
          show(group);
          return;
        }
        answer.accepted.forEach(function (id) {
          var item = group.querySelector('[data-review-string="' + id + '"]');
          if (!item) {
            return;
          }
          item.setAttribute("data-state", "human");
          item.className = "review-string review-string--human";
          var mark = item.querySelector("[data-review-mark]");
          mark.className = "review-mark review-mark--human";
          mark.textContent = personLabel;
          var suggestion = item.querySelector("[data-review-suggestion]");
          if (suggestion) {
            suggestion.remove();
          }
        });
        var left = group.querySelectorAll('[data-state]:not([data-state="human"])').length;
        group.setAttribute("data-unreviewed", String(left));
        group.classList.toggle("review-group--reviewed", left === 0);
        say(answer.messages.join(" "));
        // From the turn being worked on, the next one; before any, the first from here.
      var focused = document.activeElement && document.activeElement.closest("[data-review-group]");
      show(focused ? nextUnreviewed(focused) : nextUnreviewed(group, true));
      })
      .catch(function () {
        // The network failed: submit the form the ordinary way.
        form.submit();
      });
  }

  root.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-review-form]");
    if (form && window.fetch && window.FormData) {
      event.preventDefault();
      accept(form);
    }
  });

  root.addEventListener("click", function (event) {
    var link = event.target.closest("[data-review-next]");
    if (!link) {
      return;
    }
    event.preventDefault();
    var from = link.closest("[data-review-group]");
    show(from ? nextUnreviewed(from) : nextUnreviewed(null));
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    if (target.closest && target.closest("textarea, input, select, [contenteditable]")) {
      return;
    }
    var group = current();
    var all = groups();
    var index = group ? all.indexOf(group) : -1;
    if (event.key === "j") {
      show(all[Math.min(index + 1, all.length - 1)]);
    } else if (event.key === "k") {
      show(all[Math.max(index - 1, 0)]);
    } else if (event.key === "n") {
      // From the turn being worked on, the next one; before any, the first from here.
      var focused = document.activeElement && document.activeElement.closest("[data-review-group]");
      show(focused ? nextUnreviewed(focused) : nextUnreviewed(group, true));
    } else if (event.key === "a" && group) {
      var form = group.querySelector("[data-review-form]");
      if (form && form.querySelector("[data-review-accept]")) {
        accept(form);
      }
    } else {
      return;
    }
    event.preventDefault();
  });
})();
