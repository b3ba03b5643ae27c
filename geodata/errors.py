"""Exceptions of the geodata package.

One base class lets the CLI and the dashboard catch every boundary problem
with a single ``except`` and show the message instead of a traceback.
"""


class GeodataError(Exception):
    """A boundary file or derived layer is missing, unreadable or wrong."""


class BoundariesNotFound(GeodataError):
    """No boundary file in any of the places that are searched."""
