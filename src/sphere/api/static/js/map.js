/* The map: world-atlas country shapes (an offline basemap) drawn with d3-geo as SVG, and the
   places of events as circles sized by their number of events. Clicking a place lists them.
   The view starts on Central Asia when events are there (the corpus's focus), else on all
   places; a button switches between the two. Labels that would overlap are left out. */
(function () {
  "use strict";
  const el = document.getElementById("map");
  if (!el || !window.d3 || !window.d3.geoPath || !window.topojson) { Sphere.setStatus("The map libraries are not installed (make install)."); return; }
  const SVG = "http://www.w3.org/2000/svg";
  const REGION = [[46, 33], [88, 56]];  /* Central Asia and its neighbours, lon/lat */

  function node(name, attrs, parent) {
    const n = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(n);
    return n;
  }

  function inside(box, p) {
    return p.lon >= box[0][0] && p.lon <= box[1][0] && p.lat >= box[0][1] && p.lat <= box[1][1];
  }

  function fitAll(places) {
    if (!places.length) return REGION;
    const lons = places.map(function (p) { return p.lon; }), lats = places.map(function (p) { return p.lat; });
    const w = Math.min(...lons), e = Math.max(...lons), s = Math.min(...lats), n = Math.max(...lats);
    const padLon = Math.max(8, (e - w) * 0.15), padLat = Math.max(5, (n - s) * 0.15);
    return [[Math.max(-180, w - padLon), Math.max(-80, s - padLat)], [Math.min(180, e + padLon), Math.min(84, n + padLat)]];
  }

  function draw(world, places, box) {
    el.textContent = "";
    const width = el.clientWidth || 900, height = el.clientHeight || 540;
    const svg = node("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "map of event places" }, el);
    const corners = { type: "MultiPoint", coordinates: [box[0], [box[0][0], box[1][1]], box[1], [box[1][0], box[0][1]]] };
    const projection = d3.geoNaturalEarth1().fitExtent([[10, 10], [width - 10, height - 10]], corners);
    const path = d3.geoPath(projection);
    node("path", { class: "graticule", d: path(d3.geoGraticule10()) }, svg);
    topojson.feature(world, world.objects.countries).features.forEach(function (c) {
      const shape = node("path", { class: "country", d: path(c) || "" }, svg);
      node("title", {}, shape).textContent = (c.properties && c.properties.name) || "";
    });
    const maxEvents = Math.max(1, ...places.map(function (p) { return p.events; }));
    const labels = [];
    const dots = node("g", {}, svg), names = node("g", {}, svg);
    places.slice().sort(function (a, b) { return b.events - a.events; }).forEach(function (place) {
      const xy = projection([place.lon, place.lat]);
      if (!xy || xy[0] < 0 || xy[1] < 0 || xy[0] > width || xy[1] > height) return;
      const r = 5 + 13 * Math.sqrt(place.events / maxEvents);
      const dot = node("circle", { class: "place", cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: r.toFixed(1), tabindex: "0" }, dots);
      dot.dataset.place = place.name;
      node("title", {}, dot).textContent = place.name + ": " + place.events + " event" + (place.events === 1 ? "" : "s");
      const box = { x: xy[0] + r + 2, y: xy[1] - 7, w: 6.2 * place.name.length, h: 13 };
      const clash = labels.some(function (o) { return box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h; });
      if (!clash) {
        labels.push(box);
        node("text", { class: "place-label", x: box.x.toFixed(1), y: (xy[1] + 4).toFixed(1) }, names).textContent = place.name;
      }
      const select = function () {
        svg.querySelectorAll(".place.selected").forEach(function (d) { d.classList.remove("selected"); });
        dot.classList.add("selected");
        Sphere.showEvents({ place: place.name }, "Events at " + place.name + " (" + place.events + ")");
      };
      dot.addEventListener("click", select);
      dot.addEventListener("keydown", function (e) { if (e.key === "Enter") select(); });
    });
  }

  Promise.all([Sphere.fetchJSON(el.dataset.atlas), Sphere.fetchJSON(el.dataset.src)]).then(function (got) {
    const world = got[0], places = got[1].items;
    const regional = places.filter(function (p) { return inside(REGION, p); }).length;
    const views = { region: REGION, all: fitAll(places) };
    let current = regional ? "region" : "all";
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "map-toggle";
    const label = function () { toggle.textContent = current === "region" ? "Show all places" : "Zoom to Central Asia"; };
    toggle.addEventListener("click", function () {
      current = current === "region" ? "all" : "region";
      label();
      draw(world, places, views[current]);
    });
    label();
    el.parentNode.insertBefore(toggle, el);
    draw(world, places, views[current]);
    const outside = places.length - regional;
    Sphere.setStatus(places.length + " places with coordinates" + (places.length ? "" : ": no event of this selection has a located place") +
      (current === "region" && outside ? " (" + outside + " outside Central Asia: show all places)" : ""));
    el.dataset.ready = "1";
  }).catch(function (err) { Sphere.setStatus("Could not load the map: " + err.message); });
})();
