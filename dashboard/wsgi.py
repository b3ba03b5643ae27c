"""WSGI entry point for gunicorn (`gunicorn dashboard.wsgi:server`): the process's composition root.

It builds the one app context of this process from the environment; gunicorn's hooks
(dashboard/gunicorn_conf.py) reach the same context here to warm the renderer and reload the data.
"""

import logging
import sys

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from datasets.problems import DatasetError
from geodata.errors import GeodataError

from .context import Settings, context_from_settings
from .server.app import create_app

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
log = logging.getLogger("dashboard")

#: exit code when boundaries or data are missing or invalid at start: EX_CONFIG from sysexits.h
#: (gunicorn itself uses 1, 3 for a worker that cannot boot and 4 for an app that cannot load)
EXIT_NO_DATA = 78

settings = Settings.from_env()
try:
    context = context_from_settings(settings)
except SQLAlchemyError as err:  # the store cannot be reached or migrated: nothing to serve yet
    log.critical("the dashboard cannot start: the data store at %s cannot be used: %s",
                 make_url(settings.database_url).render_as_string(hide_password=True), type(err).__name__)
    sys.exit(EXIT_NO_DATA)
except (DatasetError, GeodataError) as err:  # an empty store whose first version does not validate
    log.critical("the dashboard cannot start: %s", err)
    sys.exit(EXIT_NO_DATA)
app = create_app(context)
server = app.server
# Load data and geometry before the first request (and, with --preload, before forking workers).
# Without them there is nothing to serve: say what is missing in plain words and stop, no traceback.
try:
    context.data.current()
except (DatasetError, GeodataError) as err:
    log.critical("the dashboard cannot start: %s", err)
    sys.exit(EXIT_NO_DATA)
