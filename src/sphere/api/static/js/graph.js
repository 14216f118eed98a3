/* The actor network: cytoscape.js, node size by events, edges coloured by PLOVER quad.
   Clicking an edge lists its events below; clicking a node opens the entity. */
(function () {
  "use strict";
  const el = document.getElementById("graph");
  if (!el || !window.cytoscape) { Sphere.setStatus("The graph library is not installed (make install)."); return; }
  const COLOURS = { "verbal-cooperation": "#7fbf7b", "material-cooperation": "#1b7837",
                    "verbal-conflict": "#f4a259", "material-conflict": "#c0392b" };

  Sphere.fetchJSON(el.dataset.src).then(function (data) {
    const maxEvents = Math.max(1, ...data.edges.map(function (e) { return e.events; }));
    const maxWeight = Math.max(1, ...data.nodes.map(function (n) { return n.as_actor + n.as_recipient; }));
    const elements = data.nodes.map(function (n) {
      return { data: { id: n.id, label: n.id, name: n.label, weight: n.as_actor + n.as_recipient } };
    });
    data.edges.forEach(function (e, i) {
      elements.push({ data: { id: "e" + i, source: e.source, target: e.target, type: e.type,
        events: e.events, directed: e.directed ? "yes" : "no", colour: COLOURS[e.quad] || "#999",
        width: 1.5 + 7 * e.events / maxEvents } });
    });
    Sphere.setStatus(data.nodes.length + " actors, " + data.edges.length + " edges (actor, recipient, event type)" +
      (data.truncated ? "; only the busiest edges are drawn" : ""));
    const cy = cytoscape({
      container: el, elements: elements, minZoom: 0.2, maxZoom: 1.4,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 11, "text-valign": "center",
          "background-color": "#2c5d9e", color: "#fff", "text-outline-color": "#2c5d9e", "text-outline-width": 2,
          width: "mapData(weight, 0, " + maxWeight + ", 30, 70)", height: "mapData(weight, 0, " + maxWeight + ", 30, 70)" } },
        { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "curve-style": "bezier",
          "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle", opacity: 0.8,
          "control-point-step-size": 14, "font-size": 9, "text-rotation": "autorotate", color: "#333",
          "text-background-color": "#fff", "text-background-opacity": 0.8 } },
        /* edge labels (the event type) on hover and selection only: dozens of labels are unreadable */
        { selector: "edge.hover, edge:selected", style: { label: "data(type)", opacity: 1 } },
        { selector: "edge[directed = 'no']", style: { "target-arrow-shape": "none", "line-style": "dashed" } },
        { selector: ":selected", style: { "overlay-opacity": 0.15, "overlay-color": "#17202e" } },
      ],
      layout: { name: data.nodes.length > 1 ? "cose" : "grid", animate: false, randomize: false,
                nodeRepulsion: function () { return 90000; }, idealEdgeLength: function () { return 120; },
                nodeOverlap: 40, componentSpacing: 120, gravity: 0.6, numIter: 2000, padding: 30 },
    });
    cy.on("tap", "edge", function (evt) {
      const d = evt.target.data();
      const changes = d.directed === "yes"
        ? { actor: d.source, recipient: d.target, either: null, type: d.type }
        : { actor: d.source, either: d.target, recipient: null, type: d.type };
      Sphere.showEvents(changes, d.source + (d.directed === "yes" ? " → " : " with ") + d.target + ": " + d.type + " (" + d.events + ")");
    });
    cy.on("mouseover", "edge", function (evt) { evt.target.addClass("hover"); });
    cy.on("mouseout", "edge", function (evt) { evt.target.removeClass("hover"); });
    cy.on("tap", "node", function (evt) {
      window.location.href = "/entities/" + encodeURIComponent(evt.target.id());
    });
    window.sphereGraph = cy;  /* for the browser tests */
    el.dataset.ready = "1";
  }).catch(function (err) { Sphere.setStatus("Could not load the graph: " + err.message); });
})();
