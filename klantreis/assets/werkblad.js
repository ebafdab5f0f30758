/* The worksheet editor (klantreizen/werkblad): a journey filled in in the browser, stage by
 * stage, with the map drawn live, checks while typing, work kept in the browser's storage, and
 * the journey opened from and downloaded as YAML. It works from disk (file://): no request
 * leaves the page; the schema and the catalogue come from werkblad-data.js.
 *
 * State: the journey's own fields, the persona, and the stages and opportunities as items
 * ({id, orig, data}); `orig` is the item's place in an opened file, so the writer can give back
 * its text unchanged. An opportunity refers to its stage by the stage's id, so moving stages
 * keeps it with its stage.
 */
(function () {
  "use strict";

  var DATA = window.klantreisWerkblad;
  var root = document.querySelector(".kr-wb");
  if (!root || !DATA || !window.jsyaml || !window.ajv2020 || !window.WerkbladYaml ||
      !window.WerkbladCheck || !window.KaartRender || !window.WerkbladFields ||
      !window.WerkbladPreview) { return; }
  var Yaml = window.WerkbladYaml;
  var Fields = window.WerkbladFields;
  var check = window.WerkbladCheck.create(DATA);
  var editor = root.querySelector(".kr-wb-editor");
  var form = root.querySelector(".kr-wb-formulier");
  var statusLine = root.querySelector(".kr-wb-status");
  var summary = root.querySelector(".kr-wb-samenvatting");
  var fileInput = root.querySelector(".kr-wb-bestand");
  var fileName = root.querySelector("#wb-bestandsnaam");
  var LISTS = { stages: "Stap", opportunities: "Kans" };
  var STORAGE_VERSION = 1;

  var state, source = null, nextId = 1, showAll = false, problems = [], timer = null;

  // -- state -------------------------------------------------------------------------------

  function emptyState() {
    return { journey: {}, persona: {}, stages: [newItem({})], opportunities: [],
             fileName: "", fileNameTouched: false, sourceText: null, touched: {} };
  }

  function newItem(data, orig) {
    return { id: "i" + nextId++, orig: orig === undefined ? null : orig, data: data };
  }

  function stagePosition(id) {
    for (var i = 0; i < state.stages.length; i++) { if (state.stages[i].id === id) { return i; } }
    return -1;
  }

  /* The journey as its file holds it. */
  function journeyData() {
    var journey = Object.assign({}, state.journey);
    journey.persona = state.persona;
    journey.stages = state.stages.map(function (item) { return item.data; });
    journey.opportunities = state.opportunities.map(function (item) {
      var data = Object.assign({}, item.data);
      delete data.stage;
      var position = item.stageRef ? stagePosition(item.stageRef) : -1;
      if (position >= 0) { data.stage = position + 1; } else if (item.stageRaw !== undefined) { data.stage = item.stageRaw; }
      return data;
    });
    return journey;
  }

  function origins() {
    return {
      stages: state.stages.map(function (item) { return item.orig; }),
      opportunities: state.opportunities.map(function (item) { return item.orig; })
    };
  }

  function currentText() { return Yaml.emit(journeyData(), source, origins(), DATA.shape); }

  var hasContent = window.WerkbladPreview.hasContent;

  function isEmpty() {
    return !hasContent(state.journey) && !hasContent(state.persona) && !state.opportunities.length &&
      !state.stages.some(function (item) { return hasContent(item.data); });
  }

  // -- the lists of stages and opportunities ----------------------------------------------

  function listElement(kind) { return form.querySelector('[data-kr-lijst="' + kind + '"] .kr-wb-items'); }

  function itemElement(kind, item) {
    var template = root.querySelector('template[data-kr-soort="' + kind + '"]');
    var element = template.content.firstElementChild.cloneNode(true);
    element.querySelectorAll("[id], [for], [aria-describedby], [aria-controls]").forEach(function (node) {
      ["id", "for", "aria-describedby", "aria-controls"].forEach(function (name) {
        var value = node.getAttribute(name);
        if (value) { node.setAttribute(name, value.split("__id__").join(item.id)); }
      });
    });
    element.setAttribute("data-kr-item", item.id);
    element.setAttribute("data-kr-soort", kind);
    Fields.fill(element, item.data);
    return element;
  }

  function renderList(kind) {
    var list = listElement(kind);
    list.textContent = "";
    state[kind].forEach(function (item) { list.appendChild(itemElement(kind, item)); });
  }

  function updateHeads() {
    Object.keys(LISTS).forEach(function (kind) {
      var items = listElement(kind).children;
      Array.prototype.forEach.call(items, function (element, index) {
        var item = state[kind][index];
        element.querySelector(".kr-wb-nummer").textContent = LISTS[kind] + " " + (index + 1);
        var title = item.data.title ? ": " + item.data.title : "";
        if (kind === "stages" && item.data.phase) { title = " · " + phaseName(item.data.phase) + title; }
        element.querySelector(".kr-wb-koptitel").textContent = title;
        element.querySelector('[data-kr-actie="omhoog"]').disabled = index === 0;
        element.querySelector('[data-kr-actie="omlaag"]').disabled = index === items.length - 1;
      });
    });
    listElement("opportunities").querySelectorAll('[data-widget="stap"] select').forEach(stageChoices);
  }

  function phaseName(id) {
    var phase = DATA.phases.filter(function (p) { return p.id === id; })[0];
    return phase ? phase.name : String(id);
  }

  function stageChoices(select) {
    var item = findItem("opportunities", select.closest("[data-kr-item]").getAttribute("data-kr-item"));
    select.textContent = "";
    var none = new Option("Geen stap", "");
    select.appendChild(none);
    state.stages.forEach(function (stage, index) {
      select.appendChild(new Option("Stap " + (index + 1) + (stage.data.title ? ": " + stage.data.title : ""), stage.id));
    });
    if (!item.stageRef && item.stageRaw !== undefined) {
      select.appendChild(new Option("Stap " + item.stageRaw + " (bestaat niet)", "raw"));
      select.value = "raw";
    } else {
      select.value = item.stageRef && stagePosition(item.stageRef) >= 0 ? item.stageRef : "";
    }
  }

  function findItem(kind, id) { return state[kind].filter(function (item) { return item.id === id; })[0]; }

  function renderAll() {
    Fields.fill(form.querySelector('[data-kr-groep="reis"]'), state.journey);
    Fields.fill(form.querySelector('[data-kr-groep="persona"]'), state.persona);
    renderList("stages");
    renderList("opportunities");
    updateHeads();
    fileName.value = state.fileName;
  }

  // -- editing -------------------------------------------------------------------------------

  function onInput(event) {
    var box = event.target.closest("[data-veld]");
    if (!box) { return; }
    var name = box.getAttribute("data-veld");
    var itemNode = box.closest("[data-kr-item]");
    var target, key;
    if (itemNode) {
      var kind = itemNode.getAttribute("data-kr-soort"), item = findItem(kind, itemNode.getAttribute("data-kr-item"));
      if (box.getAttribute("data-widget") === "stap") {
        var value = event.target.value;
        item.stageRef = value && value !== "raw" ? value : null;
        if (value !== "raw") { delete item.stageRaw; }
        key = item.id + "." + name;
      } else {
        target = item.data;
        key = item.id + "." + name;
      }
    } else {
      var group = box.closest("[data-kr-groep]").getAttribute("data-kr-groep");
      target = group === "persona" ? state.persona : state.journey;
      key = group + "." + name;
    }
    if (target) {
      var read = Fields.read(box, target[name]);
      if (read === undefined) { delete target[name]; } else { target[name] = read; }
      if (box.getAttribute("data-widget") === "kanalen") { Fields.showChosen(box, read); }
    }
    state.touched[key] = true;
    if (name === "title" || name === "phase") { updateHeads(); }
    if (!state.fileNameTouched && !itemNode && name === "title") { state.fileName = slug(state.journey.title || "") ; fileName.value = state.fileName; }
    schedule();
  }

  function onLeave(event) {
    var box = event.target.closest && event.target.closest("[data-veld]");
    if (!box || box.getAttribute("data-widget") === "kanalen") { return; }
    var item = box.closest("[data-kr-item]");
    var key = (item ? item.getAttribute("data-kr-item") :
      box.closest("[data-kr-groep]").getAttribute("data-kr-groep")) + "." + box.getAttribute("data-veld");
    if (!state.touched[key]) {
      state.touched[key] = true;
      schedule();
    }
  }

  function slug(text) {
    var base = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return base ? base + ".yml" : "";
  }

  function moveItem(kind, element, step) {
    var index = Array.prototype.indexOf.call(element.parentNode.children, element);
    var target = index + step;
    if (target < 0 || target >= state[kind].length) { return; }
    var item = state[kind].splice(index, 1)[0];
    state[kind].splice(target, 0, item);
    var list = element.parentNode;
    list.insertBefore(element, step < 0 ? list.children[target] : list.children[target].nextSibling);
    updateHeads();
    var button = element.querySelector('[data-kr-actie="' + (step < 0 ? "omhoog" : "omlaag") + '"]');
    (button.disabled ? element.querySelector('[data-kr-actie="' + (step < 0 ? "omlaag" : "omhoog") + '"]') : button).focus();
    say(LISTS[kind] + " " + (index + 1) + " staat nu op plek " + (target + 1) + ".");
    schedule();
  }

  function removeItem(kind, element) {
    var index = Array.prototype.indexOf.call(element.parentNode.children, element);
    var item = state[kind][index];
    var label = LISTS[kind] + " " + (index + 1) + (item.data.title ? " (" + item.data.title + ")" : "");
    if (hasContent(item.data) && !window.confirm(label + " verwijderen? Wat je erin hebt ingevuld, verdwijnt.")) { return; }
    state[kind].splice(index, 1);
    if (kind === "stages") {
      state.opportunities.forEach(function (o) { if (o.stageRef === item.id) { o.stageRef = null; } });
    }
    element.remove();
    updateHeads();
    var list = listElement(kind);
    var next = list.children[Math.min(index, list.children.length - 1)];
    (next ? next.querySelector(".kr-wb-knop:not([disabled])") : form.querySelector('[data-kr-actie="' + (kind === "stages" ? "stap" : "kans") + '-toevoegen"]')).focus();
    say(label + " is verwijderd.");
    schedule();
  }

  function addItem(kind) {
    var data = {};
    var last = state[kind][state[kind].length - 1];
    if (kind === "stages" && last && last.data.phase) { data.phase = last.data.phase; }
    var item = newItem(data);
    state[kind].push(item);
    listElement(kind).appendChild(itemElement(kind, item));
    updateHeads();
    var first = listElement(kind).lastElementChild.querySelector(".kr-wb-velden input, .kr-wb-velden select, .kr-wb-velden textarea");
    first.focus();
    say(LISTS[kind] + " " + state[kind].length + " is toegevoegd.");
    schedule();
  }

  function toggle(element, button) {
    var fields = element.querySelector(".kr-wb-velden");
    var open = button.getAttribute("aria-expanded") !== "true";
    fields.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "Inklappen" : "Uitklappen";
  }

  function unfold(button, open) {
    button.setAttribute("aria-expanded", String(open));
    button.nextElementSibling.hidden = !open;
  }

  // -- checks, the map, storage --------------------------------------------------------------

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 150);
  }

  function refresh() {
    window.clearTimeout(timer);
    var text = currentText(), journey;
    try {
      journey = window.jsyaml.load(text);
    } catch (error) {
      journey = journeyData();
    }
    // An empty persona is left out of the file; checked as an empty block, the message names
    // the field to fill in (persona.name) rather than the whole persona.
    if (journey && typeof journey === "object" && journey.persona === undefined) { journey.persona = {}; }
    problems = check(journey);
    showProblems();
    window.WerkbladPreview.draw(root, journey, DATA);
    root.classList.toggle("kr-wb-leeg", isEmpty());
    save();
    return text;
  }

  function fieldBox(path) {
    var scope = null, name = path[0];
    if (path[0] === "persona") { scope = form.querySelector('[data-kr-groep="persona"]'); name = path[1]; }
    else if (LISTS[path[0]] && typeof path[1] === "number" && state[path[0]][path[1]]) {
      scope = listElement(path[0]).querySelector('[data-kr-item="' + state[path[0]][path[1]].id + '"]');
      name = path[2];
    } else if (path.length === 1 && !LISTS[path[0]]) { scope = form.querySelector('[data-kr-groep="reis"]'); }
    var box = scope && name !== undefined ? scope.querySelector('[data-veld="' + name + '"]') : null;
    var key = !scope ? null : path[0] === "persona" ? "persona." + name :
      LISTS[path[0]] ? state[path[0]][path[1]].id + "." + name : "reis." + name;
    return { box: box, key: key };
  }

  function showProblems() {
    root.querySelectorAll(".kr-wb-fout").forEach(function (node) { node.hidden = true; node.textContent = ""; });
    root.querySelectorAll("[aria-invalid]").forEach(function (node) { node.removeAttribute("aria-invalid"); });
    var listed = [];
    problems.forEach(function (problem) {
      var place = fieldBox(problem.path);
      var visible = showAll || problem.warning || (place.key && state.touched[place.key]);
      if (!visible) { return; }
      var text = problem.message.charAt(0).toUpperCase() + problem.message.slice(1) + (problem.hint ? " " + problem.hint : "") +
        (problem.strict ? " (Een strikte bouw stopt hierop.)" : "");
      var holder = place.box ? place.box.querySelector(".kr-wb-fout") :
        LISTS[problem.path[0]] && problem.path.length === 1 ? root.querySelector("#wb-" + problem.path[0] + "-fout") : null;
      if (holder) {
        holder.textContent = (holder.textContent ? holder.textContent + " " : "") + (problem.warning ? "Let op: " : "") + text;
        holder.hidden = false;
        holder.classList.toggle("kr-wb-waarschuwing", !!problem.warning);
        if (!problem.warning && place.box) {
          (place.box.querySelectorAll("input").length > 1 ? [] : [Fields.control(place.box)]).forEach(function (input) {
            if (input) { input.setAttribute("aria-invalid", "true"); }
          });
        }
      }
      listed.push({ problem: problem, text: text, target: place.box ? Fields.control(place.box) : null });
    });
    fillSummary(listed);
  }

  function fillSummary(listed) {
    var errors = listed.filter(function (entry) { return !entry.problem.warning; });
    var list = summary.querySelector("ul");
    list.textContent = "";
    summary.hidden = listed.length === 0;
    summary.classList.toggle("kr-wb-alleen-waarschuwingen", errors.length === 0);
    summary.querySelector("h2").textContent = errors.length ?
      (errors.length === 1 ? "1 fout" : errors.length + " fouten") + ": los ze op, dan kun je downloaden" :
      "Let op";
    listed.forEach(function (entry) {
      var li = document.createElement("li");
      var where = placeName(entry.problem.path);
      if (entry.target && entry.target.id) {
        var a = document.createElement("a");
        a.href = "#" + entry.target.id;
        a.textContent = where;
        a.addEventListener("click", function (event) {
          event.preventDefault();
          openItemOf(entry.target);
          entry.target.focus();
        });
        li.appendChild(a);
        li.appendChild(document.createTextNode(": " + entry.text));
      } else {
        li.textContent = (where ? where + ": " : "") + entry.text;
      }
      if (entry.problem.warning) { li.className = "kr-wb-waarschuwing"; }
      list.appendChild(li);
    });
  }

  function placeName(path) {
    if (LISTS[path[0]] && typeof path[1] === "number") { return LISTS[path[0]] + " " + (path[1] + 1); }
    if (path[0] === "persona") { return "Persona"; }
    if (path[0] === "stages") { return "Stappen"; }
    return path.length ? "De reis" : "";
  }

  function openItemOf(input) {
    var element = input.closest("[data-kr-item]");
    var button = element && element.querySelector('[data-kr-actie="inklappen"]');
    if (button && button.getAttribute("aria-expanded") !== "true") { toggle(element, button); }
    var choices = input.closest(".kr-wb-vinkjes");
    if (choices) { unfold(choices.previousElementSibling, true); }
  }

  function save() {
    try {
      if (isEmpty() && !state.sourceText) {
        window.localStorage.removeItem(DATA.storageKey);
        return;
      }
      var saved = Object.assign({ version: STORAGE_VERSION }, state);
      window.localStorage.setItem(DATA.storageKey, JSON.stringify(saved));
    } catch (error) {
      say("Je werk kan in deze browser niet bewaard worden. Download het op tijd als YAML.");
    }
  }

  function restore() {
    var saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(DATA.storageKey) || "null");
    } catch (error) {
      saved = null;
    }
    if (!saved || saved.version !== STORAGE_VERSION || !Array.isArray(saved.stages)) { return false; }
    delete saved.version;
    state = Object.assign(emptyState(), saved);
    source = state.sourceText ? Yaml.parse(state.sourceText).source : null;
    state.stages.concat(state.opportunities).forEach(function (item) {
      nextId = Math.max(nextId, Number(String(item.id).slice(1)) + 1);
    });
    return true;
  }

  function say(text) {
    statusLine.textContent = "";
    window.setTimeout(function () { statusLine.textContent = text; }, 50);
  }

  // -- opening, downloading, printing, clearing --------------------------------------------

  function start() {
    state = emptyState();
    var restored = restore();
    renderAll();
    editor.hidden = false;
    root.classList.add("kr-wb-actief");
    refresh();
    if (restored) { say("Je werk van de vorige keer staat er weer."); }
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    // Leaving a field counts as having seen it: a required field left empty says so then.
    form.addEventListener("focusout", onLeave);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    fileName.addEventListener("input", function () {
      state.fileName = fileName.value.trim();
      state.fileNameTouched = true;
      save();
    });
    root.addEventListener("click", onClick);
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      fileInput.value = "";
      if (file) { file.text().then(function (text) { openText(text, file.name); }); }
    });
    window.addEventListener("afterprint", function () { root.classList.remove("kr-wb-leeg-printen"); });
  }

  function onClick(event) {
    var button = event.target.closest("[data-kr-actie]");
    if (!button) { return; }
    var action = button.getAttribute("data-kr-actie");
    var element = button.closest("[data-kr-item]");
    var kind = element && element.getAttribute("data-kr-soort");
    if (action === "omhoog") { moveItem(kind, element, -1); }
    else if (action === "omlaag") { moveItem(kind, element, 1); }
    else if (action === "verwijderen") { removeItem(kind, element); }
    else if (action === "inklappen") { toggle(element, button); }
    else if (action === "kanalen") { unfold(button, button.getAttribute("aria-expanded") !== "true"); }
    else if (action === "stap-toevoegen") { addItem("stages"); }
    else if (action === "kans-toevoegen") { addItem("opportunities"); }
    else if (action === "openen") { fileInput.click(); }
    else if (action === "downloaden") { download(); }
    else if (action === "printen") { refresh(); window.print(); }
    else if (action === "leeg-printen") { root.classList.add("kr-wb-leeg-printen"); window.print(); }
    else if (action === "wissen") { clearAll(); }
  }

  function openText(text, name) {
    var parsed;
    try {
      parsed = Yaml.parse(text);
    } catch (error) {
      var line = error && error.mark ? error.mark.line + 1 : null;
      say("Dit bestand is geen geldige YAML" + (line ? " (regel " + line + ")" : "") +
        ". Kijk op die regel naar de inspringing, de dubbele punten en de aanhalingstekens.");
      return;
    }
    var data = parsed.data;
    var bad = check(data).filter(function (problem) { return problem.path.length === 0; });
    if (bad.length) { say(bad[0].message.charAt(0).toUpperCase() + bad[0].message.slice(1)); return; }
    if (!isEmpty() && !window.confirm("Je huidige werk wordt vervangen door " + name + ". Doorgaan?")) { return; }
    var dropped = dropUnknown(data);
    nextId = 1;
    state = emptyState();
    state.journey = {};
    Object.keys(data).forEach(function (key) {
      if (!LISTS[key] && key !== "persona") { state.journey[key] = data[key]; }
    });
    state.persona = data.persona && typeof data.persona === "object" && !Array.isArray(data.persona) ? data.persona : {};
    state.stages = (Array.isArray(data.stages) ? data.stages : []).map(function (stage, index) { return newItem(stage, index); });
    state.opportunities = (Array.isArray(data.opportunities) ? data.opportunities : []).map(function (item, index) {
      var opportunity = newItem(item, index);
      var number = item && item.stage;
      if (Number.isInteger(number) && number >= 1 && number <= state.stages.length) {
        opportunity.stageRef = state.stages[number - 1].id;
      } else if (number !== undefined && number !== null) {
        opportunity.stageRaw = number;
      }
      return opportunity;
    });
    state.fileName = name;
    state.fileNameTouched = true;
    state.sourceText = text;
    source = parsed.source;
    showAll = true;
    renderAll();
    refresh();
    say(name + " is geopend." + (dropped.length ? " Weggelaten, want onbekend: " + dropped.join(" ") : ""));
  }

  /* Keys the model does not know cannot be edited here; they are left out, and said so. */
  function dropUnknown(data) {
    var dropped = [];
    check(data).forEach(function (problem) {
      if (!/^onbekend veld/.test(problem.message)) { return; }
      var path = problem.path, parent = data;
      for (var i = 0; i < path.length - 1; i++) { parent = parent[path[i]]; }
      delete parent[path[path.length - 1]];
      dropped.push(window.WerkbladCheck.fieldName(path) + " (" + problem.message + (problem.hint ? " " + problem.hint : "") + ")");
    });
    return dropped;
  }

  function download() {
    var text = refresh();
    var errors = problems.filter(function (problem) { return !problem.warning; });
    if (errors.length) {
      showAll = true;
      showProblems();
      summary.focus();
      say("Er " + (errors.length === 1 ? "is nog 1 fout" : "zijn nog " + errors.length + " fouten") +
        ". Los ze eerst op; dan kun je downloaden.");
      return;
    }
    var name = slug((state.fileName || state.journey.title || "klantreis").replace(/\.ya?ml$/i, "")) || "klantreis.yml";
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/x-yaml;charset=utf-8" }));
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    say("Gedownload als " + name + ". Zet het bestand in de map journeys/ van je kennisbank.");
  }

  function clearAll() {
    if (!window.confirm("Wil je het werkblad leegmaken? Wat je hebt ingevuld, verdwijnt uit deze browser. " +
        "Download het eerst als je het wilt bewaren.")) { return; }
    nextId = 1;
    state = emptyState();
    source = null;
    showAll = false;
    try { window.localStorage.removeItem(DATA.storageKey); } catch (error) { /* nothing kept */ }
    renderAll();
    refresh();
    form.querySelector("input, select, textarea").focus();
    say("Het werkblad is leeg.");
  }

  start();
})();
