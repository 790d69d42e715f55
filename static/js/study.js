// Keyboard shortcuts and focus handling for the study and quiz pages.
// Everything here is an enhancement: each action is also a plain button in a form.
(function () {
  "use strict";

  function isTyping(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  function card() {
    return document.querySelector("[data-card]");
  }

  function click(selector) {
    const scope = card() || document;
    const element = scope.querySelector(selector) || document.querySelector(selector);
    if (element) {
      element.click();
      return true;
    }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) {
      return;
    }
    if (/^[1-9]$/.test(event.key)) {
      if (click('[data-key="' + event.key + '"]')) event.preventDefault();
    } else if (event.key === "u" || event.key === "U") {
      if (click("[data-undo]")) event.preventDefault();
    } else if (event.key === "Enter" && !event.target.closest("button, a, summary")) {
      if (click("[data-enter]")) event.preventDefault();
    }
  });

  // Move focus to the new question (or its answer box) so keyboard and
  // screen-reader users continue where the content changed.
  function focusCard() {
    const input = document.querySelector("[data-answer-input]");
    const target = input || document.querySelector("[data-focus]");
    if (target) target.focus();
  }

  // Ordering questions: the rank selects become a list to drag, with the mouse or the
  // keyboard (Space picks an event up, the arrow keys move it, Space drops it), each move
  // announced. The selects stay in the form, set from the list, so the post is the same.
  function sortable(fieldset) {
    if (fieldset.dataset.sortable) return;
    fieldset.dataset.sortable = "on";
    fieldset.classList.add("is-sortable");
    fieldset.querySelector("[data-ordering-hint]").hidden = false;
    const list = fieldset.querySelector(".ordering-items");
    const status = fieldset.querySelector("[data-ordering-status]");
    const items = function () {
      return Array.from(list.querySelectorAll("[data-ordering-item]"));
    };
    const name = function (item) {
      return item.querySelector("label").textContent.trim();
    };
    const handle = function (item) {
      return item.querySelector(".grab");
    };
    const place = function (item) {
      return items().indexOf(item) + 1;
    };
    function sync() {
      const all = items();
      all.forEach(function (item, index) {
        item.querySelector("select").value = String(index + 1);
        handle(item).setAttribute(
          "aria-label", name(item) + ", place " + (index + 1) + " of " + all.length);
      });
    }
    function say(text) {
      status.textContent = text;
    }
    // Each event gets a button to pick it up with: a list item may not be pressed.
    items().forEach(function (item) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "grab";
      button.textContent = name(item);
      button.setAttribute("aria-pressed", "false");
      button.setAttribute("aria-roledescription", "event to put in order");
      item.prepend(button);
      item.draggable = true;
    });
    // Ranks sent back with an error: start from them when they make an order.
    const ranks = items().map(function (item) {
      return parseInt(item.querySelector("select").value, 10);
    });
    if (ranks.every(function (rank) { return rank > 0; }) && new Set(ranks).size === ranks.length) {
      items()
        .map(function (item, index) { return [ranks[index], item]; })
        .sort(function (a, b) { return a[0] - b[0]; })
        .forEach(function (pair) { list.appendChild(pair[1]); });
    }
    sync();

    let grabbed = null;
    function drop() {
      handle(grabbed).setAttribute("aria-pressed", "false");
      grabbed.classList.remove("is-grabbed");
      say("Dropped " + name(grabbed) + " at place " + place(grabbed) + " of " + items().length + ".");
      grabbed = null;
    }
    // Space, Enter or a click picks an event up, and drops it.
    list.addEventListener("click", function (event) {
      const button = event.target.closest(".grab");
      if (!button) return;
      const item = button.closest("[data-ordering-item]");
      if (grabbed === item) {
        drop();
        return;
      }
      if (grabbed) drop();
      grabbed = item;
      item.classList.add("is-grabbed");
      button.setAttribute("aria-pressed", "true");
      say("Picked up " + name(item) + ", place " + place(item) + " of " + items().length +
        ". Move it with the arrow keys, drop it with Space.");
    });
    list.addEventListener("keydown", function (event) {
      const button = event.target.closest(".grab");
      if (!button) return;
      const item = button.closest("[data-ordering-item]");
      if (event.key === "ArrowUp" || event.key === "ArrowDown") {
        event.preventDefault();
        const up = event.key === "ArrowUp";
        const neighbour = up ? item.previousElementSibling : item.nextElementSibling;
        if (!neighbour) return;
        if (grabbed === item) {
          list.insertBefore(item, up ? neighbour : neighbour.nextElementSibling);
          sync();
          button.focus();
          say(name(item) + " moved to place " + place(item) + " of " + items().length + ".");
        } else {
          handle(neighbour).focus();
        }
      } else if (event.key === "Escape" && grabbed) {
        event.preventDefault();
        drop();
      }
    });
    let dragged = null;
    list.addEventListener("dragstart", function (event) {
      dragged = event.target.closest("[data-ordering-item]");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged ? name(dragged) : "");
    });
    list.addEventListener("dragover", function (event) {
      const over = event.target.closest("[data-ordering-item]");
      if (!dragged || !over) return;
      event.preventDefault();
      if (over !== dragged) {
        const after = place(over) > place(dragged);
        list.insertBefore(dragged, after ? over.nextElementSibling : over);
      }
    });
    list.addEventListener("dragend", function () {
      if (!dragged) return;
      sync();
      say(name(dragged) + " moved to place " + place(dragged) + " of " + items().length + ".");
      dragged = null;
    });
  }

  function enhance() {
    document.querySelectorAll("[data-ordering]").forEach(sortable);
  }

  // A timed quiz counts down from the seconds the server gave (so a wrong clock here does
  // not matter); at the end the page reloads once and the server shows the result.
  function countdown() {
    document.querySelectorAll("[data-seconds-left]").forEach(function (element) {
      if (!element.dataset.endsAt) {
        element.dataset.endsAt = String(Date.now() + 1000 * Number(element.dataset.secondsLeft));
      }
      const left = Number(element.dataset.endsAt) - Date.now();
      if (left <= 0) {
        element.textContent = "Time is up";
        if (!element.dataset.reloaded) {
          element.dataset.reloaded = "yes";
          window.location.reload();
        }
        return;
      }
      const minutes = Math.floor(left / 60000);
      const seconds = Math.floor(left / 1000) % 60;
      element.textContent = "Time left " + minutes + ":" + String(seconds).padStart(2, "0");
    });
  }
  window.setInterval(countdown, 1000);

  // The key hints only mean something where the shortcuts run: say so to the style sheet.
  document.documentElement.classList.add("has-keys");

  document.addEventListener("DOMContentLoaded", function () {
    enhance();
    focusCard();
  });
  document.body.addEventListener("htmx:afterSettle", function (event) {
    enhance();
    if (event.detail.target && event.detail.target.id === "study") focusCard();
  });
})();
