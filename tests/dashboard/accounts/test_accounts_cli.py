"""`python -m dashboard.accounts`, run in-process on a database in tmp_path."""

from __future__ import annotations

import pytest

from dashboard.accounts.__main__ import main
from dashboard.accounts.service import Accounts
from datasets.store.db import make_engine


@pytest.fixture
def cli(database_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", database_url)

    def run(*argv: str) -> tuple[int, str, str]:
        status = main(list(argv))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


@pytest.fixture
def open_accounts(database_url):
    engines = []

    def make() -> Accounts:
        engines.append(make_engine(database_url))
        return Accounts(engines[-1])

    yield make
    for engine in engines:
        engine.dispose()


def test_add_prints_a_one_time_password_and_token_prints_the_token_last(cli, open_accounts):
    status, out, _ = cli("add", "Anna@Example.nl", "--role", "publisher")
    assert status == 0
    password = out.strip().splitlines()[-1]
    accounts = open_accounts()
    account = accounts.login("anna@example.nl", password, "127.0.0.1")
    assert account.role == "publisher" and account.must_change_password

    status, out, _ = cli("token", "anna@example.nl")
    assert status == 0
    token = out.strip().splitlines()[-1]
    assert token.startswith("dk_")
    assert accounts.account_for_token(token).email == "anna@example.nl"

    events = accounts.audit_events()
    assert [(event.actor, event.action, event.target) for event in events[::-1]] == [
        ("cli", "account_add", "anna@example.nl"), ("cli", "token_add", "anna@example.nl")]
    assert password not in repr(events) and token not in repr(events)


def test_reset_disable_unlock(cli, open_accounts):
    cli("add", "anna@example.nl", "--role", "editor")
    status, out, _ = cli("reset", "ANNA@example.nl")
    assert status == 0
    password = out.strip().splitlines()[-1]
    accounts = open_accounts()
    assert accounts.login("anna@example.nl", password, "127.0.0.1").must_change_password
    assert cli("unlock", "anna@example.nl")[0] == 0
    assert cli("disable", "anna@example.nl")[0] == 0
    assert accounts.get("anna@example.nl").disabled
    status, out, _ = cli("list")
    assert status == 0 and "anna@example.nl\teditor\tdisabled" in out


@pytest.mark.parametrize("argv, message", [
    (("token", "nobody@example.nl"), "no account 'nobody@example.nl'"),
    (("reset", "nobody@example.nl"), "no account"),
    (("disable", "nobody@example.nl"), "no account"),
    (("unlock", "nobody@example.nl"), "no account"),
    (("add", "bob@example.nl", "--role", "admin"), "unknown role 'admin'"),
    (("add", "not-an-email", "--role", "editor"), "not an email address"),
])
def test_refusals_are_one_line_errors_with_status_2(cli, argv, message):
    status, out, err = cli(*argv)
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
