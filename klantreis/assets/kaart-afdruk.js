/* Klantreis Kennisbank: a journey map prints on one page, however many stages it has.
 *
 * The page asks for landscape A3 (theme/main.html) and names the printable area in millimetres
 * on the print stylesheet's link (data-kr-afdruk="404 281"). A browser runs "beforeprint" with
 * the screen's styles, so to learn how tall the printed page will be, this switches the print
 * stylesheet on for a moment, lays the content out at the paper's width, and looks for the
 * largest zoom at which it fits. The zoom stays until "afterprint". */
(function () {
  "use strict";

  var PX_PER_MM = 96 / 25.4;
  var SAFETY = 0.97; // the screen's layout is close to the printer's, not identical
  var SMALLEST = 0.4;
  var STEPS = 7;

  function printableArea(sheet) {
    var sizes = (sheet.getAttribute("data-kr-afdruk") || "").split(" ").map(Number);
    if (sizes.length !== 2 || !sizes[0] || !sizes[1]) return null;
    return { width: sizes[0] * PX_PER_MM, height: sizes[1] * PX_PER_MM * SAFETY };
  }

  // The content's height on paper at this zoom: the paper's width is the content's width.
  function heightAt(content, area, zoom) {
    content.style.zoom = String(zoom);
    content.style.width = area.width / zoom + "px";
    return content.getBoundingClientRect().height;
  }

  function largestFittingZoom(content, area) {
    if (heightAt(content, area, 1) <= area.height) return 1;
    var fits = SMALLEST;
    var tooBig = 1;
    for (var step = 0; step < STEPS; step += 1) {
      var zoom = (fits + tooBig) / 2;
      if (heightAt(content, area, zoom) <= area.height) fits = zoom; else tooBig = zoom;
    }
    return fits;
  }

  function fitToPage() {
    var sheet = document.querySelector("link[data-kr-afdruk]");
    var content = document.querySelector(".md-content__inner");
    if (!sheet || !content || !content.querySelector(".kr-kaartpagina")) return;
    var area = printableArea(sheet);
    if (!area) return;
    sheet.media = "all";
    var zoom = largestFittingZoom(content, area);
    sheet.media = "print";
    content.style.width = "";
    content.style.zoom = zoom < 1 ? String(zoom) : "";
    content.setAttribute("data-kr-afdrukzoom", zoom.toFixed(2));
  }

  function reset() {
    var content = document.querySelector(".md-content__inner[data-kr-afdrukzoom]");
    if (!content) return;
    content.style.zoom = "";
    content.removeAttribute("data-kr-afdrukzoom");
  }

  window.addEventListener("beforeprint", fitToPage);
  window.addEventListener("afterprint", reset);
})();
