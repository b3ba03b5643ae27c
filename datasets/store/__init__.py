"""The versioned data store (see versions.py) in one database (see db.py)."""

from .versions import (DRAFT, PUBLISHED, Conflict, DraftResult, NotFound, Refused, StoreError, VersionInfo,
                       VersionStore)



def open_store(url: str, data_path=None) -> VersionStore:
    """The production store at `url`: migrated, validated like every delivery, and when empty seeded
    with the shipped tables (overlaid with `data_path`) as the first published version."""
    from ..delivery import validate_version
    from ..loader import read_tables
    from ..schema import SCHEMA_VERSION

    return VersionStore.open(url, validate_version, SCHEMA_VERSION, seed=lambda: read_tables(data_path)[1])


__all__ = ["open_store", "DRAFT", "PUBLISHED", "Conflict", "DraftResult", "NotFound", "Refused", "StoreError", "VersionInfo",
           "VersionStore"]
