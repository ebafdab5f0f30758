/* Starts Decap CMS with the configuration the knowledge base generates from its content model,
 * in Dutch, with the model's own messages and a journey preview drawn by kaart-render.js. */
(function () {
  "use strict";

  function json(name) {
    return fetch(name, { cache: "no-store" }).then(function (response) { return response.json(); });
  }

  function useModelMessages() {
    // A pattern's message is the model's own sentence; Decap would put "komt niet overeen met
    // het patroon" before it.
    var nl = JSON.parse(JSON.stringify(CMS.getLocale("nl")));
    nl.editor.editorControlPane.widget.regexPattern = "%{pattern}";
    CMS.registerLocale("nl", nl);
  }

  function journeyPreview(mapData) {
    return createClass({
      componentDidMount: function () { this.draw(); },
      componentDidUpdate: function () { this.draw(); },
      draw: function () {
        if (!this.box) { return; }
        var journey = this.props.entry.get("data").toJS();
        window.KaartRender.render(this.box, journey, mapData);
      },
      render: function () {
        var self = this;
        return h("div", { className: "md-typeset kr-voorbeeld", ref: function (node) { self.box = node; } });
      }
    });
  }

  // Markdown as written (raw) unless the consultant chose otherwise: the rich text editor would
  // rewrite macros ({{ ... }}) and the <!-- more --> line of an article.
  if (window.localStorage.getItem("cms.md-mode") === null) {
    window.localStorage.setItem("cms.md-mode", "raw");
  }

  Promise.all([json("config.json"), json("kaart-data.json")]).then(function (loaded) {
    var config = loaded[0];
    var mapData = loaded[1];
    useModelMessages();
    ["preview.css", "klantreis.css", "kaart.css"].forEach(function (name) {
      CMS.registerPreviewStyle(new URL(name, window.location.href).href);
    });
    CMS.registerPreviewTemplate("klantreizen", journeyPreview(mapData));
    CMS.init({ config: config });
  });
})();
