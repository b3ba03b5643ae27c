"""The API for data holders' own systems: /api/v1 (drafts, publish, versions, restore) with bearer tokens."""
