"""GeoJSON of event places: one Point feature per event that has coordinates.

Properties carry the event's fields and its evidence with provenance, so a GIS user can click a
point and read who says so. Events without coordinates are left out (they have no point).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from ..store.citations import Citations
from ..types import Event
from .records import event_record


def feature_collection(events: Sequence[Event], citations: Citations | None = None) -> dict:
    features = []
    for ev in events:
        loc = ev.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        record = event_record(ev, citations)
        properties = {k: v for k, v in record.items() if k != "event_loc"}
        properties["place"] = loc.name
        properties["country"] = loc.country
        properties["geonameid"] = loc.geonameid
        features.append(
            {
                "type": "Feature",
                "id": ev.event_id,
                "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(events: Sequence[Event], file: IO[str], citations: Citations | None = None) -> None:
    json.dump(feature_collection(events, citations), file, ensure_ascii=False)
    file.write("\n")
