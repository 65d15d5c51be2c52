/* The SPARQL editor (templates/editor.html): YASGUI on this server's /sparql and nothing else.
 *
 * No call to another site: the LOV autocompleters (classes, properties) are off, the
 * prefixes autocompleter offers the project's prefixes (not prefix.cc's), the endpoint
 * catalogue is empty and every tab, also one opened from a link, queries this server.
 * The project's prefixes are declared for the user: those a query uses without declaring
 * them are added to it when it runs. A link /editor?query=TEXT opens the editor with that
 * query and runs it (YASGUI's own share links work too). */
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var endpoint = new URL(root.dataset.endpoint, document.baseURI).href;
  var prefixes = JSON.parse(root.dataset.prefixes);
  var base = root.dataset.base;
  var Yasqe = Yasgui.Yasqe;

  Yasqe.forkAutocompleter("prefixes", {
    name: "project-prefixes",
    persistenceId: null,
    get: Object.keys(prefixes).map(function (prefix) { return prefix + ": <" + prefixes[prefix] + ">"; })
  }, false);
  Yasqe.defaults.autocompleters = ["variables", "project-prefixes"];
  Yasqe.defaults.value = [
    "# Which agencies are MMX's partners?",
    "SELECT ?partner ?name WHERE {",
    "  mission:mmx sc:partner ?partner .",
    "  ?partner rdfs:label ?name .",
    "}"
  ].join("\n");

  /* The prefixes a query uses: prefixed names outside IRIs, strings and comments. */
  var TOKENS = /<[^<>"\s]*>|"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*|([A-Za-z][\w.-]*)?:(?!\/\/)/g;

  function usedPrefixes(text) {
    var used = {}, match;
    TOKENS.lastIndex = 0;
    while ((match = TOKENS.exec(text)) !== null) {
      var first = match[0].charAt(0);
      if (first !== "<" && first !== "\"" && first !== "'" && first !== "#") {
        used[match[1] || ""] = true;
      }
    }
    return Object.keys(used);
  }

  function declarePrefixes(yasqe) {
    var declared = yasqe.getPrefixesFromQuery(), missing = {}, any = false;
    usedPrefixes(yasqe.getValue()).forEach(function (prefix) {
      if (!(prefix in declared) && prefix in prefixes) {
        missing[prefix] = prefixes[prefix];
        any = true;
      }
    });
    if (any) {
      yasqe.addPrefixes(missing);
    }
    return yasqe.getValue();
  }

  var yasgui = new Yasgui(root, {
    persistenceId: "spacecoop-editor",
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return []; } },
    requestConfig: { endpoint: endpoint, method: "POST", adjustQueryBeforeRequest: declarePrefixes },
    yasr: { prefixes: prefixes },
    /* A tab opened from a link queries this server, whatever endpoint the link names. The
       configuration given here is the one every new tab starts from, hence reset. */
    populateFromUrl: function (tab) {
      tab.requestConfig.endpoint = endpoint;
      tab.requestConfig.args = [];
      return tab;
    }
  });

  var first = yasgui.getTab().getYasqe();
  declarePrefixes(first);
  first.collapsePrefixes(true);

  /* Links in the results to the graph's nodes lead to their pages on this server. */
  function localLinks() {
    root.querySelectorAll("a[href^='" + base + "']").forEach(function (link) {
      link.href = "/" + link.getAttribute("href").slice(base.length);
      link.removeAttribute("target");
    });
  }
  new MutationObserver(localLinks).observe(root, { childList: true, subtree: true });

  /* The ready questions: the chosen one's text replaces the current tab's query. */
  var form = document.getElementById("examples");
  var select = document.getElementById("example");
  var note = document.getElementById("example-note");
  var examples = null;

  function loadExamples() {
    if (examples === null) {
      examples = fetch(form.dataset.url).then(function (response) {
        if (!response.ok) {
          throw new Error("the examples could not be read (" + response.status + ")");
        }
        return response.json();
      });
    }
    return examples;
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  select.addEventListener("change", function () {
    var name = select.value;
    if (!name) {
      return;
    }
    loadExamples().then(function (all) {
      var chosen = all.find(function (example) { return example.name === name; });
      var tab = yasgui.getTab();
      tab.setQuery(chosen.query);
      declarePrefixes(tab.getYasqe());
      var page = document.createElement("a");
      page.href = "/questions/" + encodeURIComponent(chosen.name);
      page.textContent = "Ask it with a form";
      note.textContent = chosen.description + (chosen.reasoning
        ? " This question is answered with reasoning (inferred triples); the editor runs it without, so it may find fewer rows than its page. "
        : " ");
      note.appendChild(page);
      note.hidden = false;
    }).catch(function (error) {
      examples = null;
      note.textContent = String(error.message);
      note.hidden = false;
    });
  });
}());
