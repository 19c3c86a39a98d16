// Small behaviours without inline scripts (the Content-Security-Policy forbids them): buttons marked data-print.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});

// The hall's projector view: a button marked data-fullscreen puts the page in full screen.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-fullscreen]");
  if (button && document.documentElement.requestFullscreen) {
    event.preventDefault();
    document.documentElement.requestFullscreen();
  }
});

// On a phone the main menu is folded: the "Menu" button (data-menu-toggle) opens and closes it.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-menu-toggle]");
  if (!button) {
    return;
  }
  var menu = document.getElementById(button.getAttribute("aria-controls"));
  var open = menu.classList.toggle("open");
  button.setAttribute("aria-expanded", open ? "true" : "false");
});

// htmx leaves 4xx answers unswapped; a region marked data-swap-errors (the supervision panel) shows its 400 with the reason.
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 400 && event.detail.target && event.detail.target.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// A button marked data-confirm="question" asks before its form is sent (cancel, reject, issue a number, submit a report).
// Listened to in the capture phase, after the browser's own checks of required fields, before htmx sees the submit.
document.addEventListener(
  "submit",
  function (event) {
    var button = event.submitter;
    var question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true
);
