"""`Accounts`: hashing, one-time passwords, throttling, tokens, disabling and the audit log."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from dashboard.accounts.service import (AccountExists, Accounts, InvalidEmail, InvalidRole, LoginRefused,
                                        PasswordRejected, UnknownAccount)
from datasets.store.db import accounts as accounts_table
from datasets.store.db import api_tokens, audit_log, login_attempts

NEW_PASSWORD = "a-long-enough-password"


def all_text(engine, table) -> str:
    with engine.connect() as connection:
        return repr([tuple(row) for row in connection.execute(select(table))])


def refused(accounts, email, password, address="10.0.0.1") -> str:
    with pytest.raises(LoginRefused) as caught:
        accounts.login(email, password, address)
    return caught.value.reason_key


def test_passwords_are_stored_as_argon2_hashes_only(accounts, engine):
    password = accounts.add("Anna@Example.NL", "editor")
    assert len(password) >= 12
    stored = all_text(engine, accounts_table)
    assert password not in stored
    with engine.connect() as connection:
        row = connection.execute(select(accounts_table)).mappings().one()
    assert row["email"] == "anna@example.nl"
    assert row["password_hash"].startswith("$argon2id$")
    account = accounts.login("ANNA@example.nl", password, "10.0.0.1")  # emails are case-insensitive
    assert account.email == "anna@example.nl" and account.role == "editor"


def test_a_one_time_password_must_be_changed(accounts):
    password = accounts.add("anna@example.nl", "editor")
    account = accounts.login("anna@example.nl", password, "10.0.0.1")
    assert account.must_change_password
    with pytest.raises(PasswordRejected) as caught:
        accounts.change_password("anna@example.nl", "not the password", NEW_PASSWORD)
    assert caught.value.reason_key == "password_wrong_old"
    with pytest.raises(PasswordRejected) as caught:
        accounts.change_password("anna@example.nl", password, "short")
    assert caught.value.reason_key == "password_too_short"
    with pytest.raises(PasswordRejected) as caught:
        accounts.change_password("anna@example.nl", password, password)
    assert caught.value.reason_key == "password_same"

    changed = accounts.change_password("anna@example.nl", password, NEW_PASSWORD)
    assert not changed.must_change_password
    assert changed.session_generation == account.session_generation + 1
    assert refused(accounts, "anna@example.nl", password) == "login_failed"
    assert not accounts.login("anna@example.nl", NEW_PASSWORD, "10.0.0.1").must_change_password


def test_the_account_locks_after_n_failures_until_unlocked(accounts):
    password = accounts.add("anna@example.nl", "editor")
    for _ in range(4):
        assert refused(accounts, "anna@example.nl", "wrong") == "login_failed"
    assert not accounts.get("anna@example.nl").locked
    assert refused(accounts, "anna@example.nl", "wrong") == "login_locked"
    assert accounts.get("anna@example.nl").locked
    # locked: even the right password is refused, also after the window
    assert refused(accounts, "anna@example.nl", password, address="10.0.0.2") == "login_locked"
    accounts._clock.advance(hours=2)
    assert refused(accounts, "anna@example.nl", password, address="10.0.0.2") == "login_locked"
    accounts.unlock("anna@example.nl")
    assert accounts.login("anna@example.nl", password, "10.0.0.1").email == "anna@example.nl"
    # the unlock forgot the old failures: one new failure does not lock again
    assert refused(accounts, "anna@example.nl", "wrong") == "login_failed"
    assert not accounts.get("anna@example.nl").locked


def test_a_success_resets_the_account_count_and_old_failures_leave_the_window(accounts, clock):
    password = accounts.add("anna@example.nl", "editor")
    for _ in range(4):
        refused(accounts, "anna@example.nl", "wrong")
    accounts.login("anna@example.nl", password, "10.0.0.1")
    for _ in range(4):
        refused(accounts, "anna@example.nl", "wrong")
    clock.advance(minutes=16)
    for _ in range(4):
        refused(accounts, "anna@example.nl", "wrong")
    assert not accounts.get("anna@example.nl").locked


def test_an_address_with_too_many_failures_is_refused_for_the_window(accounts, clock):
    password = accounts.add("anna@example.nl", "editor")
    for number in range(8):  # spread over accounts, so none of them locks
        assert refused(accounts, f"guess{number}@example.nl", "wrong", address="10.6.6.6") == "login_failed"
    assert refused(accounts, "anna@example.nl", password, address="10.6.6.6") == "login_throttled"
    assert accounts.login("anna@example.nl", password, "10.0.0.9").email == "anna@example.nl"
    clock.advance(minutes=16)
    assert accounts.login("anna@example.nl", password, "10.6.6.6").email == "anna@example.nl"
    with accounts.engine.connect() as connection:
        attempts = connection.execute(select(login_attempts.c.address, login_attempts.c.ok)).all()
    assert len(attempts) == 11  # every attempt is recorded, the refused one as a failure
    assert attempts.count(("10.6.6.6", False)) == 9


def test_an_unknown_account_costs_a_hash_check_and_answers_like_a_wrong_password(accounts, hasher):
    accounts.add("anna@example.nl", "editor")
    before = hasher.verified
    assert refused(accounts, "nobody@example.nl", "whatever") == "login_failed"
    assert hasher.verified == before + 1
    assert refused(accounts, "anna@example.nl", "whatever") == "login_failed"
    assert hasher.verified == before + 2


def test_a_token_is_usable_at_once_and_only_its_hash_is_stored(accounts, engine):
    accounts.add("api@example.nl", "publisher")
    token = accounts.token("API@example.nl")
    assert token.startswith("dk_") and len(token) > 40
    account = accounts.account_for_token(token)
    assert account.email == "api@example.nl" and account.can_publish
    assert token not in all_text(engine, api_tokens)
    with engine.connect() as connection:
        assert connection.execute(select(api_tokens.c.token_hash)).scalar_one() == \
            hashlib.sha256(token.encode()).hexdigest()
    assert accounts.account_for_token(token + "x") is None
    assert accounts.account_for_token("") is None
    assert accounts.account_for_token(None) is None
    assert accounts.revoke_tokens("api@example.nl") == 1
    assert accounts.account_for_token(token) is None


def test_a_disabled_account_is_refused_everywhere(accounts):
    password = accounts.add("anna@example.nl", "editor")
    token = accounts.token("anna@example.nl")
    generation = accounts.get("anna@example.nl").session_generation
    accounts.disable("anna@example.nl")
    disabled = accounts.get("anna@example.nl")
    assert disabled.disabled and not disabled.is_active
    assert disabled.session_generation == generation + 1
    assert refused(accounts, "anna@example.nl", password) == "login_disabled"
    assert refused(accounts, "anna@example.nl", "wrong") == "login_failed"
    assert accounts.account_for_token(token) is None
    accounts.enable("anna@example.nl")
    assert accounts.login("anna@example.nl", password, "10.0.0.1").is_active
    assert accounts.account_for_token(token) is None  # revoked tokens stay revoked


def test_reset_gives_a_new_one_time_password_ends_sessions_and_unlocks(accounts):
    password = accounts.add("anna@example.nl", "editor")
    accounts.change_password("anna@example.nl", password, NEW_PASSWORD)
    for _ in range(5):
        refused(accounts, "anna@example.nl", "wrong")
    before = accounts.get("anna@example.nl")
    assert before.locked
    one_time = accounts.reset("anna@example.nl")
    after = accounts.get("anna@example.nl")
    assert after.must_change_password and not after.locked
    assert after.get_id() != before.get_id()
    assert refused(accounts, "anna@example.nl", NEW_PASSWORD) == "login_failed"
    assert accounts.login("anna@example.nl", one_time, "10.0.0.1").must_change_password


def test_bad_input_is_refused_with_a_clear_error(accounts):
    accounts.add("anna@example.nl", "editor")
    with pytest.raises(InvalidRole):
        accounts.add("bob@example.nl", "admin")
    with pytest.raises(InvalidEmail):
        accounts.add("not an email", "editor")
    with pytest.raises(AccountExists):
        accounts.add("ANNA@example.nl", "publisher")
    for action in (accounts.reset, accounts.disable, accounts.unlock, accounts.token):
        with pytest.raises(UnknownAccount):
            action("nobody@example.nl")
    assert accounts.get("nobody@example.nl") is None


def test_the_account_is_a_flask_login_user(accounts):
    accounts.add("pub@example.nl", "publisher")
    account = accounts.get("pub@example.nl")
    assert account.is_authenticated and account.is_active and not account.is_anonymous
    assert account.get_id() == "pub@example.nl|0"
    assert account.can_publish and account.has_role("editor") and account.has_role("publisher")
    accounts.add("ed@example.nl", "editor")
    editor = accounts.get("ed@example.nl")
    assert not editor.can_publish and not editor.has_role("publisher")


def test_the_audit_log_keeps_events_for_audit_days(engine, clock, hasher):
    accounts = Accounts(engine, audit_days=30, hasher=hasher, clock=clock)
    accounts.audit("cli", "account_add", target="anna@example.nl", address="host", detail="editor")
    clock.advance(days=31)
    accounts.audit("anna@example.nl", "login", address="10.0.0.1")  # pruned on the first audit only
    assert [event.action for event in accounts.audit_events()] == ["login", "account_add"]
    assert accounts.prune_audit() == 1
    events = accounts.audit_events()
    assert [(event.actor, event.action, event.address) for event in events] == [
        ("anna@example.nl", "login", "10.0.0.1")]
    assert events[0].at == clock.now
    with engine.connect() as connection:
        assert len(connection.execute(select(audit_log)).all()) == 1


def test_audit_prunes_at_most_hourly(engine, clock, hasher, monkeypatch):
    accounts = Accounts(engine, audit_days=1, hasher=hasher, clock=clock)
    accounts.audit("cli", "first")
    clock.advance(days=2)
    accounts.audit("cli", "second")  # within the hour: no prune
    assert len(accounts.audit_events()) == 2
    monkeypatch.setattr(accounts, "_last_prune", accounts._last_prune - timedelta(hours=2).total_seconds())
    accounts.audit("cli", "third")
    assert [event.action for event in accounts.audit_events()] == ["third", "second"]
