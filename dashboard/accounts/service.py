"""Accounts, passwords, API tokens, login throttling and the audit log, on the tables of
`datasets.store.db` (no Flask here: the web layer and the command line both use `Accounts`).

* Passwords are hashed with argon2id; a new or reset account gets a one-time password it must change
  at its first login. Emails are case-insensitive (stored lowercased).
* API tokens (`dk_…`) are shown once; only their sha256 is stored.
* Login throttling, on the `login_attempts` rows (every attempt is recorded):
  - per account: the `max_failures_per_account`-th failure since the last success within the window
    locks the account until `unlock` (or `reset`);
  - per address: after `max_failures_per_address` failures within the window, every attempt from that
    address is refused, even with the right password, until the window has passed. Refused attempts
    are recorded as failures too, so an address that keeps trying stays refused.
  - an unknown account costs as much time as a known one (a dummy hash is verified) and answers the
    same way, so the login form does not tell which accounts exist.
* `session_generation` is part of a session's user id: reset, disable and a password change bump it,
  which ends every open session of that account.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.engine import Engine

from datasets.store.audit import record_audit
from datasets.store.db import accounts as accounts_table
from datasets.store.db import api_tokens, audit_log, login_attempts

log = logging.getLogger(__name__)

ROLES = ("editor", "publisher")
#: a role includes every role of a lower rank (a publisher may do what an editor may)
ROLE_RANK = {"editor": 1, "publisher": 2}
TOKEN_PREFIX = "dk_"
MIN_PASSWORD_LENGTH = 12
#: argon2 hashes whatever it gets: an upper bound keeps a huge form field from costing much
MAX_PASSWORD_LENGTH = 1024
_EMAIL = re.compile(r"^[^@\s|]+@[^@\s|]+$")
_PRUNE_EVERY_SECONDS = 3600
#: login attempts are only needed for throttling; they are kept a day (the audit log keeps logins)
_ATTEMPTS_KEPT = timedelta(days=1)


class AccountError(ValueError):
    """A command about an account cannot be done; `str()` is a one-line message without secrets."""


class UnknownAccount(AccountError, LookupError):
    def __init__(self, email: str):
        super().__init__(f"no account {email!r}")


class AccountExists(AccountError):
    def __init__(self, email: str):
        super().__init__(f"an account {email!r} already exists")


class InvalidRole(AccountError):
    def __init__(self, role: str):
        super().__init__(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")


class InvalidEmail(AccountError):
    def __init__(self, email: str):
        super().__init__(f"not an email address: {email!r}")


class PasswordRejected(AccountError):
    """A new password is refused; `reason_key` is an i18n key (password_too_short, …)."""

    def __init__(self, reason_key: str):
        super().__init__(reason_key)
        self.reason_key = reason_key


class LoginRefused(Exception):
    """A login is refused; `reason_key` is an i18n key, `values` fill its placeholders."""

    def __init__(self, reason_key: str, **values):
        super().__init__(reason_key)
        self.reason_key = reason_key
        self.values = values


@dataclass(frozen=True)
class Account:
    """One account as a session or API call sees it; also Flask-Login's user object."""

    email: str
    role: str
    must_change_password: bool
    disabled: bool
    locked: bool
    session_generation: int

    # Flask-Login's user interface
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return not self.disabled

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """The session's user id: a reset, disable or password change bumps the generation and so
        ends the sessions that carry the old one."""
        return f"{self.email}|{self.session_generation}"

    @property
    def can_publish(self) -> bool:
        return self.role == "publisher"

    def has_role(self, role: str) -> bool:
        return ROLE_RANK.get(self.role, 0) >= ROLE_RANK[role]


@dataclass(frozen=True)
class AuditEvent:
    at: datetime
    actor: str
    action: str
    target: str
    address: str
    detail: str


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _utc() -> datetime:
    return datetime.now(timezone.utc)


