/* The worksheet's fields: the value of a form field as its journey file holds it, and back.
 *
 * Each field is a box with data-veld (the key) and data-widget (how it is shown, see
 * site/worksheet.py): WerkbladFields.read(box, old), .write(box, value), .fill(scope, values).
 */
(function (global) {
  "use strict";

  function control(box) { return box.querySelector("input, textarea, select"); }

  function readField(box, old) {
    var widget = box.getAttribute("data-widget"), input = control(box);
    if (widget === "kanalen") {
      var checked = Array.prototype.filter.call(box.querySelectorAll("input"), function (c) { return c.checked; })
        .map(function (c) { return c.value; });
      var kept = (Array.isArray(old) ? old : []).filter(function (id) { return checked.indexOf(id) >= 0; });
      return kept.concat(checked.filter(function (id) { return kept.indexOf(id) < 0; }));
    }
    if (widget === "vinkje") { return input.checked; }
    if (widget === "regels") {
      return input.value.split("\n").map(function (line) { return line.trim(); }).filter(Boolean);
    }
    if (widget === "ids") { return input.value.split(/[\s,]+/).filter(Boolean); }
    if (widget === "keuze") { return input.value === "" ? undefined : JSON.parse(input.value); }
    if (widget === "getal") {
      var text = input.value.trim();
      if (text === "") { return input.validity && input.validity.badInput ? "?" : undefined; }
      return /^[-+]?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    }
    var value = input.value.trim();
    return value === "" ? undefined : value;
  }

  function writeField(box, value) {
    var widget = box.getAttribute("data-widget"), input = control(box);
    if (widget === "kanalen") {
      var ids = Array.isArray(value) ? value : [];
      ids.forEach(function (id) {
        if (!box.querySelector('input[value="' + CSS.escape(String(id)) + '"]')) {
          var label = document.createElement("label");
          label.className = "kr-wb-vinkje kr-wb-onbekend";
          var box2 = document.createElement("input");
          box2.type = "checkbox";
          box2.value = String(id);
          var span = document.createElement("span");
          span.textContent = id + " (onbekend)";
          label.appendChild(box2);
          label.appendChild(span);
          box.querySelector(".kr-wb-vinkjes").appendChild(label);
        }
      });
      box.querySelectorAll("input").forEach(function (c) { c.checked = ids.indexOf(c.value) >= 0; });
      showChosen(box, ids);
    } else if (widget === "vinkje") {
      input.checked = value === true;
    } else if (widget === "regels" || widget === "ids") {
      var separator = widget === "ids" ? ", " : "\n";
      input.value = Array.isArray(value) ? value.join(separator) : value === undefined ? "" : String(value);
    } else if (widget === "keuze") {
      var encoded = value === undefined || value === null ? "" : JSON.stringify(value);
      if (encoded && !Array.prototype.some.call(input.options, function (o) { return o.value === encoded; })) {
        var option = document.createElement("option");
        option.value = encoded;
        option.textContent = String(value) + " (onbekend)";
        input.appendChild(option);
      }
      input.value = encoded;
    } else if (widget !== "stap") {
      input.value = value === undefined || value === null ? "" : String(value);
    }
  }

  function showChosen(box, ids) {
    var names = ids.map(function (id) {
      var channel = (global.klantreisWerkblad || {}).channels || [].filter(function (c) { return c.id === id; })[0];
      return channel ? channel.name : id;
    });
    box.querySelector(".kr-wb-gekozen").textContent = names.length ? ": " + names.join(", ") : " (geen gekozen)";
  }

  function fillGroup(scope, values) {
    scope.querySelectorAll("[data-veld]").forEach(function (box) { writeField(box, values[box.getAttribute("data-veld")]); });
  }

  global.WerkbladFields = { read: readField, write: writeField, fill: fillGroup, control: control,
                            showChosen: showChosen };
})(typeof window !== "undefined" ? window : this);
