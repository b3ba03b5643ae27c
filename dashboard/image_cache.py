"""The rendered-image cache shared by every worker (and, with Redis, every instance).

A render costs a browser a third of a second or more; a per-worker cache renders each image once per
worker and instance. Both caches here are shared, and `single_flight` lets exactly one caller of all
processes render a missing key while the others wait for its result:

    content = cache.get(key)
    if content is None:
        with cache.single_flight(key, timeout=RENDER_TIMEOUT + 5) as must_render:
            if must_render:
                content = render()
                cache.put(key, content)
            else:
                content = cache.get(key)  # None only when the leader's put was refused: render then

* `RedisImageCache`: several instances (REDIS_URL). The lock is `SET NX PX`, released by compare-and-
  delete, so a holder whose lock expired never frees its successor's.
* `DiskImageCache`: the workers of one machine. Files are replaced atomically; the lock is `flock`,
  which the kernel releases when its holder dies, and a live holder past its timeout is taken over.

Keys are the share feature's hex digests; they never hold the request's host.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import re
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ContextManager, Protocol

import redis

if TYPE_CHECKING:
    from .context import Settings

log = logging.getLogger(__name__)

#: file names and Redis keys are built from keys: nothing that could leave the cache folder
KEY_PATTERN = re.compile(r"^[0-9A-Za-z_-]{2,128}$")
POLL_SECONDS = 0.05
DEFAULT_TTL_SECONDS = 30 * 24 * 3600
DEFAULT_MAX_BYTES_PER_IMAGE = 16 * 1024 * 1024
DEFAULT_MAX_FILES = 2000


def _checked(key: str) -> str:
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise ValueError(f"an image cache key is 2 to 128 letters, digits, '-' or '_': {key!r}")
    return key


class ImageCache(Protocol):
    """Where rendered images are kept, and who renders a missing one."""

    def get(self, key: str) -> bytes | None:
        """The image stored under `key`, or None."""

    def put(self, key: str, content: bytes) -> None:
        """Store `content` under `key` (whole or not at all)."""

    def single_flight(self, key: str, timeout: float) -> ContextManager[bool]:
        """True to the one caller that must render `key`; False to the others once it is cached.

        A leader that leaves the block (done or failed) lets the next waiter in at once; one that
        holds it longer than `timeout` seconds is presumed dead and one waiter takes over.
        """


class RedisImageCache:
    """Images in Redis, for several instances; a Redis outage degrades to rendering locally."""

    NAMESPACE = "dekkingskaart:image:"
    _RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"

    def __init__(self, url: str, ttl_seconds: int = DEFAULT_TTL_SECONDS,
                 max_bytes_per_image: int = DEFAULT_MAX_BYTES_PER_IMAGE, poll_seconds: float = POLL_SECONDS):
        # redis-py's pool notices a fork and reconnects, so a pre-fork instance is safe in workers
        self.client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2, health_check_interval=30)
        self.ttl_seconds = ttl_seconds
        self.max_bytes_per_image = max_bytes_per_image
        self.poll_seconds = poll_seconds
        self._release = self.client.register_script(self._RELEASE)

    def _key(self, key: str) -> str:
        return self.NAMESPACE + _checked(key)

    def _lock_key(self, key: str) -> str:
        return self.NAMESPACE + "lock:" + _checked(key)

    def get(self, key: str) -> bytes | None:
        name = self._key(key)
        try:
            return self.client.get(name)
        except redis.RedisError:
            log.warning("image cache: Redis unreachable, treating %s as a miss", key, exc_info=True)
            return None

    def put(self, key: str, content: bytes) -> None:
        name = self._key(key)
        if len(content) > self.max_bytes_per_image:
            log.warning("image cache: %s is %d bytes, over the %d allowed; not stored", key, len(content),
                        self.max_bytes_per_image)
            return
        try:
            self.client.set(name, content, ex=self.ttl_seconds)
        except redis.RedisError:
            log.warning("image cache: Redis unreachable, %s not stored", key, exc_info=True)

    def _exists(self, name: str) -> bool:
        return bool(self.client.exists(name))

    @contextlib.contextmanager
    def single_flight(self, key: str, timeout: float) -> Iterator[bool]:
        name, lock_name = self._key(key), self._lock_key(key)
        token = uuid.uuid4().hex
        try:
            while True:
                if self._exists(name):
                    leader = False
                    break
                if self.client.set(lock_name, token, nx=True, px=max(1, int(timeout * 1000))):
                    # the previous leader may have stored it and released between our two looks
                    leader = not self._exists(name)
                    if not leader:
                        self._release(keys=[lock_name], args=[token])
                    break
                time.sleep(self.poll_seconds)
        except redis.RedisError:
            log.warning("image cache: Redis unreachable, rendering %s without coordination", key, exc_info=True)
            yield True
            return
        if not leader:
            yield False
            return
        try:
            yield True
        finally:
            try:
                self._release(keys=[lock_name], args=[token])
            except redis.RedisError:
                log.warning("image cache: could not release the lock of %s; it expires by itself", key)


class DiskImageCache:
    """Images as files shared by the workers of one machine, at most about `max_files` of them.

    `<folder>/<key[:2]>/<key>` holds an image; `<folder>/locks/<key>.lock` is its render lock, whose
    content is the holder's deadline (epoch seconds) so that waiters can tell a hung holder.
    """

    def __init__(self, folder: Path, max_files: int = DEFAULT_MAX_FILES, poll_seconds: float = POLL_SECONDS):
        self.folder = Path(folder)
        self.locks = self.folder / "locks"
        self.locks.mkdir(parents=True, exist_ok=True)
        self.max_files = max_files
        self.poll_seconds = poll_seconds
        #: a scan costs one stat per file: look only every so many puts of this process
        self.evict_every = max(8, max_files // 20)
        self._puts = 0
        self._puts_lock = threading.Lock()

    def path(self, key: str) -> Path:
        return self.folder / _checked(key)[:2] / key

    def _lock_path(self, key: str) -> Path:
        return self.locks / f"{_checked(key)}.lock"

    def get(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, key: str, content: bytes) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # a unique temporary name per writer: two workers storing one key never share a half-written file
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())  # a crash must not leave a truncated image to be served for a month
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        with self._puts_lock:
            self._puts += 1
            due = self._puts % self.evict_every == 0
        if due:
            self.evict()

    def evict(self) -> int:
        """Delete the oldest images (by mtime) down to 90 % of `max_files`; returns how many went.

        One worker scans at a time; the others skip rather than wait.
        """
        with open(self.locks / ".evict", "a") as guard:
            try:
                fcntl.flock(guard, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return 0
            images, now = [], time.time()
            for shard in os.scandir(self.folder):
                if not shard.is_dir(follow_symlinks=False) or shard.name == "locks":
                    continue
                for entry in os.scandir(shard.path):
                    with contextlib.suppress(FileNotFoundError):
                        mtime = entry.stat(follow_symlinks=False).st_mtime
                        if not entry.name.startswith("."):
                            images.append((mtime, entry.path, entry.name))
                        elif now - mtime > 3600:  # a writer that died between mkstemp and replace
                            os.unlink(entry.path)
            for entry in os.scandir(self.locks):  # locks of keys whose render failed, or long evicted
                with contextlib.suppress(FileNotFoundError):
                    if entry.name.endswith(".lock") and now - entry.stat().st_mtime > 86400:
                        os.unlink(entry.path)
            if len(images) <= self.max_files:
                return 0
            images.sort()
            doomed = images[: len(images) - int(self.max_files * 0.9)]
            for _, path, name in doomed:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.locks / f"{name}.lock")  # a held one is only orphaned: see _open_lock
            return len(doomed)

    def _open_lock(self, lock_path: Path) -> int:
        return os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)

    @staticmethod
    def _is_current(fd: int, lock_path: Path) -> bool:
        """Whether `fd` is still the file at `lock_path` (a takeover or eviction may have unlinked it)."""
        try:
            return os.stat(lock_path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            return False

    def _expired(self, fd: int, fallback_deadline: float) -> bool:
        """Whether the holder is past its deadline; before it wrote one, the waiter's own deadline counts."""
        written = os.pread(fd, 32, 0).strip()
        try:
            deadline = float(written) if written else fallback_deadline
        except ValueError:
            deadline = fallback_deadline
        return time.time() > deadline

    def _take_over(self, fd: int, lock_path: Path) -> None:
        """Unlink the hung holder's lock file so that waiters race for a fresh one; the inode check runs
        under a brief folder-wide lock, so of several waiters only one unlinks (never a successor's file)."""
        with open(self.locks / ".takeover", "a") as guard:
            fcntl.flock(guard, fcntl.LOCK_EX)
            if self._is_current(fd, lock_path):
                log.warning("image cache: the render lock %s expired; taking it over", lock_path.name)
                os.unlink(lock_path)

    @contextlib.contextmanager
    def single_flight(self, key: str, timeout: float) -> Iterator[bool]:
        image, lock_path = self.path(key), self._lock_path(key)
        fallback_deadline = time.time() + timeout
        fd = self._open_lock(lock_path)
        try:
            while True:
                if image.exists():
                    leader = False
                    break
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError as err:
                    if err.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                        raise
                    if self._is_current(fd, lock_path) and self._expired(fd, fallback_deadline):
                        self._take_over(fd, lock_path)
                    if not self._is_current(fd, lock_path):
                        os.close(fd)
                        fd = self._open_lock(lock_path)
                        continue
                    time.sleep(self.poll_seconds)
                    continue
                if not self._is_current(fd, lock_path):  # we locked a file that was unlinked meanwhile
                    os.close(fd)
                    fd = self._open_lock(lock_path)
                    continue
                leader = not image.exists()
                if leader:
                    os.pwrite(fd, f"{time.time() + timeout:.3f}".ljust(32).encode(), 0)
                else:
                    fcntl.flock(fd, fcntl.LOCK_UN)
                break
            if not leader:
                yield False
                return
            try:
                yield True
            finally:
                os.ftruncate(fd, 0)  # the next holder starts without a stale deadline
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def image_cache_for(settings: "Settings") -> ImageCache:
    """Redis when REDIS_URL is set (several instances), else the machine's folder of images."""
    if settings.redis_url:
        return RedisImageCache(settings.redis_url)
    return DiskImageCache(settings.image_cache_dir)
