/* The worksheet's checks: a journey validated against its JSON Schema (with Ajv), each problem
 * in the words `klantreis check` uses (content/validation.py `_message`, errors.did_you_mean,
 * the loader's check of opportunity stages, the warning for a phase without a stage).
 *
 * WerkbladCheck.create(data) -> check(journey) -> [{path, message, hint, warning}], where
 * `path` is the place in the file (["stages", 0, "emotion"]) and `data` is window.klantreisWerkblad.
 * tests/test_werkblad.py compares these messages with the real `klantreis check`.
 */
(function (global) {
  "use strict";

  var MARK = "x-klantreis-catalogus";
  var EMOTIONS = { emotion: true, emotion_to_be: true };
  var TYPE_NAMES = {
    string: "tekst",
    integer: "een geheel getal",
    number: "een geheel getal",
    boolean: "true of false",
    array: "een lijst (regels die beginnen met '- ' of [a, b])",
    object: "een blok met sleutels (sleutel: waarde)"
  };

  // -- Python's ways of writing a value, as the messages of `klantreis check` show them --------

  function pyRepr(value) {
    if (value === true) { return "True"; }
    if (value === false) { return "False"; }
    if (value === null || value === undefined) { return "None"; }
    if (typeof value === "number") { return Number.isInteger(value) ? String(value) : String(value); }
    var text = String(value);
    var quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i), code = text.charCodeAt(i);
      if (ch === quote || ch === "\\") { out += "\\" + ch; }
      else if (ch === "\n") { out += "\\n"; }
      else if (ch === "\r") { out += "\\r"; }
      else if (ch === "\t") { out += "\\t"; }
      else if (code < 32 || code === 127) { out += "\\x" + code.toString(16).padStart(2, "0"); }
      else { out += ch; }
    }
    return quote + out + quote;
  }

  function describe(value) {
    if (Array.isArray(value)) { return "een lijst"; }
    if (value && typeof value === "object") { return "een blok met sleutels"; }
    var text = pyRepr(value);
    return text.length <= 40 ? text : text.slice(0, 37) + "...";
  }

  function fieldName(path) {
    return path.map(function (part) {
      return typeof part === "number" ? "[" + (part + 1) + "]" : "." + part;
    }).join("").replace(/^\./, "") || "het bestand";
  }

  // -- difflib.get_close_matches(word, options, n=1, cutoff=0.6), as Python computes it ------

  function longestMatch(a, b, b2j, alo, ahi, blo, bhi) {
    var besti = alo, bestj = blo, bestsize = 0, j2len = {};
    for (var i = alo; i < ahi; i++) {
      var next = {};
      var js = b2j[a.charAt(i)] || [];
      for (var n = 0; n < js.length; n++) {
        var j = js[n];
        if (j < blo) { continue; }
        if (j >= bhi) { break; }
        var k = next[j] = (j2len[j - 1] || 0) + 1;
        if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
      }
      j2len = next;
    }
    while (besti > alo && bestj > blo && a.charAt(besti - 1) === b.charAt(bestj - 1)) { besti--; bestj--; bestsize++; }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a.charAt(besti + bestsize) === b.charAt(bestj + bestsize)) { bestsize++; }
    return [besti, bestj, bestsize];
  }

  function ratio(a, b) {
    var b2j = {};
    for (var j = 0; j < b.length; j++) { (b2j[b.charAt(j)] = b2j[b.charAt(j)] || []).push(j); }
    var queue = [[0, a.length, 0, b.length]], matches = 0;
    while (queue.length) {
      var range = queue.pop();
      var found = longestMatch(a, b, b2j, range[0], range[1], range[2], range[3]);
      var i = found[0], k = found[2];
      j = found[1];
      if (k) {
        matches += k;
        if (range[0] < i && range[2] < j) { queue.push([range[0], i, range[2], j]); }
        if (i + k < range[1] && j + k < range[3]) { queue.push([i + k, range[1], j + k, range[3]]); }
      }
    }
    var total = a.length + b.length;
    return total ? 2 * matches / total : 1;
  }

  function didYouMean(value, choices) {
    var options = Array.from(new Set(choices)).sort();
    var word = String(value).toLowerCase(), best = null, bestScore = -1;
    options.forEach(function (option) {
      var score = ratio(option, word);
      if (score >= 0.6 && (score > bestScore || (score === bestScore && option > best))) {
        best = option;
        bestScore = score;
      }
    });
    if (best !== null) { return "Bedoel je '" + best + "'?"; }
    if (!options.length) { return ""; }
    if (options.length <= 8) { return "Kies uit: " + options.join(", ") + "."; }
    return "Kies uit: " + options.slice(0, 8).join(", ") + ", ...";
  }

  // -- the schema at a place in the file --------------------------------------------------------

  function resolve(spec, root) {
    if (!spec) { return {}; }
    if (spec.$ref) {
      var name = spec.$ref.split("/").pop();
      return Object.assign({}, root.$defs[name], spec, { $ref: undefined });
    }
    if (spec.anyOf) {
      var options = spec.anyOf.filter(function (option) { return option.type !== "null"; });
      if (options.length === 1) { return Object.assign({}, spec, resolve(options[0], root)); }
    }
    return spec;
  }

  function specAt(root, path) {
    var spec = root;
    path.forEach(function (part) {
      spec = resolve(spec, root);
      spec = typeof part === "number" ? resolve(spec.items, root) : resolve((spec.properties || {})[part], root);
    });
    return resolve(spec, root);
  }

  // -- Ajv's errors as the messages of `klantreis check` ------------------------------------

  function pathOf(error) {
    var path = error.instancePath.split("/").slice(1).map(function (part) {
      var text = part.replace(/~1/g, "/").replace(/~0/g, "~");
      return /^\d+$/.test(text) ? Number(text) : text;
    });
    if (error.keyword === "required") { path.push(error.params.missingProperty); }
    if (error.keyword === "additionalProperties") { path.push(error.params.additionalProperty); }
    return path;
  }

  function valueAt(journey, path) {
    return path.reduce(function (value, part) {
      return value !== null && value !== undefined ? value[part] : undefined;
    }, journey);
  }

  function joinOr(values) {
    var shown = values.map(pyRepr);
    return shown.length > 1 ? shown.slice(0, -1).join(", ") + " of " + shown[shown.length - 1] : shown.join("");
  }

  function Checker(data) {
    this.data = data;
    this.schema = data.schema;
    var Ajv = global.ajv2020;
    var ajv = new Ajv({ allErrors: true });
    ajv.addKeyword({ keyword: MARK });
    this.validate = ajv.compile(this.schema);
  }

  /* One message per place, as pydantic gives one error per place. */
  Checker.prototype.message = function (errors, path, journey) {
    var key = path[path.length - 1];
    var field = fieldName(path);
    var spec = specAt(this.schema, path);
    var found = valueAt(journey, path);
    var kinds = errors.map(function (error) { return error.keyword; });
    if (kinds.indexOf("required") >= 0) {
      return ["het verplichte veld '" + field + "' ontbreekt.", "Voeg '" + key + ":' toe."];
    }
    if (kinds.indexOf("additionalProperties") >= 0) {
      var parent = specAt(this.schema, path.slice(0, -1));
      return ["onbekend veld '" + key + "'.", didYouMean(key, Object.keys(parent.properties || {}))];
    }
    var online = (spec.enum || []).length === 3 && spec.enum.indexOf("mixed") >= 0 && spec.enum.indexOf(true) >= 0;
    if (online) {
      return ["'" + field + "' moet true, false of mixed zijn, gevonden: " + describe(found) + ".",
              "true = online, false = offline, mixed = allebei."];
    }
    var typeError = errors.filter(function (error) { return error.keyword === "type"; })[0];
    if (spec.enum && !spec[MARK]) {
      return ["'" + field + "' moet " + joinOr(spec.enum) + " zijn, gevonden: " + describe(found) + ".", ""];
    }
    if (typeError) {
      var expected = typeError.params.type;
      var hint = expected === "string" && (typeof found === "number" || typeof found === "boolean") ?
        "Zet de waarde tussen aanhalingstekens." : "";
      return ["'" + field + "' moet " + (TYPE_NAMES[expected] || expected) + " zijn, gevonden: " + describe(found) + ".", hint];
    }
    if (kinds.indexOf("enum") >= 0 && spec[MARK]) {
      return [(this.data.referenceLabels[spec[MARK]] || "onbekende waarde") + " '" + found + "'.",
              didYouMean(found, spec.enum)];
    }
    if (kinds.indexOf("minimum") >= 0 || kinds.indexOf("maximum") >= 0) {
      if (key === "impact" || key === "effort") {
        return ["'" + field + "' moet 1, 2 of 3 zijn, gevonden: " + pyRepr(found) + ".",
                "Gebruik 1 (weinig), 2 (gemiddeld) of 3 (veel)."];
      }
      if (key === "stage") {
        return ["'" + field + "' moet een stapnummer zijn, 1 of hoger; gevonden: " + pyRepr(found) + ".", ""];
      }
      if (EMOTIONS[key]) {
        return ["'" + field + "' moet tussen -2 en 2 liggen, gevonden: " + pyRepr(found) + ".",
                "Gebruik -2 (heel negatief), -1, 0, 1 of 2 (heel positief)."];
      }
    }
    if (kinds.indexOf("minLength") >= 0) { return ["'" + field + "' mag niet leeg zijn.", ""]; }
    if (kinds.indexOf("minItems") >= 0) { return ["'" + field + "' moet minstens één item hebben.", ""]; }
    return ["'" + field + "': " + errors[0].message + ".", ""];
  };

  Checker.prototype.schemaProblems = function (journey) {
    if (this.validate(journey)) { return []; }
    var groups = {}, order = [];
    this.validate.errors.forEach(function (error) {
      // The `null` branch of an optional value, and the anyOf that sums up its branches.
      if (error.keyword === "anyOf" || /\/anyOf\/[1-9]\d*\//.test(error.schemaPath)) { return; }
      var path = pathOf(error), id = JSON.stringify(path);
      if (!groups[id]) { groups[id] = { path: path, errors: [] }; order.push(id); }
      groups[id].errors.push(error);
    });
    return order.map(function (id) {
      var group = groups[id], text = this.message(group.errors, group.path, journey);
      return { path: group.path, message: text[0], hint: text[1], warning: false };
    }, this);
  };

  /* After the schema: what the loader and `klantreis check` look at across the file. */
  Checker.prototype.journeyProblems = function (journey) {
    var problems = [], count = journey.stages.length;
    (journey.opportunities || []).forEach(function (opportunity, index) {
      if (opportunity.stage !== undefined && opportunity.stage !== null && opportunity.stage > count) {
        problems.push({
          path: ["opportunities", index, "stage"], warning: false,
          message: "de kans '" + opportunity.title + "' hoort bij stap " + opportunity.stage +
            ", maar de reis heeft " + count + " stappen.",
          hint: "Gebruik een nummer van 1 tot en met " + count + "."
        });
      }
    });
    if (problems.length) { return problems; }
    problems = this.figureProblems(journey);
    if (journey.ending) { return problems; }
    var covered = {};
    journey.stages.forEach(function (stage) { covered[stage.phase] = true; });
    var missing = this.data.phases.filter(function (phase) { return !covered[phase.id]; })
      .map(function (phase) { return phase.name; });
    if (missing.length) {
      problems.push({
        path: ["stages"], warning: true,
        message: "geen stap in de fase(n) " + missing.join(", ") + ".",
        hint: "Voeg een stap toe, of zeg met 'ending:' hoe de reis eerder afloopt."
      });
    }
    return problems;
  };

  /* A figure stated as a fact needs a source (content/figures.py): `klantreis check` warns,
   * and a strict build stops. The patterns are the engine's own, sent in werkblad-data.js. */
  Checker.prototype.figureProblems = function (journey) {
    var rules = this.data.figures, problems = [];
    if (!rules) { return problems; }
    var figure = new RegExp(rules.figure, "gi"), maybe = new RegExp(rules.maybe, "i");
    var example = new RegExp(rules.example, "i");
    function walk(node, path, cites) {
      if (Array.isArray(node)) {
        node.forEach(function (item, index) { walk(item, path.concat([index]), cites); });
      } else if (node && typeof node === "object") {
        if (Array.isArray(node.bron) && node.bron.length) { cites = node.bron; }
        Object.keys(node).forEach(function (key) {
          var value = node[key];
          if (key === "bron" || (rules.notProse.indexOf(key) >= 0 && !(value && typeof value === "object" && !Array.isArray(value)))) { return; }
          walk(value, path.concat([key]), cites);
        });
      } else if (typeof node === "string") {
        var known = cites.filter(function (cite) { return rules.sources.indexOf(String(cite)) >= 0; });
        if (known.length || !maybe.test(node)) { return; }
        var found = example.exec(node);
        var exampleStarts = found ? sentenceStart(node, found.index) : node.length;
        figure.lastIndex = 0;
        var match = figure.exec(node);
        if (match && match.index < exampleStarts) {
          problems.push({ path: path, warning: true, strict: true,
                          message: "het cijfer '" + match[0] + "' heeft geen bron.", hint: rules.hint });
        }
      }
    }
    walk(journey, [], []);
    return problems;
  };

  function sentenceStart(text, position) {
    var end = Math.max.apply(null, [". ", "! ", "? ", "\n"].map(function (mark) {
      return position < mark.length ? -1 : text.lastIndexOf(mark, position - mark.length);
    }));
    return end >= 0 ? end + 1 : 0;
  }

  Checker.prototype.check = function (journey) {
    if (!journey || typeof journey !== "object" || Array.isArray(journey)) {
      return [{
        path: [], warning: false,
        message: "het bestand moet een klantreis met sleutels zijn (title:, persona:, stages:), geen " +
          (Array.isArray(journey) ? "lijst." : "losse tekst."),
        hint: "Zet elke klantreis in een eigen bestand, zonder '- ' voor title:."
      }];
    }
    var problems = this.schemaProblems(journey);
    return problems.length ? problems : this.journeyProblems(journey);
  };

  global.WerkbladCheck = {
    create: function (data) { var checker = new Checker(data); return checker.check.bind(checker); },
    didYouMean: didYouMean,
    fieldName: fieldName
  };
})(typeof window !== "undefined" ? window : this);
