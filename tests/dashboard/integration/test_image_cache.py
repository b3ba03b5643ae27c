"""The shared image cache: both implementations, against a real Redis and a real folder.

The stampede test runs callers in spawned processes (threads within each) and counts renders in a file
appended with O_APPEND, which is independent of the cache under test.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis

from dashboard.image_cache import DiskImageCache, RedisImageCache, image_cache_for
from tests.servers.postgres import free_port

PROCESSES = 6
THREADS_PER_PROCESS = 4
RENDER_SECONDS = 0.3


def _unique_key() -> str:
    return uuid.uuid4().hex[:24]


def _make_cache(kind: str, where: str):
    return RedisImageCache(where) if kind == "redis" else DiskImageCache(Path(where))


@pytest.fixture(params=["redis", "disk"])
def cache_spec(request, tmp_path) -> tuple[str, str]:
    """(kind, url or folder): picklable, so spawned processes can open the same cache."""
    if request.param == "redis":
        return "redis", request.getfixturevalue("redis_url")
    return "disk", str(tmp_path / "images")


@pytest.fixture
def cache(cache_spec):
    return _make_cache(*cache_spec)


def _serve(cache, key: str, counter: str, timeout: float = 10.0) -> bytes | None:
    """What Renderer does for one request: read, else render once for everybody."""
    content = cache.get(key)
    if content is not None:
        return content
    with cache.single_flight(key, timeout) as must_render:
        if not must_render:
            return cache.get(key)
        fd = os.open(counter, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            os.write(fd, b"r")
        finally:
            os.close(fd)
        time.sleep(RENDER_SECONDS)
        content = f"image {key}".encode()
        cache.put(key, content)
        return content


def _caller_process(spec, key, counter, barrier, results) -> None:
    cache = _make_cache(*spec)
    answers = []

    def one():
        barrier.wait(60)
        answers.append(_serve(cache, key, counter))

    threads = [threading.Thread(target=one) for _ in range(THREADS_PER_PROCESS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put(answers)


def test_round_trip(cache):
    key = _unique_key()
    assert cache.get(key) is None
    cache.put(key, b"\x89PNG first")
    assert cache.get(key) == b"\x89PNG first"
    cache.put(key, b"\x89PNG second")
    assert cache.get(key) == b"\x89PNG second"


@pytest.mark.parametrize("bad", ["../etc", "a/b", "", "x", ".hidden", "k" * 129])
def test_keys_cannot_leave_the_namespace(cache, bad):
    with pytest.raises(ValueError):
        cache.get(bad)
    with pytest.raises(ValueError):
        cache.put(bad, b"x")


def test_a_cached_key_needs_no_render(cache):
    key = _unique_key()
    cache.put(key, b"img")
    with cache.single_flight(key, 5) as must_render:
        assert must_render is False


def test_twenty_four_concurrent_callers_in_six_processes_render_once(cache_spec, tmp_path):
    key, counter = _unique_key(), str(tmp_path / "renders")
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES * THREADS_PER_PROCESS)
    results = context.Queue()
    processes = [context.Process(target=_caller_process, args=(cache_spec, key, counter, barrier, results))
                 for _ in range(PROCESSES)]
    for process in processes:
        process.start()
    answers = [answer for _ in processes for answer in results.get(timeout=120)]
    for process in processes:
        process.join(30)
        assert process.exitcode == 0
    assert Path(counter).read_bytes() == b"r"
    assert answers == [f"image {key}".encode()] * (PROCESSES * THREADS_PER_PROCESS)


def test_a_failed_leader_lets_the_next_in_at_once(cache):
    key = _unique_key()
    with pytest.raises(RuntimeError):
        with cache.single_flight(key, 30) as must_render:
            assert must_render
            raise RuntimeError("the browser died")
    began = time.monotonic()
    with cache.single_flight(key, 30) as must_render:
        assert must_render
    assert time.monotonic() - began < 1


def test_an_expired_lock_is_taken_over_and_its_old_holder_frees_nothing(cache):
    key = _unique_key()
    hung_holds, hung_may_leave = threading.Event(), threading.Event()

    def hung_holder():
        with cache.single_flight(key, 0.5) as must_render:
            assert must_render
            hung_holds.set()
            hung_may_leave.wait(30)

    hung = threading.Thread(target=hung_holder)
    hung.start()
    assert hung_holds.wait(10)

    began = time.monotonic()
    with cache.single_flight(key, 30) as must_render:
        waited = time.monotonic() - began
        assert must_render, "the waiter must take over the expired lock"
        assert 0.3 <= waited < 5, waited

        hung_may_leave.set()  # the old holder leaves: it must not release its successor's lock
        hung.join(10)
        third_answer = []
        third = threading.Thread(target=lambda: third_answer.append(_enter(cache, key)))
        third.start()
        time.sleep(0.5)
        assert not third_answer, "a third caller got in while the successor still holds the lock"
        cache.put(key, b"rendered by the successor")
    third.join(10)
    assert third_answer == [False]


def test_an_expired_lock_is_taken_over_by_one_of_many_waiters(cache, tmp_path):
    key, counter = _unique_key(), str(tmp_path / "renders")
    hung_holds, hung_may_leave = threading.Event(), threading.Event()

    def hung_holder():
        with cache.single_flight(key, 0.5):
            hung_holds.set()
            hung_may_leave.wait(30)

    hung = threading.Thread(target=hung_holder)
    hung.start()
    assert hung_holds.wait(10)
    answers = []
    waiters = [threading.Thread(target=lambda: answers.append(_serve(cache, key, counter))) for _ in range(8)]
    for waiter in waiters:
        waiter.start()
    for waiter in waiters:
        waiter.join(30)
    hung_may_leave.set()
    hung.join(10)
    assert Path(counter).read_bytes() == b"r"
    assert answers == [f"image {key}".encode()] * 8


def _enter(cache, key) -> bool:
    with cache.single_flight(key, 30) as must_render:
        return must_render


def test_redis_keys_are_namespaced_and_expire(redis_url):
    cache = RedisImageCache(redis_url, ttl_seconds=3600)
    key = _unique_key()
    cache.put(key, b"img")
    client = redis.Redis.from_url(redis_url)
    assert client.get(f"dekkingskaart:image:{key}") == b"img"
    assert 3500 < client.ttl(f"dekkingskaart:image:{key}") <= 3600


def test_redis_refuses_an_oversized_image(redis_url):
    cache = RedisImageCache(redis_url, max_bytes_per_image=10)
    key = _unique_key()
    cache.put(key, b"x" * 11)
    assert cache.get(key) is None


def test_without_redis_every_caller_renders_itself():
    cache = RedisImageCache(f"redis://127.0.0.1:{free_port()}/0")
    key = _unique_key()
    assert cache.get(key) is None
    cache.put(key, b"img")  # no exception: the image is still served to this request
    with cache.single_flight(key, 5) as must_render:
        assert must_render is True


def test_disk_files_are_sharded_and_no_temporary_is_left(tmp_path):
    cache = DiskImageCache(tmp_path)
    key = "ab" + _unique_key()
    cache.put(key, b"img")
    assert (tmp_path / "ab" / key).read_bytes() == b"img"
    assert [p.name for p in (tmp_path / "ab").iterdir()] == [key]


def test_disk_evicts_the_oldest(tmp_path):
    cache = DiskImageCache(tmp_path, max_files=10)
    keys = [f"k{number:03d}" for number in range(15)]
    cache.evict_every = 1000  # put alone must not evict here: the test times it
    written = time.time() - 100
    for number, key in enumerate(keys):  # each key a second newer than the one before
        cache.put(key, b"img")
        os.utime(cache.path(key), (written + number, written + number))
    assert cache.evict() == 6  # down to 90 % of max_files
    assert [key for key in keys if cache.get(key) is not None] == keys[6:]


def test_disk_stays_bounded_by_puts_alone(tmp_path):
    cache = DiskImageCache(tmp_path, max_files=20)
    for number in range(200):
        cache.put(f"n{number:04d}", b"img")
    stored = [p for p in tmp_path.rglob("n*") if p.is_file()]
    assert len(stored) <= 20 + cache.evict_every
    assert cache.get("n0199") == b"img"


def test_image_cache_for_picks_by_settings(tmp_path, redis_url):
    # only these two of Settings' fields count (dashboard.context is not imported: it pulls in the browser)
    with_redis = SimpleNamespace(redis_url=redis_url, image_cache_dir=tmp_path / "unused")
    assert isinstance(image_cache_for(with_redis), RedisImageCache)
    disk = image_cache_for(SimpleNamespace(redis_url=None, image_cache_dir=tmp_path / "machine"))
    assert isinstance(disk, DiskImageCache) and disk.folder == tmp_path / "machine"
