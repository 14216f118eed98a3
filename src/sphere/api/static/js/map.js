/* The map: world-atlas country shapes (an offline basemap) drawn with d3-geo as SVG, and the
   places of events as circles sized by their number of events. Clicking a place lists them. */
(function () {
  "use strict";
  const el = document.getElementById("map");
  if (!el || !window.d3 || !window.d3.geoPath || !window.topojson) { Sphere.setStatus("The map libraries are not installed (make install)."); return; }
  const SVG = "http://www.w3.org/2000/svg";
  const DEFAULT_VIEW = [[40, 30], [90, 55]];  /* Central Asia and its neighbours, lon/lat */

  function node(name, attrs, parent) {
    const n = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(n);
    return n;
  }

  function view(places) {
    if (!places.length) return DEFAULT_VIEW;
    let w = Math.min(...places.map(function (p) { return p.lon; })), e = Math.max(...places.map(function (p) { return p.lon; }));
    let s = Math.min(...places.map(function (p) { return p.lat; })), n = Math.max(...places.map(function (p) { return p.lat; }));
    const padLon = Math.max(8, (e - w) * 0.25), padLat = Math.max(5, (n - s) * 0.25);
    return [[Math.max(-180, w - padLon), Math.max(-80, s - padLat)], [Math.min(180, e + padLon), Math.min(84, n + padLat)]];
  }

  Promise.all([Sphere.fetchJSON(el.dataset.atlas), Sphere.fetchJSON(el.dataset.src)]).then(function (got) {
    const world = got[0], data = got[1];
    const width = el.clientWidth || 900, height = el.clientHeight || 540;
    const svg = node("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "map of event places" }, el);
    const box = view(data.items);
    const corners = { type: "MultiPoint", coordinates: [box[0], [box[0][0], box[1][1]], box[1], [box[1][0], box[0][1]]] };
    const projection = d3.geoNaturalEarth1().fitExtent([[10, 10], [width - 10, height - 10]], corners);
    const path = d3.geoPath(projection);
    node("path", { class: "graticule", d: path(d3.geoGraticule10 ? d3.geoGraticule10() : { type: "Sphere" }) }, svg);
    const countries = topojson.feature(world, world.objects.countries).features;
    countries.forEach(function (c) {
      const p = node("path", { class: "country", d: path(c) || "" }, svg);
      const t = node("title", {}, p);
      t.textContent = (c.properties && c.properties.name) || "";
    });
    const maxEvents = Math.max(1, ...data.items.map(function (p) { return p.events; }));
    data.items.forEach(function (place) {
      const xy = projection([place.lon, place.lat]);
      if (!xy) return;
      const r = 4 + 14 * Math.sqrt(place.events / maxEvents);
      const dot = node("circle", { class: "place", cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: r.toFixed(1), tabindex: "0" }, svg);
      dot.dataset.place = place.name;
      const title = node("title", {}, dot);
      title.textContent = place.name + ": " + place.events + " event" + (place.events === 1 ? "" : "s");
      const label = node("text", { class: "place-label", x: (xy[0] + r + 2).toFixed(1), y: (xy[1] + 3).toFixed(1) }, svg);
      label.textContent = place.name;
      const select = function () {
        svg.querySelectorAll(".place.selected").forEach(function (d) { d.classList.remove("selected"); });
        dot.classList.add("selected");
        Sphere.showEvents({ place: place.name }, "Events at " + place.name + " (" + place.events + ")");
      };
      dot.addEventListener("click", select);
      dot.addEventListener("keydown", function (e) { if (e.key === "Enter") select(); });
    });
    Sphere.setStatus(data.items.length + " places with coordinates" + (data.items.length ? "" : ": no event of this selection has a located place"));
    el.dataset.ready = "1";
  }).catch(function (err) { Sphere.setStatus("Could not load the map: " + err.message); });
})();
