// The timeline page: reads its data from the URL in #timeline's data-src (/timeline.json),
// draws it with vis-timeline, filters it by mission, organisation and person (the selects of
// #timeline-filters, reflected in the page's URL), and opens an item's page on a click.
// Text from the data is only ever put in the page as text (textContent), never as HTML.
"use strict";

(function () {
  const container = document.getElementById("timeline");
  const form = document.getElementById("timeline-filters");
  const count = document.getElementById("timeline-count");
  const DAY = 24 * 60 * 60 * 1000;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // The day after ``day`` (YYYY-MM-DD): a range ends at the end of its last day.
  function dayAfter(day) {
    return new Date(Date.parse(day + "T00:00:00Z") + DAY).toISOString().slice(0, 10);
  }

  function tooltip(item, names) {
    const box = element("div", "timeline-tooltip");
    box.appendChild(element("strong", "", item.label));
    let when = item.date;
    if (item.approximate) {
      when += " (approximate: any day from " + item.start + " to " + item.end + ")";
    }
    box.appendChild(element("div", "", when));
    box.appendChild(element("div", "", item.kind + (item.status ? " · " + item.statusLabel : "")));
    if (item.datedBy) box.appendChild(element("div", "", "Dated by the event it was concluded at: " + item.datedBy.label));
    const involved = [].concat(item.people, item.organisations, item.missions).map(function (id) { return names[id]; });
    if (involved.length) box.appendChild(element("div", "", involved.join(", ")));
    const released = item.releases.map(function (release) { return release.date; }).filter(Boolean);
    if (released.length) box.appendChild(element("div", "muted", "Stated in the release of " + released.join(", ")));
    return box;
  }

  function visItem(item, names) {
    const content = element("span", "", item.label);
    return {
      id: item.id,
      group: item.category,
      content: content,
      title: tooltip(item, names),
      start: item.start,
      end: item.point ? undefined : dayAfter(item.end),
      type: item.point ? "point" : "range",
      className: "status-" + (item.status || "none") + (item.approximate ? " approximate" : " exact"),
      url: item.url,
      missions: item.missions,
      organisations: item.organisations,
      people: item.people
    };
  }

  function chosen() {
    const values = {};
    form.querySelectorAll("select").forEach(function (select) { values[select.dataset.facet] = select.value; });
    return values;
  }

  // Whether an item (from the data, or a list entry's data-* attributes split into lists)
  // involves every chosen mission, organisation and person.
  function matches(facets, values) {
    return (!values.mission || facets.missions.indexOf(values.mission) >= 0) &&
      (!values.organisation || facets.organisations.indexOf(values.organisation) >= 0) &&
      (!values.person || facets.people.indexOf(values.person) >= 0);
  }

  function listFacets(entry) {
    function split(text) { return text ? text.split(" ") : []; }
    return {missions: split(entry.dataset.missions), organisations: split(entry.dataset.organisations),
            people: split(entry.dataset.people)};
  }

  function draw(data) {
    const names = {};
    [data.missions, data.organisations, data.people].forEach(function (nodes) {
      nodes.forEach(function (node) { names[node.id] = node.label; });
    });
    const urls = {};
    const items = new vis.DataSet(data.items.map(function (item) {
      urls[item.id] = item.url;
      return visItem(item, names);
    }));
    const shown = new vis.DataView(items, {filter: function (item) { return matches(item, chosen()); }});
    const groups = new vis.DataSet(data.categories.map(function (category, index) {
      return {id: category.id, content: category.label, order: index};
    }));
    const timeline = new vis.Timeline(container, shown, groups, {
      stack: true,
      groupOrder: "order",
      orientation: {axis: "top"},
      zoomMin: 7 * DAY,
      margin: {item: {horizontal: 2, vertical: 6}},
      tooltip: {followMouse: true, overflowMethod: "cap"},
      selectable: false
    });
    timeline.on("click", function (properties) {
      if (properties.item && urls[properties.item]) window.location.href = urls[properties.item];
    });

    function update() {
      const values = chosen();
      shown.refresh();
      const total = data.items.length;
      const visible = shown.length;
      count.textContent = visible === total ? total + " dated items." : visible + " of " + total + " dated items.";
      document.querySelectorAll("#timeline-list li, #timeline-undated li").forEach(function (entry) {
        entry.hidden = !matches(listFacets(entry), values);
      });
      document.getElementById("timeline-undated-none").hidden =
        document.querySelectorAll("#timeline-undated li:not([hidden])").length > 0;
      const query = new URLSearchParams();
      Object.keys(values).forEach(function (name) { if (values[name]) query.set(name, values[name]); });
      const search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
      if (visible) timeline.fit({animation: false});
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    update();
    container.dataset.ready = "true";
  }

  fetch(container.dataset.src, {headers: {Accept: "application/json"}})
    .then(function (response) {
      if (!response.ok) throw new Error("the timeline's data could not be read (" + response.status + ")");
      return response.json();
    })
    .then(draw)
    .catch(function (error) {
      container.textContent = error.message;
      container.classList.add("failed");
    });
})();
