"""Fixtures of the corrections tests: the workspace tests' store context with accounts."""

from tests.dashboard.features.beheer.workspace_helpers import context  # noqa: F401
