/* Klantreis Kennisbank: tooltips on terms.
 * Plain script, no dependencies: it must work online, under a sub-path and from file://. */
(function () {
  "use strict";

  /* ---- Tooltips ----------------------------------------------------------------
   * The definition lives in data-definitie and is only ever set as textContent, so markup in
   * a definition stays text. Mouse: hover. Keyboard: focus. Touch: the first tap shows the
   * definition, a second tap on the same term opens the term page. */
  var tip = document.createElement("div");
  tip.className = "kr-tooltip";
  tip.setAttribute("role", "tooltip");
  tip.id = "kr-tooltip";
  tip.hidden = true;
  document.body.appendChild(tip);
  var shownFor = null;
  var lastPointer = "mouse";
  var shownBeforeTap = null;  // a tap also fires mouseenter; what was open before it counts

  function describe(link, index) {
    // A hidden description per link gives screen readers the definition, without the tooltip.
    var id = "kr-definitie-" + index;
    var text = document.createElement("span");
    text.id = id;
    text.hidden = true;
    text.textContent = link.getAttribute("data-definitie") || "";
    link.after(text);
    link.setAttribute("aria-describedby", id);
  }

  function show(link) {
    tip.textContent = link.getAttribute("data-definitie") || "";
    tip.hidden = false;
    shownFor = link;
    var box = link.getBoundingClientRect();
    var width = Math.min(320, document.documentElement.clientWidth - 16);
    tip.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(box.left + window.scrollX,
      window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    var below = box.bottom + window.scrollY + 6;
    var above = box.top + window.scrollY - tip.offsetHeight - 6;
    var fitsBelow = box.bottom + tip.offsetHeight + 12 < window.innerHeight;
    tip.style.left = left + "px";
    tip.style.top = (fitsBelow || above < window.scrollY ? below : above) + "px";
  }

  function hide() {
    tip.hidden = true;
    shownFor = null;
  }

  var links = document.querySelectorAll("a.kr-begrip[data-definitie]");
  links.forEach(function (link, index) {
    describe(link, index);
    link.addEventListener("mouseenter", function () { show(link); });
    link.addEventListener("mouseleave", function () { if (lastPointer !== "touch") hide(); });
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", hide);
    link.addEventListener("click", function (event) {
      if (lastPointer === "touch" && shownBeforeTap !== link) {
        event.preventDefault();
        show(link);
      }
    });
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType;
    shownBeforeTap = shownFor;
    if (!event.target.closest || !event.target.closest("a.kr-begrip")) hide();
  });
  window.addEventListener("scroll", function () { if (shownFor) show(shownFor); }, { passive: true });

  // Material's search dialog has no accessible name; screen readers announce this one.
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Zoeken");
})();
