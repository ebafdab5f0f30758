/* Klantreis Kennisbank: tooltips on terms.
 * Plain script, no dependencies: it must work online, under a sub-path and from file://.
 *
 * Definitions come from window.klantreisBegrippen (begrippen.js, generated with the site) and
 * are only ever set as textContent, so markup in a definition stays text. Without JavaScript
 * a term is a plain link to its page.
 *
 * Mouse: hover shows the tooltip; it stays while the pointer is on the term or on the tooltip
 * (WCAG 1.4.13: hoverable, dismissible with Escape, persistent). Keyboard: focus shows it,
 * Enter follows the link. Touch: the first tap shows the definition, a second tap on the same
 * term opens the term page. The way the last interaction came in decides, per event. */
(function () {
  "use strict";

  var terms = window.klantreisBegrippen || {};
  var MARGIN = 8;
  var HIDE_DELAY = 300;  // ms to move the pointer from the term onto the tooltip

  var tip = document.createElement("div");
  tip.className = "kr-tooltip";
  tip.setAttribute("role", "tooltip");
  tip.id = "kr-tooltip";
  tip.hidden = true;
  document.body.appendChild(tip);

  var shownFor = null;
  var hideTimer = null;
  var tappedOpen = null;  // the term a touch opened; a second tap on it follows the link

  function definitionOf(link) {
    var term = terms[link.getAttribute("data-begrip")];
    return term ? term.uitleg : "";
  }

  function describe(link, index) {
    // A hidden description per link gives screen readers the definition, without the tooltip.
    var definition = definitionOf(link);
    if (!definition) return;
    var text = document.createElement("span");
    text.id = "kr-definitie-" + index;
    text.hidden = true;
    text.textContent = definition;
    link.after(text);
    link.setAttribute("aria-describedby", text.id);
  }

  function place(link) {
    var viewport = document.documentElement.clientWidth;
    tip.style.maxWidth = Math.min(320, viewport - 2 * MARGIN) + "px";
    var box = link.getBoundingClientRect();
    // Inside the screen at both edges, on a phone too.
    var left = Math.min(Math.max(MARGIN, box.left), viewport - tip.offsetWidth - MARGIN);
    var fitsBelow = box.bottom + tip.offsetHeight + 2 * MARGIN < window.innerHeight;
    var top = fitsBelow || box.top - tip.offsetHeight - MARGIN < 0
      ? box.bottom + 6
      : box.top - tip.offsetHeight - 6;
    tip.style.left = Math.max(MARGIN, left) + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    var definition = definitionOf(link);
    if (!definition) return;
    cancelHide();
    tip.textContent = definition;
    tip.hidden = false;
    shownFor = link;
    place(link);
  }

  function hide() {
    cancelHide();
    tip.hidden = true;
    shownFor = null;
    tappedOpen = null;
  }

  function hideSoon() {
    cancelHide();
    hideTimer = window.setTimeout(hide, HIDE_DELAY);
  }

  function cancelHide() {
    if (hideTimer !== null) window.clearTimeout(hideTimer);
    hideTimer = null;
  }

  document.querySelectorAll("a.kr-begrip[data-begrip]").forEach(function (link, index) {
    describe(link, index);
    link.addEventListener("pointerenter", function (event) {
      if (event.pointerType === "mouse") show(link);
    });
    link.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse") hideSoon();
    });
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", function () { if (tappedOpen !== link) hideSoon(); });
    link.addEventListener("click", function (event) {
      // Only a real tap asks for the two-step: a click from the keyboard (Enter) or a mouse
      // follows the link at once, whatever came before.
      if (event.pointerType !== "touch") return;
      if (tappedOpen === link) return;
      event.preventDefault();
      show(link);
      tappedOpen = link;
    });
  });

  tip.addEventListener("pointerenter", cancelHide);
  tip.addEventListener("pointerleave", function (event) {
    if (event.pointerType === "mouse") hideSoon();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !tip.hidden) hide();
  });
  document.addEventListener("pointerdown", function (event) {
    var onTerm = event.target.closest && event.target.closest("a.kr-begrip");
    if (!onTerm && !tip.contains(event.target)) hide();
    else if (onTerm && onTerm !== tappedOpen) tappedOpen = null;
  });
  window.addEventListener("scroll", function () { if (shownFor) place(shownFor); }, { passive: true });
  window.addEventListener("resize", function () { if (shownFor) place(shownFor); });

  // Material's search dialog has no accessible name; screen readers announce this one.
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Zoeken");
})();
