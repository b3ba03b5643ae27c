"""What data holders do, once, for both the /beheer pages and the /api/v1 routes: make a draft from an
upload, see what it changes, publish it, restore an old version. Every step is validated, attributed
and written to the audit log; the store decides conflicts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from datasets.delivery import read_upload
from datasets.model import CoverageModel
from datasets.problems import DatasetError, Problem
from datasets.store import VersionInfo

from .changes import format_change, state_changes, table_changes
from .context import AppContext

log = logging.getLogger(__name__)

#: lines a change list shows before "… and N more" (the API answers with all of them)
MAX_LISTED_CHANGES = 500


@dataclass(frozen=True)
class DraftOutcome:
    version: VersionInfo | None
    problems: list[Problem]


def problem_json(problem: Problem) -> dict:
    return {"file": problem.file, "row": problem.row, "column": problem.column, "value": problem.value,
            "problem": problem.message}


def make_draft(context: AppContext, filename: str, data: bytes, author: str, address: str = "",
               note: str = "") -> DraftOutcome:
    """Validate an upload laid over the published version; store a draft only when all of it is valid."""
    tables, problems = read_upload(filename, data)
    if problems:
        context.accounts.audit(author, "upload_refused", filename, address, f"{len(problems)} problem(s)")
        return DraftOutcome(None, problems)
    result = context.store.create_draft(tables, author=author, note=note)
    if result.version is None:
        context.accounts.audit(author, "upload_refused", filename, address, f"{len(result.problems)} problem(s)")
        return DraftOutcome(None, result.problems)
    context.accounts.audit(author, "upload", result.version.id, address, filename)
    return DraftOutcome(result.version, [])


def model_of(context: AppContext, version_id: str) -> CoverageModel:
    """The coverage model of any stored version (immutable, so the store keeps a few built)."""
    return context.store.model(version_id)


def changes_between(context: AppContext, old_id: str | None, new_id: str,
                    languages: tuple[str, ...] = ("nl", "en")) -> dict:
    """What a version changes against another (None: against nothing): per table the rows added, removed
    and changed, and a readable line per changed state in each language."""
    new = model_of(context, new_id)
    old = model_of(context, old_id) if old_id else None
    changes = state_changes(old, new)
    return {"against": old_id, "tables": table_changes(old.tables if old else {}, new.tables),
            "state_count": len(changes),
            "states": {lang: [format_change(change, new, lang) for change in changes] for lang in languages}}


def draft_changes(context: AppContext, draft_id: str, languages: tuple[str, ...] = ("nl", "en")) -> dict:
    """A draft against what is published NOW (after a conflict this is the fresh preview)."""
    return changes_between(context, context.store.head_id(), draft_id, languages)


def publish(context: AppContext, draft_id: str, actor: str, note: str | None = None,
            address: str = "") -> VersionInfo:
    """Publish a draft (raises Conflict when another version was published since it was made)."""
    draft = context.store.version(draft_id)
    summary = changes_between(context, draft.parent_id, draft_id) if draft.state == "draft" else None
    version = context.store.publish(draft_id, actor, note=note, changes=_stored(summary),
                                    four_eyes=context.settings.four_eyes)
    context.accounts.audit(actor, "publish", version.id, address, note or "")
    return version


def restore(context: AppContext, version_id: str, actor: str, note: str = "", address: str = "") -> VersionInfo:
    """Publish an old version's content as a new version."""
    head = context.store.head_id()
    # the restored content is the old version's: what it changes is known before anything is written,
    # and is stored with the new version in the restore's one transaction (Conflict if the head moved)
    try:
        summary = changes_between(context, head, version_id)
    except DatasetError:  # content today's schema refuses: the store refuses the restore below, saying why
        summary = None
    version = context.store.restore(version_id, actor, note=note, changes=_stored(summary), expected_head=head)
    context.accounts.audit(actor, "restore", version.id, address, f"from {version_id}")
    return version


def _stored(summary: dict | None) -> dict:
    """What the changelog keeps of a change summary: table counts and the first lines per language."""
    if summary is None:
        return {}
    return {**summary, "states": {lang: lines[:MAX_LISTED_CHANGES] for lang, lines in summary["states"].items()}}
