"""gunicorn settings; the port comes from $PORT (Procfile convention)."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8050')}" if os.environ.get("DYNO") else f"127.0.0.1:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
preload_app = True  # data and geometry are loaded once, before the workers fork
timeout = 60
accesslog = "-"
limit_request_line = 8190


def post_fork(server, worker):
    """Start each worker's export browser right away, so the first image request is warm."""
    import threading

    from dashboard.export import EXPORTER

    threading.Thread(target=EXPORTER.warm_up, name="export-warm-up", daemon=True).start()
