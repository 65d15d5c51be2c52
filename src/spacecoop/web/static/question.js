// The node fields of a question's form: as the user types a name, the nodes named like it
// (from /search?q=…) are offered; picking one puts its prefixed name in the field, which the
// form sends. Keyboard: arrows move in the list, Enter picks, Escape closes.
(function () {
  "use strict";
  const form = document.querySelector("form.question");
  if (!form) return;
  const prefixes = Object.entries(JSON.parse(form.dataset.prefixes || "{}"))
    .sort((a, b) => b[1].length - a[1].length);

  function prefixed(iri) {
    for (const [prefix, namespace] of prefixes) {
      if (iri.startsWith(namespace)) return prefix + ":" + iri.slice(namespace.length);
    }
    return iri;
  }

  function picker(input) {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    const output = form.querySelector('output[for="' + input.id + '"]');
    let matches = [], active = -1, timer = null, controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function show() {
      list.replaceChildren();
      matches.forEach(function (match, index) {
        const item = document.createElement("li");
        item.id = list.id + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", String(index === active));
        const name = document.createElement("span");
        name.textContent = match.label || prefixed(match.iri);
        const about = document.createElement("span");
        about.className = "kind muted";
        about.textContent = " " + prefixed(match.iri) +
          (match.kinds && match.kinds.length ? " · " + match.kinds.map(prefixed).join(", ") : "");
        item.append(name, about);
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the focus in the field
          pick(index);
        });
        list.append(item);
      });
      list.hidden = matches.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
      if (active >= 0) input.setAttribute("aria-activedescendant", list.id + "-" + active);
      else input.removeAttribute("aria-activedescendant");
    }

    function pick(index) {
      const match = matches[index];
      input.value = prefixed(match.iri);
      if (output) output.textContent = match.label || "";
      close();
    }

    async function lookUp(text) {
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const reply = await fetch("/search?limit=10&q=" + encodeURIComponent(text),
                                  {headers: {Accept: "application/json"}, signal: controller.signal});
        if (!reply.ok) return;
        matches = await reply.json();
        active = -1;
        show();
      } catch (error) {
        if (error.name !== "AbortError") close();
      }
    }

    input.addEventListener("input", function () {
      if (output) output.textContent = "";
      clearTimeout(timer);
      const text = input.value.trim();
      if (text.length < 2) { matches = []; close(); return; }
      timer = setTimeout(function () { lookUp(text); }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        active = (active + step + matches.length) % matches.length;
        show();
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        pick(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  form.querySelectorAll("input[data-node-picker]").forEach(picker);
})();
