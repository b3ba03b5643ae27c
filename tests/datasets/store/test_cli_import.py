"""`python -m datasets import PATH` makes a draft and writes who did it to the audit log of the same
database, as an upload in the workspace does."""

from __future__ import annotations

import datasets.store
from datasets.__main__ import main
from tests.datasets.store.store_cases import coordinator_update
from tests.fixtures import small_data


def test_import_makes_a_draft_and_an_audit_event(tmp_path, monkeypatch, capsys):
    from dashboard.accounts.service import Accounts

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    store = small_data.open_store(url)  # the fixture's first version (its own reference gemeenten)
    monkeypatch.setenv("DATABASE_URL", url)
    opened = []
    monkeypatch.setattr(datasets.store, "open_store", lambda database_url: opened.append(database_url) or store)
    folder = tmp_path / "levering"
    folder.mkdir()
    table = coordinator_update(store, year="2020")["coordinator_status"]
    (folder / "coordinator_status.csv").write_text(
        ",".join(table.header) + "\n" + "".join(",".join(row.get(h, "") for h in table.header) + "\n"
                                              for _, row in table.rows), encoding="utf-8")

    assert main(["import", str(folder), "--author", "beheerder@example.org", "--note", "levering"]) == 0
    assert opened == [url]
    draft_id = capsys.readouterr().out.strip().splitlines()[-1]
    draft = store.version(draft_id)
    assert draft.state == "draft" and draft.author == "beheerder@example.org"

    event, = [e for e in Accounts(store.engine).audit_events() if e.action == "upload"]
    assert (event.actor, event.target, event.detail) == ("beheerder@example.org", draft_id, str(folder))
