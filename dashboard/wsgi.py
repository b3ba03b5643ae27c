"""WSGI entry point for gunicorn: `gunicorn dashboard.wsgi:server`."""

import logging

from .app import create_app
from .data import current

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

app = create_app()
server = app.server
# Load data and geometry before the first request (and, with --preload, before forking workers).
current()