def _aware(value: datetime) -> datetime:
    """SQLite gives naive datetimes back; every stored time is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


class Accounts:
    """All account operations on one database engine."""

    def __init__(self, engine: Engine, audit_days: int = 365, max_failures_per_account: int = 5,
                 max_failures_per_address: int = 20, window_minutes: int = 15, *,
                 hasher: PasswordHasher | None = None, clock: Callable[[], datetime] = _utc):
        self.engine = engine
        self.audit_days = audit_days
        self.max_failures_per_account = max_failures_per_account
        self.max_failures_per_address = max_failures_per_address
        self.window_minutes = window_minutes
        self.window = timedelta(minutes=window_minutes)
        self._hasher = hasher or PasswordHasher()
        self._clock = clock
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))
        self._last_prune: float | None = None

    # ---- reading ---------------------------------------------------------------------------------

    def get(self, email: str) -> Account | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(accounts_table).where(
                accounts_table.c.email == normalize_email(email))).mappings().first()
        return _account(row) if row else None

    def list_accounts(self) -> list[Account]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(accounts_table).order_by(accounts_table.c.email)).mappings()
            return [_account(row) for row in rows]

    def account_for_token(self, token: str | None) -> Account | None:
        """The account an API token belongs to; None for an unknown, revoked or disabled one."""
        if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        with self.engine.connect() as connection:
            row = connection.execute(
                select(accounts_table).join(api_tokens, api_tokens.c.email == accounts_table.c.email)
                .where(api_tokens.c.token_hash == token_hash(token), api_tokens.c.revoked.is_(False))
            ).mappings().first()
        if row is None or row["disabled"]:
            return None
        return _account(row)

    # ---- administration (the command line) -------------------------------------------------------

    def add(self, email: str, role: str) -> str:
        """A new account; returns its one-time password (to be changed at the first login)."""
        email = normalize_email(email)
        if len(email) > 254 or not _EMAIL.match(email):
            raise InvalidEmail(email)
        if role not in ROLES:
            raise InvalidRole(role)
        password = _one_time_password()
        with self.engine.begin() as connection:
            if connection.execute(select(accounts_table.c.email).where(
                    accounts_table.c.email == email)).first():
                raise AccountExists(email)
            connection.execute(insert(accounts_table).values(
                email=email, role=role, password_hash=self._hasher.hash(password), must_change_password=True,
                disabled=False, locked=False, created_at=self._clock(), session_generation=0))
        return password

    def reset(self, email: str) -> str:
        """A new one-time password; ends the account's sessions and lifts a lock (not a disable)."""
        password = _one_time_password()
        self._update(email, password_hash=self._hasher.hash(password), must_change_password=True,
                     locked=False, session_generation=accounts_table.c.session_generation + 1)
        self._forget_failures(email)
        return password

    def disable(self, email: str) -> None:
        """No more logins, sessions or API calls for this account; its tokens are revoked."""
        email = normalize_email(email)
        self._update(email, disabled=True, session_generation=accounts_table.c.session_generation + 1)
        with self.engine.begin() as connection:
            connection.execute(update(api_tokens).where(api_tokens.c.email == email).values(revoked=True))

    def enable(self, email: str) -> None:
        """Undo `disable` (the revoked tokens stay revoked)."""
        self._update(email, disabled=False)

    def unlock(self, email: str) -> None:
        """Lift a lock after too many failed logins (and forget those failures)."""
        self._update(email, locked=False)
        self._forget_failures(email)

    def token(self, email: str) -> str:
        """A new API token for the account, usable at once; shown once, only its sha256 is stored."""
        email = normalize_email(email)
        if self.get(email) is None:
            raise UnknownAccount(email)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.engine.begin() as connection:
            connection.execute(insert(api_tokens).values(
                token_hash=token_hash(token), email=email, created_at=self._clock(), revoked=False))
        return token

    def revoke_tokens(self, email: str) -> int:
        """Revoke every API token of the account; returns how many were still valid."""
        email = normalize_email(email)
        if self.get(email) is None:
            raise UnknownAccount(email)
        with self.engine.begin() as connection:
            return connection.execute(update(api_tokens).where(
                api_tokens.c.email == email, api_tokens.c.revoked.is_(False)).values(revoked=True)).rowcount

    # ---- login and password ----------------------------------------------------------------------

    def login(self, email: str, password: str, address: str) -> Account:
        """The account, if `password` is right and nothing refuses the login; otherwise LoginRefused
        with reason login_failed | login_locked | login_disabled | login_throttled."""
        email = normalize_email(email)[:254]
        address = (address or "unknown")[:64]
        password = password or ""
        if self._address_failures(address) >= self.max_failures_per_address:
            self._record(email, address, ok=False)
            raise LoginRefused("login_throttled", minutes=self.window_minutes)
        with self.engine.connect() as connection:
            row = connection.execute(select(accounts_table).where(
                accounts_table.c.email == email)).mappings().first()
        if row is None or row["locked"] or not row["password_hash"] or len(password) > MAX_PASSWORD_LENGTH:
            self._verify(self._dummy_hash, password)  # the same time as a real check
            self._record(email, address, ok=False)
            locked = (row is not None and row["locked"]) or (
                self._account_failures(email) >= self.max_failures_per_account)
            raise LoginRefused("login_locked" if locked else "login_failed")
        if not self._verify(row["password_hash"], password):
            self._record(email, address, ok=False)
            if self._account_failures(email) >= self.max_failures_per_account:
                self._update(email, locked=True)
                log.warning("account locked after %d failed logins", self.max_failures_per_account)
                raise LoginRefused("login_locked")
            raise LoginRefused("login_failed")
        if row["disabled"]:
            self._record(email, address, ok=False)
            raise LoginRefused("login_disabled")
        self._record(email, address, ok=True)
        if self._hasher.check_needs_rehash(row["password_hash"]):
            self._update(email, password_hash=self._hasher.hash(password))
        return _account(row)

    def change_password(self, email: str, old: str, new: str) -> Account:
        """Set a new password (at least 12 characters, not the old one); clears must_change_password
        and ends the account's other sessions. Returns the account with its new session generation."""
        email = normalize_email(email)
        with self.engine.connect() as connection:
            row = connection.execute(select(accounts_table).where(
                accounts_table.c.email == email)).mappings().first()
        if row is None:
            raise UnknownAccount(email)
        if row["disabled"]:
            raise PasswordRejected("login_disabled")
        if len(old or "") > MAX_PASSWORD_LENGTH or not row["password_hash"] or not self._verify(
                row["password_hash"], old or ""):
            raise PasswordRejected("password_wrong_old")
        new = new or ""
        if len(new) < MIN_PASSWORD_LENGTH:
            raise PasswordRejected("password_too_short")
        if len(new) > MAX_PASSWORD_LENGTH:
            raise PasswordRejected("password_too_long")
        if new == old:
            raise PasswordRejected("password_same")
        self._update(email, password_hash=self._hasher.hash(new), must_change_password=False,
                     session_generation=accounts_table.c.session_generation + 1)
        return self.get(email)

    # ---- audit log -------------------------------------------------------------------------------

    def audit(self, actor: str, action: str, target: str = "", address: str = "", detail: str = "") -> None:
        """Record one event. Never pass a password or token in any field."""
        record_audit(self.engine, actor, action, target, address, detail, at=self._clock())
        if self._last_prune is None or time.monotonic() - self._last_prune >= _PRUNE_EVERY_SECONDS:
            self.prune_audit()

    def audit_events(self, limit: int = 100) -> list[AuditEvent]:
        """The newest events first."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(audit_log).order_by(
                audit_log.c.at.desc(), audit_log.c.id.desc()).limit(limit)).mappings()
            return [AuditEvent(at=_aware(row["at"]), actor=row["actor"], action=row["action"],
                               target=row["target"], address=row["address"], detail=row["detail"])
                    for row in rows]

    def prune_audit(self) -> int:
        """Remove audit events older than `audit_days` (and login attempts older than a day);
        returns how many audit events went."""
        self._last_prune = time.monotonic()
        now = self._clock()
        with self.engine.begin() as connection:
            removed = connection.execute(delete(audit_log).where(
                audit_log.c.at < now - timedelta(days=self.audit_days))).rowcount
            connection.execute(delete(login_attempts).where(
                login_attempts.c.at < now - max(_ATTEMPTS_KEPT, self.window)))
        return removed

    # ---- internals -------------------------------------------------------------------------------

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def _update(self, email: str, **values) -> None:
        email = normalize_email(email)
        with self.engine.begin() as connection:
            if connection.execute(update(accounts_table).where(
                    accounts_table.c.email == email).values(**values)).rowcount == 0:
                raise UnknownAccount(email)

    def _record(self, email: str, address: str, ok: bool) -> None:
        with self.engine.begin() as connection:
            connection.execute(insert(login_attempts).values(email=email, address=address, at=self._clock(), ok=ok))

    def _address_failures(self, address: str) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(login_attempts).where(
                login_attempts.c.address == address, login_attempts.c.ok.is_(False),
                login_attempts.c.at >= self._clock() - self.window)).scalar_one()

    def _account_failures(self, email: str) -> int:
        """Failures within the window since the account's last successful login."""
        last_ok = (select(func.coalesce(func.max(login_attempts.c.id), 0))
                   .where(login_attempts.c.email == email, login_attempts.c.ok.is_(True)).scalar_subquery())
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(login_attempts).where(and_(
                login_attempts.c.email == email, login_attempts.c.ok.is_(False),
                login_attempts.c.at >= self._clock() - self.window, login_attempts.c.id > last_ok))).scalar_one()

    def _forget_failures(self, email: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(login_attempts).where(
                login_attempts.c.email == normalize_email(email), login_attempts.c.ok.is_(False)))


def _account(row) -> Account:
    return Account(email=row["email"], role=row["role"], must_change_password=bool(row["must_change_password"]),
                   disabled=bool(row["disabled"]), locked=bool(row["locked"]),
                   session_generation=int(row["session_generation"]))


def _one_time_password() -> str:
    return secrets.token_urlsafe(15)  # 20 characters, 120 bits
