/* Klantreis Kennisbank: Dutch word forms in search.
 * Plain script, no dependencies: it must work online, under a sub-path and from file://. */
(function () {
  "use strict";

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
