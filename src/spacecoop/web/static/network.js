// The network page: reads its data from the URL in #network's data-src (/network.json?view=…),
// draws it with vis-network (physics run until stable, then off, so the graph settles at
// once), colours each group as the legend's swatch shows it, and opens a node's page on a
// click. Labels and tooltips are plain text (vis-network draws labels on the canvas and puts
// a string tooltip in as text). The Network object is kept on the container, as
// ``visNetwork``, for scripts and tests.
"use strict";

(function () {
  const container = document.getElementById("network");
  const SHAPES = {mission: "diamond", country: "ellipse", organisation: "box"};

  // Each group's colour, as the stylesheet gives its legend swatch.
  function groupColours() {
    const colours = {};
    const groups = container.dataset.groups ? container.dataset.groups.split("|") : [];
    document.querySelectorAll(".network-legend .swatch").forEach(function (swatch) {
      const group = groups[Number(swatch.dataset.groupIndex)];
      if (group !== undefined) colours[group] = getComputedStyle(swatch).backgroundColor;
    });
    return colours;
  }

  function nodeTitle(node) {
    const lines = [node.name || node.label];
    if (node.posts && node.posts.length) lines.push(node.posts.join("; "));
    if (node.meetings) lines.push(node.meetings + " meeting" + (node.meetings === 1 ? "" : "s"));
    return lines.join("\n");
  }

  function edgeTitle(edge) {
    if (edge.meetings) {
      return edge.meetings.map(function (meeting) { return meeting.label; }).join("\n");
    }
    return edge.contributions.map(function (contribution) {
      return contribution.label + (contribution.statusLabel ? " (" + contribution.statusLabel + ")" : "");
    }).join("\n");
  }

  function draw(data) {
    const colours = groupColours();
    const urls = {};
    const nodes = data.nodes.map(function (node) {
      urls[node.id] = node.url;
      const colour = colours[node.group] || "#97c2fc";
      return {
        id: node.id, label: node.label, title: nodeTitle(node), group: node.group,
        shape: SHAPES[node.group] || "dot", value: node.meetings || undefined,
        color: {background: colour, border: "#1d2330", highlight: {background: colour, border: "#000"}},
        // a box's or an ellipse's label is inside it, white; a dot's or a diamond's below it
        font: {color: ["box", "ellipse"].indexOf(SHAPES[node.group]) >= 0 ? "#fff" : "#1d2330"}
      };
    });
    const edges = data.edges.map(function (edge) {
      return {
        id: edge.id, from: edge.from, to: edge.to, label: edge.label, title: edgeTitle(edge),
        width: 1 + Math.min(edge.count, 5), arrows: data.view === "contributions" ? "to" : undefined,
        font: {size: 11, align: "middle", strokeWidth: 3}
      };
    });
    const network = new vis.Network(container, {nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges)}, {
      nodes: {font: {size: 14}, scaling: {min: 10, max: 24}, margin: 8},
      edges: {color: {color: "#8a94a6", highlight: "#1f5fa8"}, smooth: {type: "continuous"}},
      physics: {solver: "forceAtlas2Based", stabilization: {iterations: 300, updateInterval: 50, fit: true},
                forceAtlas2Based: {gravitationalConstant: -60, springLength: data.view === "contributions" ? 170 : 120}},
      interaction: {hover: true, tooltipDelay: 150, navigationButtons: false}
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: false});
      network.fit({animation: false});
      container.dataset.ready = "true";
    });
    network.on("resize", function () { network.fit({animation: false}); });
    network.on("click", function (params) {
      if (params.nodes.length && urls[params.nodes[0]]) window.location.href = urls[params.nodes[0]];
    });
    network.on("hoverNode", function () { container.style.cursor = "pointer"; });
    network.on("blurNode", function () { container.style.cursor = "default"; });
    container.visNetwork = network;
  }

  fetch(container.dataset.src, {headers: {Accept: "application/json"}})
    .then(function (response) {
      if (!response.ok) throw new Error("the network's data could not be read (" + response.status + ")");
      return response.json();
    })
    .then(draw)
    .catch(function (error) {
      container.textContent = error.message;
      container.classList.add("failed");
    });
})();
