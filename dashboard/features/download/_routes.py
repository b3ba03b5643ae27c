"""The download routes: /data/dekkingskaart-<version>.zip (a published version, cached for good),
/data/dekkingskaart.zip (whatever is published now, cached briefly), and the data of the map of a view,
/data/kaart.csv and /data/kaart.xlsx with the page's own query (`_map_data.py`; invalid values fall back
as on the page; cached 5 minutes, ETag from data version, format and normalised query).

With a store, every published version can be fetched; drafts cannot. Without a store (demo mode, or a
context serving files) only the data the site serves now is offered, at the latest address: demo data
as dekkingskaart-voorbeelddata.zip with VOORBEELDDATA in the descriptor's title and in a first column of
every CSV; a versioned address
then answers 404 (demo data has no published versions), except the id of the served file data.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Callable

from flask import Response, request

from datasets.problems import DatasetError
from datasets.schema import SCHEMA_VERSION

from ...i18n import language_of, t
from ...server.routes import plain
from ...state import parse_query
from . import _map_data as map_data
from . import _view_files as view_files
from . import _view_model as vm

log = logging.getLogger(__name__)

VERSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}")
IMMUTABLE = "public, max-age=31536000, immutable"
LATEST_MAX_AGE = 60
LATEST = f"public, max-age={LATEST_MAX_AGE}"
#: the data of a view's map: the current version, so briefly
VIEW_FILE = "public, max-age=300"
CACHED_VERSIONS = 4


class _NotOffered(Exception):
    def __init__(self, key: str, status: int = 404):
        super().__init__(key)
        self.key, self.status = key, status


class _ZipCache:
    """Built zips by ETag, a few at a time (versions are immutable): one build per version per process."""

    def __init__(self, size: int = CACHED_VERSIONS):
        self._size = size
        self._built: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str, build: Callable[[], bytes]) -> bytes:
        with self._lock:  # builds are rare and take a second: one at a time keeps two workers' threads from doubling
            found = self._built.get(key)
            if found is None:
                found = build()
                if len(self._built) >= self._size:
                    self._built.pop(next(iter(self._built)))
                self._built[key] = found
            return found


def register_download_routes(server, context) -> None:
    cache = _ZipCache()

    def stored(version_id: str) -> tuple[vm.DownloadMeta, Callable[[], bytes]]:
        """A published version of the store, and how to build its zip."""
        from datasets.delivery import canonical_texts
        from datasets.store.versions import PUBLISHED, NotFound

        store = context.store
        try:
            info = store.version(version_id)
        except NotFound:
            raise _NotOffered("dl_not_found") from None
        if info.state != PUBLISHED:
            raise _NotOffered("dl_not_found")
        meta = vm.DownloadMeta(version_id, store.schema_version, published_at=info.published_at)

        def build() -> bytes:
            # the tables as today's schema reads them, so that the descriptor (today's) describes them
            return vm.build_zip(canonical_texts(store.tables(version_id)), store.model(version_id), meta)

        return meta, build

    def served() -> tuple[vm.DownloadMeta, Callable[[], bytes]]:
        """Without a store: the data the site serves now (demo or files)."""
        try:
            model = context.data.current().model
        except DatasetError:
            raise _NotOffered("dl_unavailable", 503) from None
        meta = vm.DownloadMeta(model.version, SCHEMA_VERSION, synthetic=model.synthetic)
        return meta, lambda: vm.build_zip(vm.texts_from_frames(model.tables), model, meta)

    def answer(meta: vm.DownloadMeta, build: Callable[[], bytes], cache_control: str) -> Response:
        if request.if_none_match.contains_weak(meta.etag):  # RFC 9110 13.1.2: If-None-Match compares weakly
            response = Response(status=304)
        else:
            try:
                content = cache.get(meta.etag, build)
            except DatasetError as err:  # an old version that today's schema no longer accepts
                log.error("download of version %s refused: %s", meta.data_version, err)
                raise _NotOffered("dl_old_schema") from None
            response = Response(content, mimetype="application/zip")
            response.headers["Content-Disposition"] = f'attachment; filename="{meta.filename}"'
        response.set_etag(meta.etag)
        response.headers["Cache-Control"] = cache_control
        return response

    def refused(err: _NotOffered) -> Response:
        response = plain(t(language_of(request.query_string.decode("utf-8", "replace")), err.key), err.status)
        response.headers["Cache-Control"] = "no-store"
        return response

    @server.route("/data/" + vm.LATEST_FILENAME)
    def download_latest():
        """The version the site publishes now."""
        try:
            if context.store is not None:
                head = context.store.head_id()
                if head is None:
                    raise _NotOffered("dl_none_published")
                meta, build = stored(head)
            else:
                meta, build = served()
            return answer(meta, build, LATEST)
        except _NotOffered as err:
            return refused(err)

    @server.route("/data/dekkingskaart-<version_id>.zip")
    def download_version(version_id: str):
        """One published version, for good: its address never changes what it answers."""
        try:
            if not VERSION_ID.fullmatch(version_id):
                raise _NotOffered("dl_not_found")
            if context.store is not None:
                meta, build = stored(version_id)
            else:
                meta, build = served()
                if meta.synthetic or meta.data_version != version_id:
                    raise _NotOffered("dl_not_found")
            return answer(meta, build, IMMUTABLE)
        except _NotOffered as err:
            return refused(err)

    @server.route("/data/kaart.<fmt>")
    def download_map_data(fmt: str):
        """The data behind the map of the view in the query string (the page's parameters), as CSV or Excel,
        with the view's header block; the file name carries the view."""
        lang = language_of(request.query_string.decode("utf-8", "replace"))
        if fmt not in map_data.FORMATS:
            response = plain(t(lang, "dl_unknown_format", fmt=fmt[:10]), 404)
            response.headers["Cache-Control"] = "no-store"
            return response
        try:
            data = context.data.current()
        except DatasetError:
            return refused(_NotOffered("dl_unavailable", 503))
        state, _notices = parse_query(request.query_string.decode("utf-8", "replace"), data.choices)
        tag = view_files.etag(data.model.version, fmt, state, map_data.RULES)
        if request.if_none_match.contains_weak(tag):
            response = Response(status=304)
        else:
            content, name = map_data.map_file(data, state, fmt)
            response = Response(content, mimetype=map_data.FORMATS[fmt].split(";")[0])
            if fmt == "csv":
                response.headers["Content-Type"] = map_data.FORMATS[fmt]
            response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.set_etag(tag)
        response.headers["Cache-Control"] = VIEW_FILE
        return response
