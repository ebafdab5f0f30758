/* The worksheet's YAML: a journey file read into its parts, and data written back as a person
 * writes it in journeys/*.yml.
 *
 * Writing follows the house style of the repository's journeys: keys in the model's order,
 * empty optional fields left out, lists of ids as [a, b], other lists as block lists, the
 * narrative fields (does, about, goal, ending) longer than 80 characters and a description
 * longer than 150 as `>-` folded text on one line, everything else a plain scalar (in double
 * quotes only where YAML would read it otherwise), a blank line before `stages:`, `ending:` and
 * `opportunities:` and between stages.
 *
 * A file that was opened keeps its own text: every field, stage and opportunity whose value did
 * not change is written back byte for byte (comments, quotes and blank lines included), and a
 * changed field keeps the style it had (folded, quoted, flow list). So "open, change one stage,
 * download" gives a file that differs only in that stage.
 *
 * WerkbladYaml.parse(text) -> {data, source}; WerkbladYaml.emit(data, source, origins, shape).
 * Needs js-yaml (window.jsyaml) to read values.
 */
(function (global) {
  "use strict";

  var SCHEMA_LINE = "# yaml-language-server: $schema=../schema/klantreis.schema.json";
  // House style: key -> fold into `>-` when the text is longer than this many characters.
  var FOLD_AFTER = { does: 80, about: 80, goal: 80, ending: 80, description: 150 };
  var BLANK_BEFORE = { stages: true, ending: true, opportunities: true };
  var BLANK_BETWEEN = { stages: true };
  var KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*))?$/;

  function yaml() { return global.jsyaml; }

  // -- reading: the parts of a file ------------------------------------------------------

  function indentOf(line) { return line.length - line.replace(/^ +/, "").length; }

  function isGap(line) { return /^\s*(#.*)?$/.test(line); }

  function hasComment(lines) { return lines.some(function (line) { return /^\s*#/.test(line); }); }

  /* The entries of a block mapping whose keys sit at column `col`, in lines[start, end).
   * `view` is lines as seen for structure (a list item's "- " replaced by spaces). */
  function mappingParts(lines, view, start, end, col) {
    var entries = [], pending = [], current = null;
    for (var i = start; i < end; i++) {
      var seen = view[i], match = null;
      if (!isGap(seen) && indentOf(seen) === col) { match = KEY_LINE.exec(seen.slice(col)); }
      if (match) {
        current = { key: match[1], lead: pending, first: lines[i].slice(col).replace(/^- /, ""),
                    firstView: seen, start: i, rest: [], restStart: i + 1 };
        pending = [];
        entries.push(current);
      } else if (isGap(seen) || !current) {
        pending.push(lines[i]);
      } else if (indentOf(seen) > col || /^- |^-$/.test(seen.slice(col))) {
        current.rest = current.rest.concat(pending, [lines[i]]);
        pending = [];
      } else {
        return null; // something this reader does not know: the file is kept whole
      }
    }
    var byKey = {};
    entries.forEach(function (entry) {
      byKey[entry.key] = entry;
      entry.value = entryValue(entry, col);
      entry.items = listItems(lines, entry);
      entry.sub = subMapping(lines, entry);
    });
    return { entries: entries, map: byKey, tail: pending };
  }

  function entryValue(entry, col) {
    var text = [entry.firstView.slice(col)].concat(entry.rest.map(function (line) {
      return line.slice(Math.min(col, indentOf(line)));
    })).join("\n");
    try {
      var parsed = yaml().load(text);
      return parsed && typeof parsed === "object" ? parsed[entry.key] : undefined;
    } catch (error) {
      return undefined;
    }
  }

  function firstContent(rest) {
    for (var i = 0; i < rest.length; i++) { if (!isGap(rest[i])) { return rest[i]; } }
    return null;
  }

  /* A block mapping under a key (persona:): its entries, or null. */
  function subMapping(lines, entry) {
    var line = firstContent(entry.rest);
    if (!Array.isArray(entry.value) && entry.value && typeof entry.value === "object" && line &&
        !/^\s*- /.test(line) && entry.first.replace(/\s*#.*$/, "") === entry.key + ":") {
      return mappingParts(entry.rest, entry.rest, 0, entry.rest.length, indentOf(line));
    }
    return null;
  }

  /* The items of a block list of mappings under a key (stages:), each with its own parts. */
  function listItems(lines, entry) {
    var line = firstContent(entry.rest);
    if (!Array.isArray(entry.value) || !line || !/^\s*- /.test(line)) { return null; }
    var col = indentOf(line), starts = [], rest = entry.rest;
    rest.forEach(function (text, index) {
      if (!isGap(text) && indentOf(text) === col && /^- /.test(text.slice(col))) { starts.push(index); }
    });
    var items = [], previousEnd = 0;
    for (var n = 0; n < starts.length; n++) {
      var from = starts[n], to = n + 1 < starts.length ? starts[n + 1] : rest.length;
      while (to > from + 1 && isGap(rest[to - 1])) { to--; }
      var own = rest.slice(from, to);
      var view = own.slice();
      view[0] = view[0].slice(0, col) + "  " + view[0].slice(col + 2);
      var parts = mappingParts(own, view, 0, own.length, col + 2);
      var value = entry.value[n];
      if (!parts || !value || typeof value !== "object" || Array.isArray(value)) { return null; }
      items.push({ lead: rest.slice(previousEnd, from), lines: own, value: value, parts: parts, index: n });
      previousEnd = to;
    }
    if (items.length !== entry.value.length) { return null; }
    entry.itemCol = col;
    entry.listTail = rest.slice(previousEnd);
    return items;
  }

  /* A journey file as data plus its parts. Throws js-yaml's error for a file that is no YAML. */
  function parse(text) {
    var bom = text.charAt(0) === "\ufeff";
    var body = bom ? text.slice(1) : text;
    var crlf = /\r\n/.test(body);
    body = body.replace(/\r\n?/g, "\n");
    var finalNewline = /\n$/.test(body);
    var data = yaml().load(body);
    var lines = (finalNewline ? body.slice(0, -1) : body).split("\n");
    var source = { bom: bom, crlf: crlf, finalNewline: finalNewline, root: null, header: [] };
    if (data && typeof data === "object" && !Array.isArray(data)) {
      var first = 0;
      while (first < lines.length && (isGap(lines[first]) || /^(---|%)/.test(lines[first]))) { first++; }
      var root = mappingParts(lines, lines, first, lines.length, 0);
      if (root) {
        source.header = lines.slice(0, first);
        source.root = root;
      }
    }
    return { data: data, source: source };
  }

  // -- writing ---------------------------------------------------------------------------

  /* Left out when written: no value, empty text, an empty list, or false where false is the
   * default (moment_of_truth; `online: false` means offline and is written). */
  function empty(value, key, falseByDefault) {
    return value === undefined || value === null || value === "" ||
      (value === false && !!(falseByDefault || {})[key]) || (Array.isArray(value) && value.length === 0);
  }

  function same(a, b) {
    if (a === b) { return true; }
    if (Array.isArray(a) || Array.isArray(b)) {
      return Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
        a.every(function (item, index) { return same(item, b[index]); });
    }
    if (a && b && typeof a === "object" && typeof b === "object") {
      var keys = Object.keys(a).filter(function (key) { return a[key] !== undefined; });
      var other = Object.keys(b).filter(function (key) { return b[key] !== undefined; });
      return keys.length === other.length && keys.every(function (key) { return same(a[key], b[key]); });
    }
    return false;
  }

  /* Keys to write: the file's own order, new keys after their nearest predecessor in the
   * model's order (as the editor's writer does), unknown keys last. */
  function orderKeys(keys, sourceOrder, modelOrder) {
    var result = (sourceOrder || []).filter(function (key) { return keys.indexOf(key) >= 0; });
    var model = modelOrder || [];
    var missing = keys.filter(function (key) { return result.indexOf(key) < 0; });
    missing.sort(function (a, b) { return rank(model, a) - rank(model, b); });
    missing.forEach(function (key) {
      var before = model.slice(0, Math.max(model.indexOf(key), 0));
      var position = 0;
      result.forEach(function (present, index) { if (before.indexOf(present) >= 0) { position = index + 1; } });
      if (model.indexOf(key) < 0) { position = result.length; }
      result.splice(position, 0, key);
    });
    return result;
  }

  function rank(order, key) { var index = order.indexOf(key); return index < 0 ? order.length : index; }

  var YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|<<|=|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)$/;

  /* Whether `text` can stand unquoted and comes back as the same text, for PyYAML (YAML 1.1,
   * what `klantreis check` reads) and for js-yaml (YAML 1.2). */
  function plainSafe(text, inFlow) {
    if (text === "" || text !== text.trim() || /[\n\r\t\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text)) { return false; }
    if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) || /: |:$| #/.test(text)) { return false; }
    if (inFlow && /[,[\]{}]/.test(text)) { return false; }
    if (YAML11_SPECIAL.test(text)) { return false; }
    if (/^[-+.]?[0-9]/.test(text) && /^[-+0-9a-fA-F_.:xXoObBeE]+$/.test(text)) { return false; }
    if (/^\d{4}-\d\d?-\d\d?(?:$|[Tt ])/.test(text)) { return false; }
    try {
      var back = yaml().load("k: " + (inFlow ? "[" + text + "]" : text));
      return inFlow ? back.k.length === 1 && back.k[0] === text : back.k === text;
    } catch (error) {
      return false;
    }
  }

  function doubleQuoted(text) {
    return JSON.stringify(text).replace(/[\u0085\u2028\u2029]/g, function (ch) {
      return "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0");
    });
  }

  function singleQuoted(text) { return "'" + text.replace(/'/g, "''") + "'"; }

  /* The style a field had in the file: folded, literal, double, single, flow, block or plain. */
  function styleOf(entry) {
    if (!entry) { return null; }
    var rest = entry.first.slice(entry.key.length + 1).trim();
    if (/^[>|]/.test(rest)) { return rest.charAt(0) === ">" ? "folded" : "literal"; }
    if (rest.charAt(0) === '"') { return "double"; }
    if (rest.charAt(0) === "'") { return "single"; }
    if (rest.charAt(0) === "[") { return "flow"; }
    if (rest === "" || rest.charAt(0) === "#") { return "block"; }
    return "plain";
  }

  function scalarText(text, inFlow) {
    return plainSafe(text, inFlow) ? text : doubleQuoted(text);
  }

  function scalarLines(key, value, style, col, prefix) {
    if (typeof value !== "string") { return [prefix + key + ": " + String(value)]; }
    var pad = " ".repeat(col + 2);
    if (/\n/.test(value)) {
      var indicator = /^ /.test(value) ? "2" : "";
      return [prefix + key + ": |" + indicator + "-"].concat(value.split("\n").map(function (line) {
        return line === "" ? "" : pad + line;
      }));
    }
    var foldable = value.trim() === value && value !== "" && !/[\u0085\u2028\u2029\ufeff]/.test(value);
    var fold = style ? style === "folded" || style === "literal" :
      FOLD_AFTER[key] !== undefined && value.length > FOLD_AFTER[key];
    if (fold && foldable) { return [prefix + key + ": >-", pad + value]; }
    if (style === "double") { return [prefix + key + ": " + doubleQuoted(value)]; }
    if (style === "single" && !/[\n\r]/.test(value)) { return [prefix + key + ": " + singleQuoted(value)]; }
    return [prefix + key + ": " + scalarText(value, false)];
  }

  function listLines(key, value, style, entry, col, prefix, flowKeys) {
    var flow = style ? style === "flow" : !!flowKeys[key];
    var strings = value.every(function (item) { return typeof item === "string" || typeof item === "number"; });
    if (flow && strings) {
      return [prefix + key + ": [" + value.map(function (item) {
        return typeof item === "string" ? scalarText(item, true) : String(item);
      }).join(", ") + "]"];
    }
    var itemCol = entry && entry.rest.length && /^\s*- /.test(firstContent(entry.rest) || "") ?
      indentOf(firstContent(entry.rest)) : col + 2;
    return [prefix + key + ":"].concat(value.map(function (item) {
      return " ".repeat(itemCol) + "- " + (typeof item === "string" ? scalarText(item, false) : String(item));
    }));
  }

  function Writer(shape) {
    this.shape = shape || {};
    this.flowKeys = this.shape.flow || { channels: true, bron: true };
  }

  /* One key and its value, at column `col`; `prefix` starts the first line (indent or "- "). */
  Writer.prototype.entry = function (key, value, entry, col, prefix, context) {
    if (entry && same(entry.value, value)) { return [prefix + entry.first].concat(entry.rest); }
    var nested = (this.shape.nested || {})[key];
    if (nested && Array.isArray(value)) { return this.list(key, value, entry, col, prefix, nested, context); }
    if (nested && value && typeof value === "object") {
      var sub = entry && entry.sub;
      var inner = sub && sub.entries.length ? indentOf(entry.rest.filter(function (l) { return !isGap(l); })[0]) : col + 2;
      return [prefix + key + ":"].concat(this.mapping(value, sub, inner, " ".repeat(inner), nested.keys, {}));
    }
    var style = styleOf(entry);
    if (Array.isArray(value)) { return listLines(key, value, style, entry, col, prefix, this.flowKeys); }
    return scalarLines(key, value, style === "block" ? null : style, col, prefix);
  };

  Writer.prototype.list = function (key, items, entry, col, prefix, nested, context) {
    var lines = [prefix + key + ":"];
    var sourceItems = entry && entry.items;
    var itemCol = sourceItems ? entry.itemCol : col + 2;
    var origins = (context.origins || {})[key] || [];
    items.forEach(function (item, index) {
      var origin = origins[index];
      var source = sourceItems && origin !== null && origin !== undefined ? sourceItems[origin] : null;
      var lead;
      if (source && (source.index === index || hasComment(source.lead))) {
        lead = source.lead;
      } else {
        lead = index > 0 && BLANK_BETWEEN[key] ? [""] : [];
      }
      lines = lines.concat(lead);
      if (source && same(source.value, item)) {
        lines = lines.concat(source.lines);
      } else {
        lines = lines.concat(this.mapping(item, source && source.parts, itemCol + 2,
          " ".repeat(itemCol) + "- ", nested.keys, {}));
      }
    }, this);
    return entry && entry.listTail && items.length ? lines.concat(entry.listTail) : lines;
  };

  /* The entries of a mapping at column `col`; the first line starts with `firstPrefix`. */
  Writer.prototype.mapping = function (object, parts, col, firstPrefix, modelKeys, context, rootLevel) {
    var map = parts ? parts.map : {};
    var keys = Object.keys(object).filter(function (key) {
      return !empty(object[key], key, this.shape.falseByDefault) ||
        (map[key] && same(map[key].value, object[key]));
    }, this);
    var order = orderKeys(keys, parts ? parts.entries.map(function (e) { return e.key; }) : null, modelKeys);
    var lines = [];
    order.forEach(function (key, index) {
      var entry = map[key];
      var lead = entry ? entry.lead : (rootLevel && index > 0 && BLANK_BEFORE[key] ? [""] : []);
      if (index === 0 && !rootLevel && !hasComment(lead)) { lead = []; }
      var prefix = index === 0 ? firstPrefix : " ".repeat(col);
      lines = lines.concat(lead, this.entry(key, object[key], entry, col, prefix, context));
    }, this);
    if (parts && parts.tail.length) { lines = lines.concat(parts.tail); }
    // An item with nothing in it yet stays in its list (its place counts: "stage: 2").
    return lines.length || rootLevel ? lines : [firstPrefix + "{}"];
  };

  /* The text of a journey file for `data`. `source` is what parse() gave for the opened file
   * (or null for a new one); `origins` says, per list (stages, opportunities), which item of the
   * opened file each current item was (an index, or null for a new item). */
  function emit(data, source, origins, shape) {
    var writer = new Writer(shape);
    var root = source && source.root;
    var header = source ? source.header : [SCHEMA_LINE];
    var lines = header.concat(writer.mapping(data, root, 0, "", (shape || {}).keys, { origins: origins || {} }, true));
    var text = lines.join("\n") + (!source || source.finalNewline ? "\n" : "");
    if (source && source.crlf) { text = text.replace(/\n/g, "\r\n"); }
    return (source && source.bom ? "\ufeff" : "") + text;
  }

  global.WerkbladYaml = { parse: parse, emit: emit, plainSafe: plainSafe, SCHEMA_LINE: SCHEMA_LINE };
})(typeof window !== "undefined" ? window : this);
