"""The app built from the environment: what `sphere serve --workers N` hands to uvicorn."""

from __future__ import annotations

import os

from fastapi import FastAPI

from .app import make_app


def app_from_environment() -> FastAPI:
    return make_app(
        os.environ.get("SPHERE_DB"),
        os.environ.get("SPHERE_TOKEN"),
        float(os.environ.get("SPHERE_SEARCH_SECONDS", "2.0")),
    )
