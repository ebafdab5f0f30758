/* Klantreis Kennisbank: the journey map as SVG or PNG download, and a presentation view.
 *
 * Plain JavaScript without a framework: works from disk (file://) and below a sub-path. The map
 * is read from the page's own table; every text goes into the SVG as textContent. */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var FONT = "Helvetica, Arial, sans-serif";
  var SIZE = { lane: 150, column: 190, pad: 8, line: 15, text: 12, curve: 110 };
  var PHASE_COLOURS = {
    aandacht: "#1565c0", overweging: "#6a1b9a", aankoop: "#2e7d32",
    service: "#b34700", loyaliteit: "#ad1457"
  };

  function phaseOf(element) {
    var match = /kr-fase-([a-z]+)/.exec(element.className || "");
    return match ? match[1] : "";
  }

  /* Words of `text` in lines no wider than `width` pixels, measured with the SVG's font. */
  function wrap(context, text, width) {
    var lines = [];
    text.split("\n").forEach(function (paragraph) {
      var line = "";
      paragraph.split(/\s+/).filter(Boolean).forEach(function (word) {
        var trial = line ? line + " " + word : word;
        if (line && context.measureText(trial).width > width) {
          lines.push(line);
          line = word;
        } else {
          line = trial;
        }
      });
      if (line) lines.push(line);
    });
    return lines;
  }

  /* The text of a cell as the reader sees it: list items and quotes on lines of their own. */
  function cellText(cell) {
    var items = cell.querySelectorAll("li, blockquote");
    var clone = cell.cloneNode(true);
    // Hidden text (a term's definition for screen readers, tooltips.js) is no part of the map.
    clone.querySelectorAll(".kr-bron, .kr-sr, .kr-mvdw-label, svg, [hidden]").forEach(function (node) {
      node.remove();
    });
    if (items.length) {
      return Array.prototype.map.call(clone.querySelectorAll("li, blockquote"), function (item) {
        return (item.tagName === "LI" ? "• " : "") + item.textContent.trim();
      }).join("\n");
    }
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function readMap(root) {
    var table = root.querySelector("table.kr-kaart");
    var bands = Array.prototype.map.call(
      table.querySelectorAll("tr.kr-fasenrij th:not(.kr-lane)"),
      function (th) {
        return { name: th.textContent.trim(), phase: phaseOf(th), span: th.colSpan || 1 };
      });
    var stages = Array.prototype.map.call(
      table.querySelectorAll("tr.kr-stappenrij th:not(.kr-lane)"),
      function (th) {
        return {
          title: cellText(th),
          phase: phaseOf(th),
          moment: th.classList.contains("kr-mvdw")
        };
      });
    var lanes = Array.prototype.map.call(table.querySelectorAll("tbody tr"), function (row) {
      var cells = Array.prototype.slice.call(row.querySelectorAll("td"));
      var label = row.querySelector("th .kr-lanenaam");
      var name = label ? label.textContent.trim() : "";
      if (row.classList.contains("kr-lane-emotion")) {
        return {
          name: name || "Emotie",
          curve: cells.map(function (cell) {
            var now = cell.querySelector("[data-kr-curve=nu]");
            var after = cell.querySelector("[data-kr-curve=na]");
            return {
              now: now ? Number(now.getAttribute("data-emotie")) : null,
              after: after ? Number(after.getAttribute("data-emotie")) : null
            };
          })
        };
      }
      return { name: name, cells: cells.map(cellText) };
    });
    var note = root.querySelector(".kr-bewijsnoot");
    return { bands: bands, stages: stages, lanes: lanes, note: note ? cellText(note) : "" };
  }

  function node(parent, name, attributes, text) {
    var element = document.createElementNS(SVG_NS, name);
    Object.keys(attributes || {}).forEach(function (key) {
      element.setAttribute(key, attributes[key]);
    });
    if (text !== undefined) element.textContent = text;
    parent.appendChild(element);
    return element;
  }

  function textBlock(parent, lines, x, y, attributes) {
    lines.forEach(function (line, index) {
      var base = { x: x, y: y + SIZE.text + index * SIZE.line, "font-size": SIZE.text };
      node(parent, "text", Object.assign(base, attributes || {}), line);
    });
  }

  function curveY(top, value) {
    return top + 10 + (2 - value) * (SIZE.curve - 20) / 4;
  }

  function drawCurve(svg, lane, top, left) {
    var centre = function (index) { return left + (index + 0.5) * SIZE.column; };
    // The line now bridges a stage without emotion; the after-line breaks there, as on the page.
    [["after", "#e65100", "6 4", false], ["now", "#555555", "", true]].forEach(function (kind) {
      var runs = [[]];
      lane.curve.forEach(function (value, index) {
        if (value[kind[0]] !== null) {
          runs[runs.length - 1].push(centre(index) + "," + curveY(top, value[kind[0]]));
        } else if (!kind[3]) {
          runs.push([]);
        }
      });
      runs.filter(function (points) { return points.length > 1; }).forEach(function (points) {
        node(svg, "polyline", {
          points: points.join(" "), fill: "none", stroke: kind[1], "stroke-width": 2.5,
          "stroke-dasharray": kind[2] || "none"
        });
      });
    });
    lane.curve.forEach(function (value, index) {
      if (value.after !== null) {
        node(svg, "circle", { cx: centre(index), cy: curveY(top, value.after), r: 5,
          fill: "#ffffff", stroke: "#e65100", "stroke-width": 2, "data-stap": index + 1 });
      }
      if (value.now !== null) {
        node(svg, "circle", { cx: centre(index), cy: curveY(top, value.now), r: 6,
          fill: value.phase || "#555555", stroke: "#ffffff", "stroke-width": 2,
          "data-stap": index + 1 });
      }
    });
  }

  /* A standalone SVG of the whole map: phase bands, stages, every lane, the curve(s). */
  function buildSvg(map, title) {
    var context = document.createElement("canvas").getContext("2d");
    context.font = SIZE.text + "px " + FONT;
    var inner = SIZE.column - 2 * SIZE.pad;
    var width = SIZE.lane + map.stages.length * SIZE.column;
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("xmlns", SVG_NS);
    svg.setAttribute("font-family", FONT);
    node(svg, "title", {}, title);
    var background = node(svg, "rect", { x: 0, y: 0, fill: "#ffffff" });
    var y = 0;
    textBlock(svg, [title], SIZE.pad, 6, { "font-size": 18, "font-weight": "bold" });
    y = 40;
    if (map.note) {
      textBlock(svg, [map.note], SIZE.pad, 30);
      y += 20;
    }
    var top = y + 30;
    var x = SIZE.lane;
    map.bands.forEach(function (band) {
      var span = band.span * SIZE.column;
      node(svg, "rect", { x: x, y: y, width: span - 2, height: 26,
        fill: PHASE_COLOURS[band.phase] || "#607d8b" });
      textBlock(svg, [band.name], x + SIZE.pad, y + 4, { fill: "#ffffff", "font-weight": "bold" });
      x += span;
    });
    textBlock(svg, ["Fase"], SIZE.pad, y + 4, { "font-weight": "bold" });
    y += 30;
    var rows = [{ name: "Stap", cells: map.stages.map(function (stage, index) {
      return stage.title + (stage.moment ? "\n★ Moment van de waarheid" : "");
    }), bold: true }].concat(map.lanes);
    rows.forEach(function (lane) {
      var height;
      if (lane.curve) {
        lane.curve.forEach(function (value, index) { value.phase = PHASE_COLOURS[map.stages[index].phase]; });
        height = SIZE.curve;
        node(svg, "line", { x1: SIZE.lane, x2: width, y1: curveY(y, 0), y2: curveY(y, 0),
          stroke: "#bbbbbb", "stroke-dasharray": "3 3" });
        drawCurve(svg, lane, y, SIZE.lane);
      } else {
        var wrapped = lane.cells.map(function (text) { return wrap(context, text, inner); });
        var most = Math.max.apply(null, wrapped.map(function (lines) { return lines.length; }).concat([1]));
        height = most * SIZE.line + 2 * SIZE.pad;
        wrapped.forEach(function (lines, index) {
          textBlock(svg, lines, SIZE.lane + index * SIZE.column + SIZE.pad, y + SIZE.pad,
            lane.bold ? { "font-weight": "bold" } : {});
        });
      }
      textBlock(svg, wrap(context, lane.name, SIZE.lane - 2 * SIZE.pad), SIZE.pad, y + SIZE.pad,
        { "font-weight": "bold" });
      node(svg, "line", { x1: 0, x2: width, y1: y, y2: y, stroke: "#dddddd" });
      y += height;
    });
    for (var column = 0; column <= map.stages.length; column += 1) {
      var lineX = SIZE.lane + column * SIZE.column;
      node(svg, "line", { x1: lineX, x2: lineX, y1: top, y2: y, stroke: "#dddddd" });
    }
    background.setAttribute("width", width);
    background.setAttribute("height", y + 10);
    svg.setAttribute("width", width);
    svg.setAttribute("height", y + 10);
    svg.setAttribute("viewBox", "0 0 " + width + " " + (y + 10));
    return svg;
  }

  function save(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  function svgText(root) {
    var title = root.getAttribute("data-kr-titel") || "Klantreis";
    var svg = buildSvg(readMap(root), title);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
  }

  function downloadSvg(root) {
    save(new Blob([svgText(root)], { type: "image/svg+xml" }),
      root.getAttribute("data-kr-reis") + "-klantreiskaart.svg");
  }

  function downloadPng(root, status) {
    var text = svgText(root);
    var image = new Image();
    image.onload = function () {
      try {
        var canvas = document.createElement("canvas");
        canvas.width = image.width * 2;
        canvas.height = image.height * 2;
        var context = canvas.getContext("2d");
        context.scale(2, 2);
        context.drawImage(image, 0, 0);
        canvas.toBlob(function (blob) {
          if (blob) save(blob, root.getAttribute("data-kr-reis") + "-klantreiskaart.png");
          else status.textContent = "PNG maken lukt niet in deze browser; gebruik de SVG.";
        }, "image/png");
      } catch (error) {
        status.textContent = "PNG maken lukt niet in deze browser; gebruik de SVG.";
      }
    };
    image.onerror = function () {
      status.textContent = "PNG maken lukt niet in deze browser; gebruik de SVG.";
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
  }

  /* The presentation view: the map full screen, one phase band at a time. */
  function Presentation(root) {
    this.root = root;
    this.bar = root.querySelector(".kr-presentatiebalk");
    this.title = root.querySelector(".kr-presentatie-titel");
    this.bands = root.querySelectorAll("tr.kr-fasenrij th[data-kr-band]");
    this.index = 0;
    this.onKey = this.key.bind(this);
  }

  Presentation.prototype.open = function () {
    this.root.classList.add("kr-presenteren");
    this.bar.hidden = false;
    document.documentElement.style.overflow = "hidden";
    document.addEventListener("keydown", this.onKey);
    this.show(0);
    if (this.root.requestFullscreen) {
      this.root.requestFullscreen().catch(function () { /* a window is fine too */ });
    }
    this.bar.querySelector(".kr-volgende").focus();
  };

  Presentation.prototype.close = function () {
    if (!this.root.classList.contains("kr-presenteren")) return;
    this.root.classList.remove("kr-presenteren");
    this.bar.hidden = true;
    document.documentElement.style.overflow = "";
    document.removeEventListener("keydown", this.onKey);
    this.root.querySelectorAll(".kr-verborgen").forEach(function (cell) {
      cell.classList.remove("kr-verborgen");
    });
    if (document.fullscreenElement) document.exitFullscreen().catch(function () {});
    this.root.querySelector(".kr-knop-presentatie").focus();
  };

  Presentation.prototype.show = function (index) {
    var count = this.bands.length;
    this.index = Math.max(0, Math.min(count - 1, index));
    var current = String(this.index);
    this.root.querySelectorAll("[data-kr-band]").forEach(function (cell) {
      cell.classList.toggle("kr-verborgen", cell.getAttribute("data-kr-band") !== current);
    });
    var name = this.bands[this.index].textContent.trim();
    this.title.textContent = "Fase " + (this.index + 1) + " van " + count + ": " + name;
    this.root.setAttribute("data-kr-getoond", current);
  };

  Presentation.prototype.key = function (event) {
    if (event.key === "ArrowRight" || event.key === "PageDown") {
      this.show(this.index + 1);
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      this.show(this.index - 1);
    } else if (event.key === "Escape") {
      this.close();
    } else {
      return;
    }
    event.preventDefault();
  };

  function setUp(root) {
    var bar = root.querySelector(".kr-kaartbalk");
    if (!bar || root.hasAttribute("data-kr-klaar")) return;
    root.setAttribute("data-kr-klaar", "");
    var status = bar.querySelector(".kr-kaartbalk-melding");
    var presentation = new Presentation(root);
    bar.querySelector(".kr-knop-svg").addEventListener("click", function () { downloadSvg(root); });
    bar.querySelector(".kr-knop-png").addEventListener("click", function () {
      downloadPng(root, status);
    });
    bar.querySelector(".kr-knop-presentatie").addEventListener("click", function () {
      presentation.open();
    });
    var controls = root.querySelector(".kr-presentatiebalk");
    controls.querySelector(".kr-vorige").addEventListener("click", function () {
      presentation.show(presentation.index - 1);
    });
    controls.querySelector(".kr-volgende").addEventListener("click", function () {
      presentation.show(presentation.index + 1);
    });
    controls.querySelector(".kr-sluiten").addEventListener("click", function () {
      presentation.close();
    });
    document.addEventListener("fullscreenchange", function () {
      if (!document.fullscreenElement) presentation.close();
    });
    bar.hidden = false;
  }

  function start() {
    document.querySelectorAll(".kr-klantreis").forEach(setUp);
  }

  // Material's instant navigation replaces the page without a new load; it is off here, but
  // listening to its document$ costs nothing when it is on.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
