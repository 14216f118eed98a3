/* Helpers shared by the chart pages. Text from the database is only ever put into the page
   with textContent or as data for a library that draws on a canvas, never as HTML. */
(function () {
  "use strict";
  const FILTERS = ["actor", "recipient", "either", "type", "context", "since", "until", "place", "outlet", "min_sources", "status", "doc"];

  function setStatus(text) {
    const el = document.getElementById("chart-status");
    if (el) el.textContent = text;
  }

  function fetchJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  /* The page's own filters, with some replaced: the query of an events list for a click. */
  function eventQuery(changes) {
    const params = new URLSearchParams(window.location.search);
    const out = new URLSearchParams();
    FILTERS.forEach(function (k) {
      if (params.get(k) && !(k in changes)) out.set(k, params.get(k));
    });
    Object.keys(changes).forEach(function (k) {
      if (changes[k] !== null && changes[k] !== undefined && changes[k] !== "") out.set(k, changes[k]);
    });
    return out.toString();
  }

  /* List the events of a selection (edge, place) under the chart, from the events page. */
  function showEvents(changes, title) {
    const query = eventQuery(changes);
    const heading = document.getElementById("selection-title");
    if (heading) {
      heading.textContent = "";
      const link = document.createElement("a");
      link.href = "/events?" + query;
      link.textContent = title;
      heading.appendChild(link);
    }
    window.htmx.ajax("GET", "/events?" + query, { target: "#selection", select: "#results", swap: "innerHTML" });
  }

  window.Sphere = { setStatus: setStatus, fetchJSON: fetchJSON, showEvents: showEvents, eventQuery: eventQuery };
})();
