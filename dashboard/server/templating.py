"""The shared shell of the public server-rendered pages (`templates/public_shell.html`).

A blueprint made here finds its own templates and the shell on whatever Flask app it is registered on (the
dashboard's, or a bare one in a test), so its pages extend one header and footer instead of a copy each.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint
from jinja2 import FileSystemLoader

SHELL_TEMPLATES = Path(__file__).resolve().parent / "templates"


def public_page_blueprint(name: str, import_name: str, templates: Path, **options) -> Blueprint:
    """A blueprint whose templates are `templates` and the shared shell beside them."""
    blueprint = Blueprint(name, import_name, template_folder=str(templates), **options)
    blueprint.jinja_loader = FileSystemLoader([str(templates), str(SHELL_TEMPLATES)])
    return blueprint
