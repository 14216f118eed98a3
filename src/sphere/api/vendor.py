"""The front-end libraries the dashboard serves itself, from npm's node_modules (no CDN).

`make install` runs `npm ci` (package.json, package-lock.json); the files listed here are then
served under /static/vendor/<name>. Only these files are served, so node_modules is never
browsable. Where node_modules is: $SPHERE_NODE_MODULES, else next to the repository holding
this package, else in the working directory.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

VENDOR = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    # the "peer" builds: no CSS injected at run time (the CSP forbids inline styles)
    "moment.min.js": "moment/min/moment.min.js",
    "vis-data.min.js": "vis-data/peer/umd/vis-data.min.js",
    "vis-timeline.min.js": "vis-timeline/peer/umd/vis-timeline-graph2d.min.js",
    "vis-timeline.min.css": "vis-timeline/styles/vis-timeline-graph2d.min.css",
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "d3-array.min.js": "d3-array/dist/d3-array.min.js",
    "d3-geo.min.js": "d3-geo/dist/d3-geo.min.js",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
    "countries-50m.json": "world-atlas/countries-50m.json",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui-standalone-preset.js": "swagger-ui-dist/swagger-ui-standalone-preset.js",
}


@cache
def node_modules() -> Path | None:
    candidates = []
    if os.environ.get("SPHERE_NODE_MODULES"):
        candidates.append(Path(os.environ["SPHERE_NODE_MODULES"]))
    here = Path(__file__).resolve()
    candidates += [parent / "node_modules" for parent in here.parents]
    candidates.append(Path.cwd() / "node_modules")
    for path in candidates:
        if (path / "htmx.org").is_dir():
            return path
    return None


def vendor_file(name: str) -> Path | None:
    """The file behind /static/vendor/<name>, or None (unknown name, or npm packages missing)."""
    relative = VENDOR.get(name)
    root = node_modules()
    if relative is None or root is None:
        return None
    path = root / relative
    return path if path.is_file() else None


def missing_vendor_files() -> list[str]:
    return [name for name in VENDOR if vendor_file(name) is None]
