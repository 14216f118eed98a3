/* Swagger UI for /docs, from the swagger-ui-dist npm package served by Sphere (no CDN). */
window.addEventListener("load", function () {
  "use strict";
  const el = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({
    url: el.dataset.spec,
    dom_id: "#swagger-ui",
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
  });
});
