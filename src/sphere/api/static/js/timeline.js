/* The timeline page: events on vis-timeline, coloured by PLOVER quad; a click opens the event. */
(function () {
  "use strict";
  const el = document.getElementById("timeline");
  if (!el || !window.vis) { Sphere.setStatus("The timeline library is not installed (make install)."); return; }

  function dayAfter(iso) {
    const d = new Date(iso + "T00:00:00");
    d.setDate(d.getDate() + 1);
    return d;
  }

  Sphere.fetchJSON(el.dataset.src).then(function (data) {
    const items = data.items.map(function (it) {
      const content = document.createElement("span");
      content.textContent = it.label;
      const item = { id: it.id, start: new Date(it.start + "T00:00:00"), content: content,
                     className: "quad-" + (it.quad || "none") };
      if (it.end && it.end !== it.start) { item.end = dayAfter(it.end); item.type = "range"; }
      else { item.type = "box"; }
      return item;
    });
    let text = data.items.length + " events on the timeline";
    if (data.truncated) text += " (the first " + data.items.length + " of " + data.total + ": narrow the filters)";
    if (data.undated) text += "; " + data.undated + " undated events are not shown";
    Sphere.setStatus(text);
    if (!items.length) return;
    const timeline = new vis.Timeline(el, new vis.DataSet(items), {
      stack: true, orientation: "top", zoomKey: "ctrlKey", maxHeight: 640, margin: { item: 4 },
      selectable: true, showTooltips: false,
    });
    timeline.on("select", function (props) {
      if (props.items.length) window.location.href = "/events/" + encodeURIComponent(props.items[0]);
    });
    el.dataset.ready = "1";
  }).catch(function (err) { Sphere.setStatus("Could not load the timeline: " + err.message); });
})();
