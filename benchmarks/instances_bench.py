"""Three instances behind haproxy: renders per unique image across instances, and failed requests while one
instance is killed under load.

The setup is the three-instance test's (`tests/deploy/integration/instances.py`, imported, not copied):
a throwaway PostgreSQL (`tests/servers/postgres.py`) and Redis (`tests/servers/redis.py`) on loopback,
three gunicorn instances as the Procfile starts them (2 workers each, one database, one Redis, one render
pool), and haproxy with `deploy/haproxy.cfg` as shipped. Then:

1. `renders_per_unique_image`: for each of a few images never asked before, the same export URL is asked
   at the same moment twice of every instance and twice through haproxy (8 requests); the figure is the
   number of answers marked `X-Image-Cache: miss` (a render), averaged over the images. Goal 1: one render
   per image across all instances and workers, the others wait for it and read it from the cache.
2. `failed_requests_during_instance_kill`: 8 keep-alive clients through haproxy (GET /, /healthz,
   /_dash-layout, two side-effect-free callback POSTs) for 30 s (12 s with `--quick`); after a third of
   it, SIGKILL of the second instance's process group. The figure is the number of answers other than
   2xx/304 plus connection errors. Goal 0: haproxy's retries and health checks hide the dead instance.

Two lines, `{"name": ..., "ours": n, "naive": null, "unit": ..., "goal": ..., "met": ...}`; `ours` is null
with a `note` when the setup could not start (no haproxy, redis-server or PostgreSQL here). There is no
naive counterpart measured in this run (`naive` is null): before the shared cache each worker rendered
each image it was asked for itself (up to 6 renders here), which `note` says.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

RENDER = "renders_per_unique_image"
KILL = "failed_requests_during_instance_kill"
THREADS = 8


def _failed(emit, note: str, done: set[str] = frozenset()) -> None:
    """The lines not yet printed, with `ours` null and why."""
    if RENDER not in done:
        emit(RENDER, None, None, "renders", goal=1, met=None, note=note)
    if KILL not in done:
        emit(KILL, None, None, "requests", goal=0, met=None, note=note)


def measure(emit, cluster, quick: bool) -> None:
    from tests.deploy.integration.instances import LoadRun, cache_count, export_path, fan_out, load_calls

    bases = [instance.base for instance in cluster.instances] + [cluster.base]
    images = 1 if quick else 3
    misses, per_image = [], []
    for n in range(images):
        path = export_path(1234 + n * 17, indicator=("rtm", "beleid", "dekking")[n % 3])
        counts = cache_count(fan_out([(base, path) for base in bases for _ in range(2)]))
        misses.append(counts.get("miss", 0))
        per_image.append(dict(counts))
    ours = round(sum(misses) / len(misses), 2)
    emit(RENDER, ours, None, "renders", goal=1, met=bool(max(misses) == 1), images=images,
         requests_per_image=2 * len(bases), instances=len(cluster.instances), workers_per_instance=2,
         answers_per_image=[{str(k): v for k, v in c.items()} for c in per_image],
         note="answers marked X-Image-Cache: miss for one image asked at once twice of each of 3 instances "
              "and twice through haproxy; a per-worker cache (before) would render it once per worker asked, "
              "up to 6 here (not measured in this run)")

    seconds = 12.0 if quick else 30.0
    kill_at = round(seconds / 3, 1)
    app2 = cluster.instances[1]
    load = LoadRun(cluster.base, load_calls(cluster.base), threads=THREADS, seconds=seconds)
    load.run(at=(kill_at, app2.kill))
    stats = cluster.haproxy.stats()
    emit(KILL, len(load.failures), None, "requests", goal=0, met=not load.failures, requests=load.total,
         per_kind=dict(load.counts), load_seconds=seconds, killed_after_seconds=kill_at, clients=THREADS,
         haproxy_retries=int(stats["BACKEND"].get("wretr") or 0),
         haproxy_redispatches=int(stats["BACKEND"].get("wredis") or 0),
         app2_state_after=stats["app2"].get("status"), failures=load.failures[:10],
         note="SIGKILL of one instance's whole process group (master and workers) during load through haproxy "
              "(deploy/haproxy.cfg); a failure is any answer other than 2xx/304 or a connection error")


def run(emit, quick: bool) -> None:
    started = time.perf_counter()
    try:
        from tests.deploy.integration.instances import StartError, start_cluster
        from tests.servers.postgres import PostgresStartError, start_postgres
        from tests.servers.redis import RedisStartError, start_redis
    except ImportError as err:  # a checkout without the tests
        _failed(emit, f"not measured: the test helpers cannot be imported: {err}")
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench-instances-"))
    pg_dir = Path(tempfile.mkdtemp(prefix="bench-pg-"))  # not under a 0700 parent: see postgres.py
    postgres = redis = None
    done: set[str] = set()

    def emit_once(name, *args, **extra):
        done.add(name)
        emit(name, *args, **extra)

    try:
        postgres = start_postgres(pg_dir)
        redis = start_redis(tmp / "redis")
        with start_cluster(tmp / "cluster", postgres.new_database("instances_bench"), redis.url) as cluster:
            measure(emit_once, cluster, quick)
        if cluster.leftovers:
            print(json.dumps({"instances_leftover_pids": cluster.leftovers}), file=sys.stderr)
    except (StartError, PostgresStartError, RedisStartError) as err:
        _failed(emit, f"not measured: {str(err)[:1500]}", done)
    except (AssertionError, OSError, KeyError, ValueError) as err:  # the cluster started but did not answer
        _failed(emit, f"not measured: {type(err).__name__}: {str(err)[:1500]}", done)
    finally:
        if redis is not None:
            redis.stop()
        if postgres is not None:
            postgres.stop()
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(pg_dir, ignore_errors=True)
        print(json.dumps({"instances_section_seconds": round(time.perf_counter() - started, 1)}), file=sys.stderr)


if __name__ == "__main__":  # python -m benchmarks.instances_bench [--quick]: this section alone
    from .run import emit as _emit

    run(_emit, "--quick" in sys.argv[1:])
