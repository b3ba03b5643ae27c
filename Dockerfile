# syntax=docker/dockerfile:1
# The dashboard as one image: gunicorn + the app + Debian's Chromium for image exports.
#
#   docker build -t dekkingskaart .                                     # boundaries mounted at run time
#   docker build --build-arg DOWNLOAD_BOUNDARIES=1 -t dekkingskaart .   # boundaries fetched from PDOK now
#
# Boundaries (gemeenten_2025.geojson, never in the repository) come from either place; the app looks
# in $GEODATA_DIR (/data/geodata: mount a folder holding the file there, read-only is fine) and then in
# /app/.cache/geodata/ (where the build writes them with DOWNLOAD_BOUNDARIES=1). See README, "Running more
# than one instance". No secret is baked in: DATABASE_URL and the like are given at run time.
FROM python:3.11-slim-bookworm

# Chromium renders the image exports (kaleido); the fonts cover the figures' sans-serif stack
# (Liberation has Arial's metrics, DejaVu the rest). curl is not needed: the health check uses Python.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        chromium fonts-liberation fonts-dejavu-core ca-certificates \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

# The code belongs to root and is read-only for the app's user; only .cache/ (the embedded SQLite
# default, the machine's image cache, the render pool's socket, the layer cache) is writable.
# A writable home: Chromium and fontconfig keep their caches there.
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/dekkingskaart dekkingskaart \
    && mkdir -p /app/.cache/geodata /data/geodata \
    && chown -R dekkingskaart:dekkingskaart /app/.cache
COPY . .

USER 10001:10001

# Boundaries at build time (needs internet): downloaded from PDOK into /app/.cache/geodata/, then checked
# (which also fills the layer cache, so the first start is faster). Off by default: mount them instead.
ARG DOWNLOAD_BOUNDARIES=0
RUN if [ "$DOWNLOAD_BOUNDARIES" = "1" ]; then \
        python -m geodata download --year 2025 && python -m geodata check >/dev/null; \
    fi

# Defaults for the settings (dashboard/context.py, Settings); compose.yaml or the platform overrides them.
# gunicorn reads WEB_CONCURRENCY, GUNICORN_THREADS and FORWARDED_ALLOW_IPS (dashboard/gunicorn_conf.py).
ENV PORT=8050 \
    WEB_CONCURRENCY=2 \
    GUNICORN_THREADS=8 \
    GEODATA_DIR=/data/geodata \
    BROWSER_PATH=/usr/bin/chromium \
    DEKKINGSKAART_RENDER_BROWSERS=1 \
    DEKKINGSKAART_TRUSTED_PROXIES=0 \
    DEKKINGSKAART_POLL_SECONDS=3

EXPOSE 8050

# 200 while the instance serves (also "degraded": the database is away, the last version is served).
# The first start creates or migrates the database and loads the boundaries: give it time.
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8050'), timeout=2)" || exit 1

# --bind on the command line wins over the config file's 127.0.0.1: in a container the port must be
# reachable from the proxy. exec: gunicorn replaces the shell and gets the stop signal itself.
CMD ["sh", "-c", "exec gunicorn --config dashboard/gunicorn_conf.py --bind 0.0.0.0:${PORT} dashboard.wsgi:server"]
