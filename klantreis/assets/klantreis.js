/* Klantreis Kennisbank: tooltips on terms, and Dutch word forms in search.
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

  /* ---- Search in Dutch -----------------------------------------------------------
   * Material appends a wildcard to every query word, which skips lunr's stemmer. So before a
   * query reaches the search worker we add the singular forms of Dutch plurals:
   * "conversies" also searches "conversie", "afspraken" "afspraak", "klantreizen" "klantreis". */
  var VOWELS = "aeiou";

  function isConsonant(c) { return !!c && /[a-z]/.test(c) && VOWELS.indexOf(c) < 0; }

  function singulars(word) {
    var w = word.toLowerCase();
    var forms = [];
    if (w.length < 4 || /[*+\-~^:]/.test(w)) return forms;
    if (/'s$/.test(w)) forms.push(w.slice(0, -2));
    else if (/ën$/.test(w)) forms.push(w.slice(0, -2));          // categorieën -> categorie
    else if (/[^iu s]s$/.test(w)) forms.push(w.slice(0, -1));    // conversies -> conversie
    if (/en$/.test(w) && w.length > 4) {
      var stem = w.slice(0, -2);
      forms.push(w.slice(0, -1));                                   // fasen -> fase
      if (/zen$/.test(w)) stem = stem.slice(0, -1) + "s";           // reizen -> reis
      else if (/ven$/.test(w)) stem = stem.slice(0, -1) + "f";      // bedrijven -> bedrijf
      var n = stem.length;
      if (n > 2 && stem[n - 1] === stem[n - 2] && isConsonant(stem[n - 1])) {
        stem = stem.slice(0, -1);                                   // stappen -> stap
      } else if (isConsonant(stem[n - 1]) && VOWELS.indexOf(stem[n - 2]) >= 0 &&
                 isConsonant(stem[n - 3])) {
        forms.push(stem);
        stem = stem.slice(0, -1) + stem[n - 2] + stem[n - 1];        // afspraken -> afspraak
      }
      forms.push(stem);
    }
    return forms.filter(function (form, i) { return form.length > 3 && forms.indexOf(form) === i; });
  }

  function expandQuery(query) {
    var extra = [];
    query.split(/\s+/).forEach(function (word) {
      if (word.indexOf('"') >= 0) return;
      singulars(word).forEach(function (form) {
        if (extra.indexOf(form) < 0 && form !== word.toLowerCase()) extra.push(form);
      });
    });
    return extra.length ? query + " " + extra.join(" ") : query;
  }
  window.klantreisExpandQuery = expandQuery;

  // Material's search speaks to its worker with {type: 2, data: query} (SearchMessageType.QUERY).
  // Offline, Worker is the iframe-worker shim; both keep postMessage on the prototype.
  var QUERY = 2;
  if (window.Worker && window.Worker.prototype.postMessage) {
    var post = window.Worker.prototype.postMessage;
    window.Worker.prototype.postMessage = function (message) {
      if (message && message.type === QUERY && typeof message.data === "string") {
        arguments[0] = { type: QUERY, data: expandQuery(message.data) };
      }
      return post.apply(this, arguments);
    };
  }
})();
