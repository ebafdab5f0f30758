/* The worksheet's preview: the map and its curve drawn by kaart-render.js (as on a journey
 * page), the ending and the opportunities, from the journey as its file holds it.
 * WerkbladPreview.draw(root, journey, data), where `data` is window.klantreisWerkblad.
 */
(function (global) {
  "use strict";

  function hasContent(value) {
    if (Array.isArray(value)) { return value.some(hasContent); }
    if (value && typeof value === "object") { return Object.keys(value).some(function (k) { return hasContent(value[k]); }); }
    return value !== undefined && value !== null && value !== "" && value !== false;
  }

  function drawMap(root, journey, DATA) {
    var box = root.querySelector(".kr-wb-kaart");
    var hasStages = journey && Array.isArray(journey.stages) && journey.stages.some(hasContent);
    root.querySelector(".kr-wb-printtitel").textContent = (journey && journey.title) || "";
    if (!hasStages) {
      box.textContent = "";
      var note = document.createElement("p");
      note.className = "kr-wb-leeg-melding";
      note.textContent = "Hier verschijnt de kaart zodra je een stap invult.";
      box.appendChild(note);
    } else {
      global.KaartRender.render(box, journey, mapData(root, DATA));
    }
    var ending = root.querySelector(".kr-wb-einde");
    ending.textContent = "";
    if (journey && typeof journey.ending === "string" && journey.ending) {
      var p = document.createElement("p");
      p.className = "kr-einde";
      var strong = document.createElement("strong");
      strong.textContent = "Zo loopt deze reis af:";
      p.appendChild(strong);
      p.appendChild(document.createTextNode(" " + journey.ending));
      ending.appendChild(p);
    }
    drawOpportunities(root, journey && Array.isArray(journey.opportunities) ? journey.opportunities : []);
  }

  function drawOpportunities(root, items) {
    var box = root.querySelector(".kr-wb-kansenlijst");
    box.textContent = "";
    if (!items.length) { return; }
    var heading = document.createElement("h3");
    heading.textContent = "Kansen";
    box.appendChild(heading);
    var list = document.createElement("ol");
    list.className = "kr-kansenlijst";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var title = document.createElement("span");
      title.className = "kr-kans-titel";
      title.textContent = item.title || "";
      li.appendChild(title);
      var facts = [];
      if (item.impact !== undefined) { facts.push("impact " + item.impact); }
      if (item.effort !== undefined) { facts.push("moeite " + item.effort); }
      if (item.owner) { facts.push("eigenaar: " + item.owner); }
      if (item.stage !== undefined) { facts.push("stap " + item.stage); }
      if (facts.length) { li.appendChild(document.createTextNode(" (" + facts.join(", ") + ")")); }
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function mapData(root, DATA) {
    var phases = {}, channels = {};
    DATA.phases.forEach(function (phase) { phases[phase.id] = phase; });
    DATA.channels.forEach(function (channel) { channels[channel.id] = channel; });
    var links = {};
    if (root.getAttribute("data-kr-fase-link")) { links.phase = root.getAttribute("data-kr-fase-link"); }
    if (root.getAttribute("data-kr-kanaal-link")) { links.channel = root.getAttribute("data-kr-kanaal-link"); }
    return { phases: phases, channels: channels, icons: DATA.icons, links: links };
  }

  global.WerkbladPreview = { draw: drawMap, hasContent: hasContent };
})(typeof window !== "undefined" ? window : this);
