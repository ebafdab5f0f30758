/* Klantreis Kennisbank: the search worker behind Material's search box.
 *
 * Material's page script talks to a worker with four messages (its SearchMessageType):
 * SETUP {config, docs, options} -> READY; QUERY "text" -> RESULT {items, suggest}. This worker
 * speaks that protocol, so Material's look, result list and keyboard stay as they are, but the
 * index is ours: built at build time in Python (klantreis/site/search.py) and sent inside
 * `config.klantreis` of search/search_index.json. tests/test_search_contract.py fails, naming
 * what changed, when a Material upgrade breaks any part of this contract.
 *
 * Plain script, no dependencies: it runs as a Web Worker online and inside Material's
 * iframe-worker shim from file://. The word rules below mirror klantreis/site/search_text.py
 * and klantreis/site/dutch.py; the browser tests run real queries against a real index. */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MAX_RESULTS = 50, MAX_PREFIX_FORMS = 40;
  var VOWELS = "aeiou";
  var NAME_UNIT = 220;          // a whole-name match outweighs any number of text matches
  var COVERAGE_POWER = 2;       // a page with half the query's words gets a quarter
  var RARE = 1.5;               // the rarity (BM25's idf) of a word on about 1 page in 5
  var VERB_WEIGHT = 0.3;        // the verb of a question ("hoe krijg ik ...")
  var SUBJECTS = new Set(["ik", "je", "jij", "u", "we", "wij", "ze", "zij", "hij", "men"]);
  var PARTICLE = /^(aan|af|bij|door|in|mee|na|om|op|over|terug|toe|uit|voor|weg)([a-z]+)$/;
  var index = null;

  /* ---- words (same as search_text.py) -------------------------------------------------- */
  var COMPOUND = /[a-z0-9]+(?:'[a-z0-9]+)*(?:[-/][a-z0-9]+(?:'[a-z0-9]+)*)*/g;

  function fold(text) {
    return text.replace(/[\u2019\u2018`\u00b4]/g, "'").toLowerCase()
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function oneWord(part) {
    if (/'s$/.test(part)) part = part.slice(0, -2);
    return part.replace(/'/g, "");
  }
  function phraseKey(text) {
    return fold(text).split(/[^a-z0-9']+/).filter(Boolean).map(oneWord).join("");
  }

  /* Query words: a hyphenated word counts as one word (its joined form) when the index knows
   * it, otherwise as its parts. */
  function queryWords(text) {
    var result = [], match;
    var folded = fold(text);
    COMPOUND.lastIndex = 0;
    while ((match = COMPOUND.exec(folded)) !== null) {
      var pieces = match[0].split(/[-/]/).map(oneWord);
      var parts = pieces.filter(function (p) { return p.length > 1 || /^\d+$/.test(p); });
      var joined = pieces.join("");
      var end = match.index + match[0].length;
      if (pieces.length > 1 && index.wordId.has(joined)) parts = [joined];
      parts.forEach(function (p, i) {
        result.push({ word: p, end: i === parts.length - 1 ? end : -1 });
      });
    }
    return result;
  }

  /* ---- Dutch forms (same as dutch.py) -------------------------------------------------- */
  function isConsonant(c) { return !!c && /[a-z]/.test(c) && VOWELS.indexOf(c) < 0; }

  /* A stem as Dutch spells it alone: stapp -> stap, sprak -> spraak, reiz -> reis. */
  function stemForms(stem, voiced) {
    if (voiced && /z$/.test(stem)) stem = stem.slice(0, -1) + "s";
    else if (voiced && /v$/.test(stem)) stem = stem.slice(0, -1) + "f";
    var n = stem.length;
    if (n > 2 && stem[n - 1] === stem[n - 2] && isConsonant(stem[n - 1])) {
      return [stem.slice(0, -1)];
    }
    if (n > 2 && isConsonant(stem[n - 1]) && VOWELS.indexOf(stem[n - 2]) >= 0 &&
        isConsonant(stem[n - 3])) {
      return [stem, stem.slice(0, -1) + stem[n - 2] + stem[n - 1]];
    }
    return [stem];
  }

  function inflections(word) {
    var forms = [];
    if (/heden$/.test(word)) forms.push(word.slice(0, -5) + "heid");
    if (/ieen$/.test(word)) forms.push(word.slice(0, -2));
    else if (/s$/.test(word) && !/(ss|is|us)$/.test(word)) forms.push(word.slice(0, -1));
    if (/tjes?$/.test(word)) forms.push(word.slice(0, word.lastIndexOf("tje")));
    if (/en$/.test(word) && word.length > 4) {
      forms.push(word.slice(0, -1));
      forms = forms.concat(stemForms(word.slice(0, -2), true));
    }
    if (/e$/.test(word) && word.length > 4 && isConsonant(word[word.length - 2])) {
      forms.push(word.slice(0, -1));
    }
    return forms;
  }

  function derivations(word) {
    var forms = [];
    if (/heid$/.test(word) && word.length > 6) forms.push(word.slice(0, -4));
    if (/ing$/.test(word) && word.length > 5) {
      forms.push(word.slice(0, -3) + "en");
      if (word.length > 7) forms = forms.concat(stemForms(word.slice(0, -3), false));
    }
    if (/ere$/.test(word) && word.length > 5) {
      forms = forms.concat(stemForms(word.slice(0, -3), false));
    } else if (/er$/.test(word) && word.length > 6) {
      forms = forms.concat(stemForms(word.slice(0, -2), false));
    } else if (/ers$/.test(word) && word.length > 7) {
      forms = forms.concat(stemForms(word.slice(0, -3), false));
    }
    var last = word[word.length - 2];
    if (/t$/.test(word) && word.length > 4 && isConsonant(last) && last !== "t") {
      forms.push(word.slice(0, -1));
    }
    return forms;
  }

  /* Query side only: a verb's stem or its doer finds the verb the index has (betaal -> betalen,
   * opzeg -> opzeggen, leef -> leven, verlater -> verlaten). Compounds are often made with a
   * stem ("betaalproces", "opzegtermijn"); the index groups every other form with the verb. */
  function infinitives(word) {
    var found = [];
    [word].concat(baseForms(word)).forEach(function (stem) {
      // A stem may end in -en itself (afreken, teken): only forms the index has are used.
      if (stem.length < 3 || /e$/.test(stem)) return;
      var n = stem.length;
      var voiced = stem.replace(/f$/, "v").replace(/s$/, "z");  // leef -> leven, reis -> reizen
      var vowelThenConsonant = isConsonant(stem[n - 1]) && VOWELS.indexOf(stem[n - 2]) >= 0;
      (voiced === stem ? [stem] : [stem, voiced]).forEach(function (s) {
        found.push(s + "en");
        if (vowelThenConsonant && stem[n - 3] === stem[n - 2]) {
          found.push(s.slice(0, -2) + s[n - 1] + "en");  // betaal -> betalen
        }
      });
      if (vowelThenConsonant && isConsonant(stem[n - 3])) {
        found.push(stem + stem[n - 1] + "en");  // opzeg -> opzeggen
      }
    });
    return found;
  }

  function baseForms(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return [];
    var forms = inflections(word).concat(derivations(word));
    return forms.filter(function (f, i) {
      return f.length > 2 && f !== word && forms.indexOf(f) === i;
    });
  }

  /* ---- the index ----------------------------------------------------------------------- */
  function setup(data) {
    var raw = data && data.config && data.config.klantreis;
    if (!raw || raw.version !== 1 || !Array.isArray(data.docs)) {
      throw new Error("klantreis search: search_index.json has no klantreis index (version 1)");
    }
    var wordId = new Map();
    raw.words.forEach(function (w, i) { wordId.set(w, i); });
    var groupOf = new Map();
    raw.forms.forEach(function (group) {
      group.forEach(function (id) { groupOf.set(id, group); });
    });
    var names = new Map();
    Object.keys(raw.names).forEach(function (key) { names.set(key, raw.names[key]); });
    index = {
      docs: data.docs, kinds: raw.kinds, words: raw.words, wordId: wordId, groupOf: groupOf,
      postings: raw.postings, decoded: new Map(), names: names, nameKeys: Object.keys(raw.names),
      stop: new Set(raw.stop)
    };
  }

  function postings(id) {
    var cached = index.decoded.get(id);
    if (cached) return cached;
    var flat = index.postings[id], map = new Map(), doc = 0;
    for (var i = 0; i < flat.length; i += 2) {
      doc += flat[i];
      map.set(doc, flat[i + 1]);
    }
    index.decoded.set(id, map);
    return map;
  }

  /* Vocabulary words that start with `prefix`, shortest first (binary search on sorted words). */
  function prefixed(prefix) {
    var words = index.words, lo = 0, hi = words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    var found = [];
    for (var i = lo; i < words.length && words[i].lastIndexOf(prefix, 0) === 0; i++) {
      found.push(i);
      if (found.length > 400) break;
    }
    found.sort(function (a, b) { return words[a].length - words[b].length; });
    return found.slice(0, MAX_PREFIX_FORMS);
  }

  /* Words one edit away (insert, delete, replace, swap two neighbours), for words of 5+ letters. */
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  function typos(word) {
    var found = [];
    index.words.forEach(function (w, i) {
      if (w.length >= 5 && w[0] === word[0] && oneEdit(word, w)) found.push(i);
    });
    return found;
  }

  /* Forms of a word that occur in the index: itself, its inflections, and their groups. */
  function knownForms(word) {
    var forms = new Map();
    function add(id, factor) {
      (index.groupOf.get(id) || [id]).forEach(function (other) {
        var f = other === id ? factor : factor * 0.9;
        if (!(forms.get(other) >= f)) forms.set(other, f);
      });
    }
    if (index.wordId.has(word)) add(index.wordId.get(word), 1);
    baseForms(word).forEach(function (form) {
      if (index.wordId.has(form)) add(index.wordId.get(form), 0.9);
    });
    infinitives(word).forEach(function (form) {
      if (index.wordId.has(form)) add(index.wordId.get(form), 0.85);
    });
    var verb = withoutParticle(word);
    if (verb && index.wordId.has(verb)) add(index.wordId.get(verb), 0.6);
    return forms;
  }

  /* A separable verb finds the verb without its particle, as Dutch writes it apart in a
   * sentence ("inplannen" -> "hij plant het in"). */
  function withoutParticle(word) {
    var found = PARTICLE.exec(word);
    return found && /en$/.test(found[2]) && found[2].length >= 6 ? found[2] : null;
  }

  /* The word as the index has it: itself, or its first base form that occurs. */
  function knownWord(word) {
    if (index.wordId.has(word)) return word;
    var forms = baseForms(word).filter(function (f) { return index.wordId.has(f); });
    return forms.length ? forms[0] : word;
  }

  /* A compound split into two parts the index knows: "loyaliteitsfase" -> loyaliteit + fase.
   * Without such a split, the longest known head or tail of 4+ letters ("review|beleid"). */
  function split(word) {
    if (word.length < 7) return null;
    var partial = null;
    for (var cut = word.length - 3; cut >= 3; cut--) {
      var head = word.slice(0, cut), tail = word.slice(cut);
      var heads = [head];
      if (/s$/.test(head) && head.length > 3) heads.push(head.slice(0, -1));
      for (var h = 0; h < heads.length; h++) {
        if (index.stop.has(heads[h]) || index.stop.has(tail)) continue;
        var headForms = knownForms(heads[h]), tailForms = knownForms(tail);
        if (headForms.size && tailForms.size) {
          withCompounds(headForms, heads[h]);
          return { parts: [headForms, tailForms], words: [knownWord(heads[h]), knownWord(tail)] };
        }
        if (!partial && headForms.size && heads[h].length >= 4) {
          partial = { parts: [headForms], words: [knownWord(heads[h])] };
        }
        if (!partial && tailForms.size && tail.length >= 4 && cut >= 4) {
          partial = { parts: [tailForms], words: [knownWord(tail)] };
        }
      }
    }
    return partial;
  }

  /* A head that is no word by itself, such as a verb's stem, also finds the other compounds
   * the index has with that head: "herhaal|klanten" -> herhaalaankoop. */
  function withCompounds(forms, head) {
    if (head.length < 5 || index.wordId.has(head)) return;
    prefixed(head).forEach(function (id) {
      if (index.words[id].length >= head.length + 4 && !forms.has(id)) forms.set(id, 0.7);
    });
  }

  function scoreForms(forms, into, factor) {
    forms.forEach(function (f, id) {
      postings(id).forEach(function (weight, doc) {
        var s = weight * f * factor;
        if (!(into.get(doc) >= s)) into.set(doc, s);
      });
    });
  }

  /* doc -> score for one query word, and the index words it matched. */
  function matchWord(word, typing) {
    var scores = new Map();
    var forms = knownForms(word);
    scoreForms(forms, scores, 1);
    var parts = split(word);
    if (parts && parts.parts.length === 2) {
      var head = new Map(), tail = new Map();
      scoreForms(parts.parts[0], head, 1);
      scoreForms(parts.parts[1], tail, 1);
      head.forEach(function (s, doc) {
        if (!tail.has(doc)) return;
        var both = 0.8 * (s + tail.get(doc));
        if (!(scores.get(doc) >= both)) scores.set(doc, both);
      });
    }
    if (typing && word.length >= 2) {
      var completions = new Map();
      prefixed(word).forEach(function (id) { if (!forms.has(id)) completions.set(id, 0.7); });
      scoreForms(completions, scores, 1);
      completions.forEach(function (f, id) { forms.set(id, f); });
    }
    if (!forms.size && word.length >= 5) {
      var near = new Map();
      typos(word).forEach(function (id) { near.set(id, 0.5); });
      scoreForms(near, scores, 1);
      near.forEach(function (f, id) { forms.set(id, f); });
    }
    if (parts && !scores.size) {
      parts.parts.forEach(function (p) { scoreForms(p, scores, 0.5); });
    }
    if (parts) {
      parts.parts.forEach(function (p) { p.forEach(function (f, id) { forms.set(id, f); }); });
    }
    return { scores: scores, forms: forms, parts: parts ? parts.words : [] };
  }

  /* Whole names in the query: a run of query words that is a term's alias, a phase, a channel,
   * or a part of a compound query word ("overwegings|fase"). doc -> {boost, covered words}. */
  function nameBoosts(tokens, runs, perToken, counts, typing) {
    var boosts = new Map();
    function add(list, factor, covered) {
      list.forEach(function (pair) {
        var entry = boosts.get(pair[0]) || { boost: 0, covered: new Set() };
        entry.boost = Math.max(entry.boost, pair[1] * factor);
        covered.forEach(function (n) { entry.covered.add(n); });
        boosts.set(pair[0], entry);
      });
    }
    /* The part of the query's meaningful words that a name covers. */
    function share(covered) {
      var sum = function (list) {
        return list.reduce(function (total, n) { return total + counts[n]; }, 0);
      };
      return sum(covered) / (sum(range(0, tokens.length)) || 1);
    }
    function range(i, j) {
      var list = [];
      for (var n = i; n < j; n++) list.push(n);
      return list;
    }
    runs.forEach(function (run) {
      var covered = range(run[0], run[1]);
      add(index.names.get(tokens.slice(run[0], run[1]).join("")), share(covered), covered);
    });
    for (var i = 0; i < tokens.length; i++) {
      (perToken[i] ? perToken[i].parts : []).forEach(function (part) {
        var named = index.names.get(part);
        if (named) add(named, 0.5 * share([i]), [i]);
      });
    }
    var whole = tokens.join("");
    if (typing && whole.length >= 3) {
      index.nameKeys.forEach(function (key) {
        if (key.length > whole.length && key.lastIndexOf(whole, 0) === 0) {
          add(index.names.get(key), 0.6 * whole.length / key.length, range(0, tokens.length));
        }
      });
    }
    return boosts;
  }

  /* ---- results for Material's result list ---------------------------------------------- */
  function unescape(text) {
    return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }
  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  /* Mark the words of a text whose index form was matched. */
  function highlight(escaped, matched) {
    return unescape(escaped).split(/([\p{L}\p{N}'\u2019]+)/u).map(function (piece, i) {
      if (i % 2 === 0) return escape(piece);
      var folded = oneWord(fold(piece));
      return matched.has(folded) ? "<mark>" + escape(piece) + "</mark>" : escape(piece);
    }).join("");
  }

  /* How much each query word counts: stop words nothing (unless the query has nothing else),
   * the verb of a question a little. Dutch puts the verb before its subject in a question
   * ("hoe krijg ik", "welk kanaal gebruik je"): that verb is rarely what the reader looks for. */
  function tokenWeights(words) {
    var allStop = words.every(function (w) { return index.stop.has(w); });
    return words.map(function (word, n) {
      if (index.stop.has(word)) return allStop ? 1 : 0;
      return SUBJECTS.has(words[n + 1]) ? VERB_WEIGHT : 1;
    });
  }

  function rarity(pages) {
    var total = index.docs.length;
    return pages ? Math.log(1 + (total - pages + 0.5) / (pages + 0.5)) : 0;
  }

  /* Runs of query words [i, j) that are the whole name of a page, except a run inside a longer
   * one: in "hulp na de aankoop" the name is "na de aankoop" (Service), not "aankoop". */
  function namedRuns(words) {
    var runs = [];
    for (var i = 0; i < words.length; i++) {
      for (var j = i + 1; j <= words.length; j++) {
        if (index.names.has(words.slice(i, j).join(""))) runs.push([i, j]);
      }
    }
    return runs.filter(function (run) {
      return !runs.some(function (other) {
        return other !== run && other[0] <= run[0] && run[1] <= other[1];
      });
    });
  }

  /* Query words that are, alone or with their neighbours, the whole name of a page. */
  function namedWords(runs) {
    var named = new Set();
    runs.forEach(function (run) {
      for (var n = run[0]; n < run[1]; n++) named.add(n);
    });
    return named;
  }

  /* How much each query word counts toward coverage. By its rarity: a page without "goede"
   * loses less than a page without "nieuwsbrief"; rarer than about one page in five adds
   * nothing more, so a rare verb ("combineren") does not rule. A word found nowhere makes no
   * page the worse. A page's name ("loyaliteit") is what the query is about: it counts as rare,
   * however many pages mention it. */
  function coverageWeights(runs, weights, perToken) {
    var named = namedWords(runs);
    return perToken.map(function (result, n) {
      if (!result || !result.scores.size) return 0;
      return weights[n] * (named.has(n) ? RARE : Math.min(RARE, rarity(result.scores.size)));
    });
  }

  function search(query) {
    if (!index) return { items: [] };
    var tokens = queryWords(query);
    if (!tokens.length) return { items: [] };
    var typing = !/[\s"'.,!?]$/.test(query);
    var words = tokens.map(function (t) { return t.word; });
    var weights = tokenWeights(words);
    var matched = new Set(), perToken = [], content = [];
    var totals = new Map(), covered = new Map();
    tokens.forEach(function (token, n) {
      if (!weights[n]) { perToken.push(null); return; }
      content.push(n);
      var result = matchWord(token.word, typing && n === tokens.length - 1);
      perToken.push(result);
      result.forms.forEach(function (f, id) { matched.add(index.words[id]); });
      result.scores.forEach(function (s, doc) {
        totals.set(doc, (totals.get(doc) || 0) + s * weights[n]);
        (covered.get(doc) || covered.set(doc, new Set()).get(doc)).add(n);
      });
    });
    var runs = namedRuns(words);
    var counts = coverageWeights(runs, weights, perToken);
    var boosts = nameBoosts(words, runs, perToken, counts, typing);
    boosts.forEach(function (entry, doc) {
      var set = covered.get(doc) || covered.set(doc, new Set()).get(doc);
      entry.covered.forEach(function (n) { if (perToken[n]) set.add(n); });
    });
    var whole = counts.reduce(function (sum, c) { return sum + c; }, 0) || 1;
    var ranked = [];
    covered.forEach(function (set, doc) {
      var coverage = 0;
      set.forEach(function (n) { coverage += counts[n] / whole; });
      var boost = boosts.has(doc) ? boosts.get(doc).boost : 0;
      var score = ((totals.get(doc) || 0) + boost * NAME_UNIT) *
        Math.pow(coverage, COVERAGE_POWER);
      if (score > 0) ranked.push([doc, score]);
    });
    ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    var items = ranked.slice(0, MAX_RESULTS).map(function (pair) {
      var doc = index.docs[pair[0]], terms = {};
      content.forEach(function (n) { terms[tokens[n].word] = covered.get(pair[0]).has(n); });
      return [{
        location: doc.location,
        title: highlight(doc.title, matched),
        text: highlight(doc.text, matched),
        score: pair[1],
        terms: terms
      }];
    });
    return { items: items, suggest: suggestion(tokens, perToken, typing) };
  }

  /* The completion Material shows greyed out after the last word (search.suggest). */
  function suggestion(tokens, perToken, typing) {
    var result = perToken[perToken.length - 1];
    if (!typing || !result) return [];
    var last = tokens[tokens.length - 1].word, best = null;
    result.forms.forEach(function (f, id) {
      var w = index.words[id];
      if (w.lastIndexOf(last, 0) === 0 && (best === null || w.length < best.length)) best = w;
    });
    return best ? [best] : [];
  }

  self.klantreisSearch = {
    setup: setup, search: search, baseForms: baseForms, infinitives: infinitives
  };

  addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      setup(message.data);
      postMessage({ type: READY });
    } else if (message.type === QUERY) {
      postMessage({ type: RESULT, data: search(message.data) });
    } else {
      throw new TypeError("klantreis search: unknown message type " + message.type);
    }
  });
})();
