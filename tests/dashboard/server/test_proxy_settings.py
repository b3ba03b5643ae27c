"""Forwarded headers are believed only from configured proxies: gunicorn's forwarded_allow_ips from
FORWARDED_ALLOW_IPS (default: loopback only), the app's ProxyFix from DEKKINGSKAART_TRUSTED_PROXIES."""

from __future__ import annotations

import runpy

from flask import jsonify, request

from dashboard.context import Settings
from dashboard.server.app import create_app
from geodata import PROJECT_ROOT
from tests.fixtures import small_data

GUNICORN_CONF = str(PROJECT_ROOT / "dashboard" / "gunicorn_conf.py")
FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "kaart.example.org"}


def test_gunicorn_trusts_forwarded_headers_only_from_the_configured_addresses(monkeypatch):
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    assert runpy.run_path(GUNICORN_CONF)["forwarded_allow_ips"] == "127.0.0.1"
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.5,10.0.0.6")
    assert runpy.run_path(GUNICORN_CONF)["forwarded_allow_ips"] == "10.0.0.5,10.0.0.6"


def test_the_settings_are_read_from_the_environment():
    assert Settings.from_env({}).trusted_proxies == 0
    assert Settings.from_env({"DEKKINGSKAART_TRUSTED_PROXIES": "2"}).trusted_proxies == 2
    assert Settings.from_env({}).proxy_addresses == ("127.0.0.1",)  # gunicorn's own default
    assert Settings.from_env({"FORWARDED_ALLOW_IPS": "10.0.0.5, 10.0.0.6"}).proxy_addresses == ("10.0.0.5", "10.0.0.6")


def seen_by_the_app(data, folder, trusted: int, client: str = "10.0.0.5") -> dict:
    """What a route sees of the client (address, scheme, host) when a request comes with forwarded headers
    from `client`; the proxy is 10.0.0.5."""
    server = create_app(small_data.context(folder, data=data, trusted_proxies=trusted,
                                           proxy_addresses=("10.0.0.5",))).server
    server.add_url_rule("/_seen", "seen", lambda: jsonify(addr=request.remote_addr, url=request.host_url))
    return server.test_client().get("/_seen", headers=FORWARDED, environ_base={"REMOTE_ADDR": client}).get_json()


def test_forwarded_headers_count_only_behind_trusted_proxies(data, tmp_path):
    assert seen_by_the_app(data, tmp_path / "none", 0) == {"addr": "10.0.0.5", "url": "http://localhost/"}
    assert seen_by_the_app(data, tmp_path / "one", 1) == {"addr": "203.0.113.9", "url": "https://kaart.example.org/"}


def test_forwarded_headers_from_anyone_but_the_proxy_are_ignored(data, tmp_path):
    """A client that reaches an instance directly cannot fake its address past the login throttle."""
    assert seen_by_the_app(data, tmp_path / "direct", 1, client="198.51.100.7") == \
        {"addr": "198.51.100.7", "url": "http://localhost/"}
