"""Sphere's web side: the REST API and the dashboard, reading the store only.

    make_app(db_url=None, token=None) -> FastAPI      # served by `sphere serve`
"""

from .app import make_app

__all__ = ["make_app"]
