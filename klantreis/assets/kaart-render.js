/* The journey map in the browser: the same markup as the site's map (templates/journey_map.html
 * and curve_cell.html, data from site/journey_map.py), from a journey as plain data.
 *
 * Used by the editor's preview and, offline, by the worksheet editor. It knows nothing of any
 * CMS: KaartRender.render(container, journey, data) replaces the container's content, where
 * `journey` is the journey as its YAML file holds it and `data` gives the phases, channels and
 * icons ({phases: {id: {name, title, icon}}, channels: {id: {name}}, icons: {name: {viewBox,
 * paths}}, links: {phase: "…/{id}/", channel: "…/{id}/"}}). Text is only ever set as text.
 */
(function (global) {
  "use strict";

  // [field of a stage, lane name, how its cells are drawn], in the order of journey_map.LANES.
  var LANES = [
    ["emotion", "Emotie", "curve"],
    ["does", "Doet", "text"],
    ["thinks", "Denkt", "text"],
    ["feels", "Voelt", "text"],
    ["quotes", "Klanten zeggen", "quotes"],
    ["evidence", "Onderbouwing", "evidence"],
    ["channels", "Kanalen", "channels"],
    ["online", "Online of offline", "online"],
    ["duration", "Duur", "text"],
    ["needs", "Behoeften", "text"],
    ["expectations", "Verwachtingen", "text"],
    ["pain_points", "Knelpunten", "list"],
    ["improvements", "Verbeteringen", "list"],
    ["backstage", "Achter de schermen", "text"],
    ["owner", "Eigenaar", "text"],
    ["kpis", "KPI's", "list"]
  ];
  var BACKSTAGE = { backstage: true, owner: true, kpis: true };
  var ONLINE = { "true": "online", "false": "offline", mixed: "online en offline" };
  var EVIDENCE = { aanname: "aanname", interview: "interviews", data: "data", observatie: "observatie" };
  var EMOTIONS = { "-2": "heel negatief", "-1": "negatief", "0": "neutraal", "1": "positief", "2": "heel positief" };
  var SVG = "http://www.w3.org/2000/svg";

  function emotionOf(value) {
    if (value === null || value === undefined || value === "") { return null; }
    var number = Number(value);
    return Number.isInteger(number) && number >= -2 && number <= 2 ? number : null;
  }

  function level(emotion) { return 10 + (2 - emotion) * 20; }

  function levelClass(emotion) {
    return "kr-niveau-" + (emotion < 0 ? "m" : emotion > 0 ? "p" : "") + Math.abs(emotion);
  }

  // As Python's "{:g}" (six significant digits), so the points match the site's exactly.
  function fmt(number) { return String(parseFloat(number.toPrecision(6))); }

  /* One stage's share of the curve through `values`: as journey_map.curve_cells. With
   * `bridge` false a stage without a value breaks the line (the after-curve); default true. */
  function curveCells(values, bridge) {
    var known = [];
    values.forEach(function (value, index) {
      if (value !== null) { known.push([index + 0.5, level(value)]); }
    });
    function height(position) {
      for (var i = 0; i + 1 < known.length; i++) {
        var a = known[i], b = known[i + 1];
        if (a[0] <= position && position <= b[0] && (bridge !== false || b[0] - a[0] <= 1)) {
          return a[1] + (b[1] - a[1]) * (position - a[0]) / (b[0] - a[0]);
        }
      }
      for (var j = 0; j < known.length; j++) {
        if (known[j][0] === position) { return known[j][1]; }  // a point on its own
      }
      return null;
    }
    return values.map(function (value, index) {
      var points = [];
      [0, 50, 100].forEach(function (x) {
        var y = height(index + x / 100);
        if (y !== null) { points.push(fmt(x) + "," + fmt(y)); }
      });
      return { emotion: value, path: points.length > 1 ? points.join(" ") : "" };
    });
  }

  function filled(value) {
    return !(value === null || value === undefined || value === "" || value === false ||
             (Array.isArray(value) && value.length === 0));
  }

  function bandsOf(stages) {
    var bands = [];
    stages.forEach(function (stage) {
      var last = bands[bands.length - 1];
      if (last && last.phase === stage.phase) { last.count += 1; } else { bands.push({ phase: stage.phase, count: 1 }); }
    });
    return bands;
  }

  function Builder(doc, data) {
    this.doc = doc;
    this.data = data || {};
  }

  Builder.prototype.el = function (tag, className, text) {
    var node = this.doc.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.appendChild(this.doc.createTextNode(String(text))); }
    return node;
  };

  Builder.prototype.text = function (parent, text) {
    parent.appendChild(this.doc.createTextNode(String(text)));
    return parent;
  };

  Builder.prototype.icon = function (name) {
    var icon = (this.data.icons || {})[name];
    if (!icon) { return null; }
    var svg = this.doc.createElementNS(SVG, "svg");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("viewBox", icon.viewBox);
    (icon.paths || []).forEach(function (d) {
      var path = this.doc.createElementNS(SVG, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    }, this);
    return svg;
  };

  Builder.prototype.link = function (kind, id) {
    var pattern = (this.data.links || {})[kind];
    return pattern ? pattern.replace("{id}", encodeURIComponent(id)) : "#";
  };

  Builder.prototype.append = function (parent, child) {
    if (child) { parent.appendChild(child); }
    return parent;
  };

  Builder.prototype.persona = function (journey) {
    var persona = journey.persona || {};
    var section = this.el("section", "kr-persona");
    section.setAttribute("aria-label", "Persona");
    var name = this.el("p", "kr-persona-naam");
    this.append(name, this.icon("material/account-circle-outline"));
    name.appendChild(this.el("strong", "", persona.name || ""));
    if (journey.sector) {
      this.text(name, " ");
      name.appendChild(this.el("span", "kr-sector", "· " + journey.sector));
    }
    section.appendChild(name);
    [["about", "Wie:"], ["goal", "Wil:"]].forEach(function (pair) {
      if (!persona[pair[0]]) { return; }
      var line = this.el("p");
      line.appendChild(this.el("strong", "", pair[1]));
      this.text(line, " " + persona[pair[0]]);
      section.appendChild(line);
    }, this);
    return section;
  };

  Builder.prototype.head = function (stages, bands, bandOf) {
    var thead = this.el("thead");
    var phaseRow = this.el("tr", "kr-fasenrij");
    var corner = this.el("th", "kr-lane", "Fase");
    corner.setAttribute("scope", "col");
    phaseRow.appendChild(corner);
    bands.forEach(function (band, index) {
      var phase = (this.data.phases || {})[band.phase] || { name: band.phase, icon: "" };
      var th = this.el("th", "kr-fase-" + band.phase);
      th.setAttribute("scope", "colgroup");
      th.setAttribute("colspan", String(band.count));
      th.setAttribute("data-kr-band", String(index));
      var a = this.el("a");
      a.setAttribute("href", this.link("phase", band.phase));
      this.append(a, this.icon(phase.icon));
      a.appendChild(this.el("span", "", phase.name));
      th.appendChild(a);
      phaseRow.appendChild(th);
    }, this);
    thead.appendChild(phaseRow);
    var stageRow = this.el("tr", "kr-stappenrij");
    var label = this.el("th", "kr-lane", "Stap");
    label.setAttribute("scope", "col");
    stageRow.appendChild(label);
    stages.forEach(function (stage, index) {
      var th = this.el("th", "kr-stap kr-fase-" + stage.phase + (stage.moment_of_truth ? " kr-mvdw" : ""));
      th.setAttribute("scope", "col");
      th.id = "stap-" + (index + 1);
      th.setAttribute("data-kr-band", String(bandOf[index]));
      th.appendChild(this.el("span", "kr-stapnummer", index + 1));
      this.text(th, " " + (stage.title || ""));
      if (stage.moment_of_truth) {
        this.text(th, " ");
        var mark = this.el("span", "kr-mvdw-label");
        this.append(mark, this.icon("material/star-four-points"));
        this.text(mark, "Moment van de waarheid");
        th.appendChild(mark);
      }
      stageRow.appendChild(th);
    }, this);
    thead.appendChild(stageRow);
    return thead;
  };

  /* The evidence every stage has, when they all have the same: as journey_map.shared_evidence. */
  function sharedEvidence(stages) {
    var first = stages.length ? stages[0].evidence : null;
    if (!filled(first)) { return null; }
    return stages.every(function (stage) { return stage.evidence === first; }) ? first : null;
  }

  Builder.prototype.lanes = function (stages) {
    var result = [];
    var shared = sharedEvidence(stages);
    LANES.forEach(function (lane) {
      var key = lane[0];
      var values = stages.map(function (stage) {
        if (key !== "emotion") { return stage[key]; }
        var now = emotionOf(stage.emotion);
        return now !== null ? now : emotionOf(stage.emotion_to_be);
      });
      if (!values.some(filled)) { return; }
      if (key === "evidence" && shared) { return; }  // said once above the map
      result.push({ key: key, label: lane[1], kind: lane[2], values: values, backstage: !!BACKSTAGE[key] });
    });
    var first = result.filter(function (lane) { return lane.backstage; })[0];
    result.forEach(function (lane) { lane.first = lane === first && lane !== result[0]; });
    return result;
  };

  Builder.prototype.laneHeader = function (lane, hasAfter) {
    var th = this.el("th", "kr-lane");
    th.setAttribute("scope", "row");
    if (lane.first) { th.appendChild(this.el("span", "kr-zichtlijn-label", "Lijn van zichtbaarheid")); }
    th.appendChild(this.el("span", "kr-lanenaam", lane.label));
    if (lane.kind === "curve") {
      var scale = this.el("span", "kr-schaal");
      scale.setAttribute("aria-hidden", "true");
      scale.appendChild(this.el("span", "kr-niveau-p2", "+2"));
      scale.appendChild(this.el("span", "kr-niveau-0", "0"));
      scale.appendChild(this.el("span", "kr-niveau-m2", "−2"));
      th.appendChild(scale);
      if (hasAfter) {
        var legend = this.el("span", "kr-curvelegenda");
        legend.appendChild(this.el("span", "kr-legenda-nu", "nu"));
        this.text(legend, " ");
        legend.appendChild(this.el("span", "kr-legenda-na", "na verbetering"));
        th.appendChild(legend);
      }
    }
    return th;
  };

  Builder.prototype.signed = function (emotion) {
    return emotion ? (emotion > 0 ? "+" : "") + emotion : "0";
  };

  Builder.prototype.curveCell = function (td, now, after, stage, number) {
    var box = this.el("div", "kr-curve");
    var svg = this.doc.createElementNS(SVG, "svg");
    svg.setAttribute("class", "kr-curvelijnen");
    svg.setAttribute("viewBox", "0 0 100 100");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var zero = this.doc.createElementNS(SVG, "line");
    [["class", "kr-nullijn"], ["x1", "0"], ["x2", "100"], ["y1", "50"], ["y2", "50"]].forEach(function (pair) {
      zero.setAttribute(pair[0], pair[1]);
    });
    svg.appendChild(zero);
    [[after, "kr-lijn-na"], [now, "kr-lijn"]].forEach(function (pair) {
      if (!pair[0].path) { return; }
      var line = this.doc.createElementNS(SVG, "polyline");
      line.setAttribute("class", pair[1]);
      line.setAttribute("points", pair[0].path);
      svg.appendChild(line);
    }, this);
    box.appendChild(svg);
    if (after.emotion !== null) {
      box.appendChild(this.point("kr-punt kr-punt-na " + levelClass(after.emotion), after.emotion, number, "na"));
    }
    if (now.emotion !== null) {
      box.appendChild(this.point("kr-punt kr-fase-" + stage.phase + " " + levelClass(now.emotion), now.emotion, number, "nu"));
    }
    td.appendChild(box);
    var label = this.el("p", "kr-emotielabel");
    if (now.emotion !== null) { this.text(label, this.signed(now.emotion) + " · " + EMOTIONS[now.emotion]); }
    if (after.emotion !== null && after.emotion !== now.emotion) {
      var later = this.el("span", "kr-na", " → " + this.signed(after.emotion));
      later.appendChild(this.el("span", "kr-sr", " (" + EMOTIONS[after.emotion] + ") na verbetering"));
      label.appendChild(later);
    }
    td.appendChild(label);
  };

  Builder.prototype.evidenceNote = function (evidence) {
    if (!evidence) { return null; }
    var note = this.el("p", "kr-bewijsnoot");
    note.appendChild(this.el("strong", "", "Onderbouwing van alle stappen:"));
    this.text(note, " ");
    note.appendChild(this.el("span", "kr-bewijs kr-bewijs-" + evidence, EVIDENCE[evidence] || evidence));
    return note;
  };

  Builder.prototype.point = function (className, emotion, number, curve) {
    var span = this.el("span", className);
    span.setAttribute("data-stap", String(number));
    span.setAttribute("data-emotie", String(emotion));
    span.setAttribute("data-kr-curve", curve);
    return span;
  };

  Builder.prototype.cell = function (lane, value, stage) {
    var kind = lane.kind;
    var td = this.el("td");
    if (kind === "list" && filled(value)) {
      var ul = this.el("ul");
      value.forEach(function (item) { ul.appendChild(this.el("li", "", item)); }, this);
      td.appendChild(ul);
    } else if (kind === "quotes" && filled(value)) {
      value.forEach(function (quote) { td.appendChild(this.el("blockquote", "kr-citaat", "“" + quote + "”")); }, this);
    } else if (kind === "channels" && Array.isArray(value)) {
      value.forEach(function (id, index) {
        var channel = (this.data.channels || {})[id] || { name: id };
        var a = this.el("a", "kr-kanaal-label", channel.name);
        a.setAttribute("href", this.link("channel", id));
        td.appendChild(a);
        if (index < value.length - 1) { this.text(td, ", "); }
      }, this);
    } else if (kind === "online" && value !== null && value !== undefined && value !== "") {
      this.text(td, ONLINE[String(value)] || String(value));
    } else if (kind === "evidence" && value) {
      td.appendChild(this.el("span", "kr-bewijs kr-bewijs-" + value, EVIDENCE[value] || value));
    } else if (kind === "text" && filled(value)) {
      this.text(td, value);
    }
    return td;
  };

  Builder.prototype.map = function (journey) {
    var stages = (journey.stages || []).filter(function (stage) { return stage && typeof stage === "object"; });
    var bands = bandsOf(stages);
    var bandOf = [];
    bands.forEach(function (band, index) { for (var i = 0; i < band.count; i++) { bandOf.push(index); } });
    var root = this.el("div", "kr-klantreis");
    root.setAttribute("data-kr-titel", journey.title || "");
    root.appendChild(this.persona(journey));
    this.append(root, this.evidenceNote(sharedEvidence(stages)));
    var scroll = this.el("div", "kr-kaart-scroll");
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-label", "Klantreiskaart van " + ((journey.persona || {}).name || "") + ", scrollt zijwaarts");
    scroll.setAttribute("tabindex", "0");
    var table = this.el("table", "kr-kaart");
    table.style.setProperty("--kr-stappen", String(stages.length));
    table.appendChild(this.el("caption", "", "Klantreiskaart: " + (journey.title || "")));
    var cols = this.el("colgroup");
    cols.appendChild(this.el("col", "kr-lanekolom"));
    stages.forEach(function (stage, index) {
      var col = this.el("col", "kr-stapkolom");
      col.setAttribute("data-kr-band", String(bandOf[index]));
      cols.appendChild(col);
    }, this);
    table.appendChild(cols);
    table.appendChild(this.head(stages, bands, bandOf));
    var hasAfter = stages.some(function (stage) { return emotionOf(stage.emotion_to_be) !== null; });
    var now = curveCells(stages.map(function (stage) { return emotionOf(stage.emotion); }));
    var after = curveCells(stages.map(function (stage) { return emotionOf(stage.emotion_to_be); }), false);
    var tbody = this.el("tbody");
    this.lanes(stages).forEach(function (lane) {
      var row = this.el("tr", "kr-lane-" + lane.key + (lane.backstage ? " kr-achter" : "") + (lane.first ? " kr-zichtlijn" : ""));
      row.appendChild(this.laneHeader(lane, hasAfter));
      stages.forEach(function (stage, index) {
        var td;
        if (lane.kind === "curve") {
          td = this.el("td", "kr-curvecel" + (stage.moment_of_truth ? " kr-mvdw" : ""));
          this.curveCell(td, now[index], after[index], stage, index + 1);
        } else {
          td = this.cell(lane, lane.values[index], stage);
        }
        td.setAttribute("data-kr-band", String(bandOf[index]));
        row.appendChild(td);
      }, this);
      tbody.appendChild(row);
    }, this);
    table.appendChild(tbody);
    scroll.appendChild(table);
    root.appendChild(scroll);
    return root;
  };

  function render(container, journey, data) {
    var builder = new Builder(container.ownerDocument || document, data);
    while (container.firstChild) { container.removeChild(container.firstChild); }
    container.appendChild(builder.map(journey || {}));
    return container.firstChild;
  }

  global.KaartRender = { render: render, curveCells: curveCells };
})(typeof window !== "undefined" ? window : this);
