"""Pure values of the public changelog: what a reader sees of a published version. Never a person's name
or e-mail address: who published is known in the workspace and the audit log, not here."""

from __future__ import annotations

from dataclasses import dataclass

from ..beheer._view_model import ChangeList, change_list, stamp

#: state lines per version on the list page
LIST_LINES = 20
#: state lines on a version's own page
PAGE_LINES = 200


@dataclass(frozen=True)
class PublicVersion:
    id: str
    date: str
    note: str
    restored_from: str | None
    first: bool
    changes: ChangeList


def public_version(info, lang: str, limit: int = LIST_LINES) -> PublicVersion:
    """A published version as the public sees it (its stored change summary, cut to `limit` lines)."""
    return PublicVersion(id=info.id, date=stamp(info.published_at or info.created_at), note=info.note or "",
                         restored_from=info.restored_from, first=info.parent_id is None,
                         changes=change_list(info.changes, lang, limit))
