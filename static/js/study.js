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

  document.addEventListener("DOMContentLoaded", focusCard);
  document.body.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.id === "study") focusCard();
  });
})();
