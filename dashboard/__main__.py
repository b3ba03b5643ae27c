"""Development server: `python -m dashboard` (production: gunicorn, see the Procfile)."""

import os

from .wsgi import app, context

if __name__ == "__main__":
    context.data.watch()
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8050")), debug=False)
