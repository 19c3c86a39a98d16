// Small behaviours without inline scripts (the Content-Security-Policy forbids them): buttons marked data-print.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
