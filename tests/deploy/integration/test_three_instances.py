"""Three instances behind haproxy (deploy/haproxy.cfg as shipped), on a real PostgreSQL and Redis, on
loopback: snapshots, images and published versions are shared; killing an instance during load fails no
request; a restarted instance answers its first visitors. Fails, never skips, when a service cannot start.

The steps share one cluster (module scope) and run in this order; the last two kill and restart app2.
"""

from __future__ import annotations

import itertools
import random
import time

import pytest

from tests.deploy.integration.instances import (Answer, LoadRun, export_path, fan_out, first_requests, get,
                                                image_cache, load_calls, publish_change, request, script_paths,
                                                served_version, start_cluster, wait_all_serve)

LOAD_SECONDS = 30
KILL_AFTER = 10
PUBLISH_GOAL = 10  # seconds until every instance serves a published version
_widths = itertools.count(random.Random().randrange(400, 2000, 7))  # unique images, also against a reused Redis


@pytest.fixture(scope="module")
def cluster(postgres_server, redis_url, tmp_path_factory):
    database_url = postgres_server.new_database(f"three_instances_{random.randrange(10**6)}")
    with start_cluster(tmp_path_factory.mktemp("three-instances"), database_url, redis_url) as running:
        yield running


def bases(cluster) -> list[str]:
    return [instance.base for instance in cluster.instances]


def test_snapshot_made_through_one_instance_is_served_by_all(cluster):
    one, *others = cluster.instances
    made = request(one.base, "POST", "/snapshot?niveau=zorgregio&indicator=zorgcoordinator&jaar=2024", timeout=120)
    assert made.status == 201, (made.status, made.body[:500], one.log_text())
    snapshot = made.json()
    assert snapshot["url"].startswith(cluster.base), snapshot  # the public URL: haproxy's address
    first_png = get(one.base, snapshot["image"]).body
    for base in [instance.base for instance in others] + [cluster.base]:
        page, image = get(base, snapshot["page"]), get(base, snapshot["image"])
        assert page.status == 200 and b"<html" in page.body.lower(), (base, page.status, page.body[:300])
        assert image.status == 200 and image.body.startswith(b"\x89PNG"), (base, image.status, image.body[:100])
        assert image.body == first_png, base
    # the same view again, through another instance: the same snapshot (content-addressed)
    again = request(others[0].base, "POST", "/snapshot?niveau=zorgregio&indicator=zorgcoordinator&jaar=2024")
    assert again.status == 201 and again.json()["id"] == snapshot["id"], again.body[:300]


def test_an_image_rendered_once_is_a_cache_hit_on_every_instance(cluster):
    # one after another: rendered by app1, a hit on app2, app3 and through haproxy
    path = export_path(next(_widths))
    first = get(cluster.instances[0].base, path, timeout=120)
    assert first.status == 200 and first.body.startswith(b"\x89PNG"), (first.status, first.body[:300])
    assert image_cache(first) == "miss", f"X-Image-Cache of the first render: {first.headers}"
    for base in bases(cluster)[1:] + [cluster.base]:
        again = get(base, path)
        assert again.status == 200 and again.body == first.body, base
        assert image_cache(again) == "hit", (base, again.headers)

    # all at once (a stampede): two requests per instance and two through haproxy, one render in all
    path = export_path(next(_widths), indicator="beleid")
    answers = fan_out([(base, path) for base in bases(cluster) + [cluster.base] for _ in range(2)])
    statuses = [a.status if isinstance(a, Answer) else repr(a) for _, _, a in answers]
    assert statuses == [200] * len(answers), statuses
    assert len({a.body for _, _, a in answers}) == 1
    caches = [image_cache(a) for _, _, a in answers]
    assert caches.count("miss") == 1 and caches.count("hit") == len(answers) - 1, caches


def test_a_version_published_through_one_instance_is_served_by_all_within_10_s(cluster):
    before = {served_version(base) for base in bases(cluster)}
    assert len(before) == 1 and None not in before, before
    version, answered = publish_change(cluster.instances[0].port, cluster.database_url, "geen")
    assert version not in before
    wait_all_serve(bases(cluster) + [cluster.base], version, timeout=PUBLISH_GOAL + 5)
    seconds = time.monotonic() - answered
    assert seconds <= PUBLISH_GOAL, f"served by all after {seconds:.1f} s"


def test_killing_an_instance_during_load_fails_no_request(cluster):
    app2 = cluster.instances[1]
    load = LoadRun(cluster.base, load_calls(cluster.base), threads=8, seconds=LOAD_SECONDS)
    served_before = cluster.haproxy.counter("app2", "stot")
    load.run(at=(KILL_AFTER, app2.kill))
    assert cluster.haproxy.counter("app2", "stot") > served_before + 20, "app2 took no share of the load"
    assert app2.proc.poll() is not None, "app2 still runs after SIGKILL"
    assert load.total > 200 and len(load.counts) == len(load_calls(cluster.base)), load.counts
    assert load.failures == [], (f"{len(load.failures)} of {load.total} requests failed "
                                 f"(seconds into the run, kind, answer): {load.failures[:10]}")
    cluster.haproxy.wait_states({"app2": "DOWN"}, timeout=5)  # the health check took it out


def test_a_restarted_instance_answers_its_first_requests(cluster):
    app1, app2 = cluster.instances[0], cluster.instances[1]
    app2.kill()  # already dead after the load test; this test also stands alone
    paths = script_paths(get(app1.base, "/").body)
    assert len(paths) >= 4, paths
    app2.start()  # a fresh gunicorn on the same port, same settings
    app2.wait_listening()
    answers = first_requests(app2.base, paths)  # straight at it, before anything warmed a worker
    failed = [answer for answer in answers if answer[1] != 200]
    assert len(answers) >= 20 and failed == [], f"{len(failed)} of {len(answers)} failed: {failed[:5]}\n" + \
        app2.log_text()[-2000:]
    # back in the pool, serving the published version with everyone else
    cluster.haproxy.wait_states({"app2": "UP"}, timeout=15)
    wait_all_serve(bases(cluster), served_version(app1.base), timeout=15)
