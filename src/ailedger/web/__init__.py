"""Web: the dashboard and JSON API over a store (FastAPI, Jinja2 pages, Plotly charts)."""

from __future__ import annotations

from .app import create_app
from .server import serve

__all__ = ["create_app", "serve"]
