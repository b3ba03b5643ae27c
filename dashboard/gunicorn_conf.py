"""gunicorn settings; the port comes from $PORT (Procfile convention).

Sized for a small machine (2 cores), checked with `python -m benchmarks load` (100 keep-alive clients,
60 s, pages + callbacks + embeds + cached exports: 0 errors; figures in benchmarks/README.md, "Load").
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8050')}" if os.environ.get("DYNO") else f"127.0.0.1:{os.environ.get('PORT', '8050')}"
# One worker per core: the callbacks are CPU-bound Python (one GIL per process), so more processes than
# cores add no throughput, only memory (each worker holds the data and its memo; the export browsers are
# the machine's render pool, shared by every worker and instance, and images a shared cache). Set
# WEB_CONCURRENCY to the core count on a bigger machine.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# gthread, also when GUNICORN_THREADS=1: kept-alive connections wait in the worker's poller, not in a
# thread, so 100 browsers need no more than a handful of threads (the sync worker would close every
# connection after one request).
worker_class = "gthread"
# Threads per worker. An export that is not cached holds its thread while the pool renders (0.5-1 s,
# one render at a time per pool browser): with 4 threads, 6 concurrent new exports stalled every other request
# of that worker for ~1.7 s; with 8 they did not. A browser also fires 4-6 callbacks at once per click.
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# Connections that may wait in the kernel for accept(); gunicorn's default, well above 100 clients
# connecting at once (Linux caps it at net.core.somaxconn, 4096 here).
backlog = 2048
# Seconds a kept-alive connection may stay idle: gunicorn's docs suggest 1-5 s for direct clients and
# longer behind a load balancer; 5 keeps a visitor's connections open across clicks (default 2).
keepalive = 5
preload_app = True  # data and geometry are loaded once, before the workers fork
# With gthread this is the worker heartbeat (the main loop notifies the master every second), not a
# limit on one request: a worker stuck for 60 s is killed and replaced.
timeout = 60
accesslog = "-"
limit_request_line = 8190
# The addresses whose X-Forwarded-Proto gunicorn believes (it sets the request's scheme from it): only the
# load balancer's, comma-separated, or "*" when only the proxy can reach this port. gunicorn's default is
# 127.0.0.1; the app's own ProxyFix trusts DEKKINGSKAART_TRUSTED_PROXIES hops (dashboard/server/app.py).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """Start the machine's render pool (or join the one another instance on this machine runs) before the
    workers fork, so there is one for the machine, not one per worker (it runs detached and follows this
    master); its browsers warm up meanwhile."""
    from dashboard.wsgi import context

    if context.renderer.pool is not None and context.renderer.available:
        try:
            context.renderer.pool.ensure()
        except Exception:  # noqa: BLE001 - without a pool the site still serves; renders retry the start
            server.log.exception("the render pool did not start; the first export will try again")


def on_exit(server):
    """Stop the render pool this master started, so no browser outlives the site (one that other
    instances use is started again by their next render)."""
    from dashboard.wsgi import context

    if context.renderer.pool is not None:
        context.renderer.pool.stop()


def post_fork(server, worker):
    """Start each worker's export browser right away, so the first image request is warm, and its
    watch on the store, so a published version reaches it within a few seconds."""
    import threading

    from dashboard.wsgi import context

    if context.renderer.pool is None:  # a browser per worker (DEKKINGSKAART_RENDER_POOL=0)
        threading.Thread(target=context.renderer.warm_up, name="export-warm-up", daemon=True).start()
    else:  # the machine's pool (when_ready): connect lazily; a pool this worker restarts follows the master
        context.renderer.pool.owner = server.pid
    if context.store is not None:
        context.store.after_fork()  # the master's database connections stay the master's
    context.data.watch()  # follow publishes: every worker polls which version is published


def on_reload(server):
    """SIGHUP: reload the published version from the store in the master before gunicorn forks the new
    workers (never from files: only validated, attributed versions reach the site).

    With preload_app the workers are forks of the master, so they start with whatever the master
    holds: the new data when it validated, otherwise (report in the log) the last good data.
    """
    try:
        from dashboard.wsgi import context

        context.data.reload()
    except Exception:  # noqa: BLE001 - an exception here would end gunicorn's main loop: the whole site
        server.log.exception("data reload failed; still serving the last good data")
