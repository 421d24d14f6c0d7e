/* Triage form helpers. The form works without this file; it only improves focus and printing.
   - An error summary link moves focus to the input it names (not just scrolls to it).
   - The error summary takes focus on load when the browser ignored `autofocus`.
   - The "Print this summary" button appears only when printing can be started from it. */
(function () {
  "use strict";

  function focusTarget(event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    var group = target.closest("fieldset") || target.closest(".form-group");
    var legend = group && group.querySelector("legend, label");
    (legend || target).scrollIntoView();
    target.focus({ preventScroll: true });
  }

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.addEventListener("click", focusTarget);
    if (document.activeElement !== summary) { summary.focus(); }
  }

  var printButton = document.querySelector("[data-print]");
  if (printButton && typeof window.print === "function") {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }
})();
