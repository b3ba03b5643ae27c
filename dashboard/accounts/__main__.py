"""Manage workspace accounts from the command line (the only way to create one).

    python -m dashboard.accounts add EMAIL --role editor|publisher   # prints a one-time password
    python -m dashboard.accounts reset EMAIL                         # prints a new one-time password
    python -m dashboard.accounts token EMAIL                         # prints a new API token (last line)
    python -m dashboard.accounts revoke-tokens EMAIL
    python -m dashboard.accounts disable EMAIL | enable EMAIL | unlock EMAIL
    python -m dashboard.accounts list

The database is DATABASE_URL (default: the embedded SQLite file). Passwords and tokens are printed
once on stdout and never logged or audited. Every change is audited with actor "cli".
Exit status: 0 done, 2 refused (unknown account, bad role or email, account exists).
"""

from __future__ import annotations

import argparse
import getpass
import os
import socket
import sys

from datasets.store.db import DEFAULT_DATABASE_URL, make_engine, migrate, migration_lock

from .service import ROLES, AccountError, Accounts, normalize_email


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard.accounts",
                                     description="Manage the accounts of the /beheer workspace and API.")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="create an account; prints its one-time password")
    add.add_argument("email")
    add.add_argument("--role", required=True, help=" | ".join(ROLES))
    for name, text in (("reset", "new one-time password; ends the account's sessions"),
                       ("token", "new API token (printed once, as the last line)"),
                       ("revoke-tokens", "revoke every API token of the account"),
                       ("disable", "no more logins, sessions or API calls"),
                       ("enable", "undo disable"),
                       ("unlock", "lift the lock after too many failed logins")):
        commands.add_parser(name, help=text).add_argument("email")
    commands.add_parser("list", help="every account with its role and state")
    return parser


def _open() -> Accounts:
    engine = make_engine(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    with migration_lock(engine):
        migrate(engine)
    return Accounts(engine)


def _who() -> str:
    """Where a command ran, for the audit log's address field (no secrets)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"{user}@{socket.gethostname()}"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    accounts = _open()
    try:
        return _run(accounts, args)
    except AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        accounts.engine.dispose()


def _run(accounts: Accounts, args) -> int:
    where = _who()
    command = args.command
    if command == "list":
        for account in accounts.list_accounts():
            states = [name for name in ("disabled", "locked", "must_change_password") if getattr(account, name)]
            print(f"{account.email}\t{account.role}\t{','.join(states) or 'active'}")
        return 0
    email = normalize_email(args.email)
    if command == "add":
        password = accounts.add(email, args.role)
        accounts.audit("cli", "account_add", target=email, address=where, detail=args.role)
        print(f"account {email} added as {args.role}; one-time password "
              "(must be changed at the first login):")
        print(password)
    elif command == "reset":
        password = accounts.reset(email)
        accounts.audit("cli", "account_reset", target=email, address=where)
        print(f"new one-time password for {email} (its sessions have ended):")
        print(password)
    elif command == "token":
        token = accounts.token(email)
        accounts.audit("cli", "token_add", target=email, address=where)
        print(f"API token for {email} (shown once; only its hash is stored):")
        print(token)
    elif command == "revoke-tokens":
        count = accounts.revoke_tokens(email)
        accounts.audit("cli", "token_revoke", target=email, address=where, detail=str(count))
        print(f"{count} token(s) revoked")
    elif command == "disable":
        accounts.disable(email)
        accounts.audit("cli", "account_disable", target=email, address=where)
        print(f"account {email} disabled; its sessions and tokens have ended")
    elif command == "enable":
        accounts.enable(email)
        accounts.audit("cli", "account_enable", target=email, address=where)
        print(f"account {email} enabled")
    elif command == "unlock":
        accounts.unlock(email)
        accounts.audit("cli", "account_unlock", target=email, address=where)
        print(f"account {email} unlocked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
