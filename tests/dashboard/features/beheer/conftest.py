"""Fixtures of the workspace tests (defined in workspace_helpers, shared with the changelog tests)."""

from tests.dashboard.features.beheer.workspace_helpers import context, editor, publisher, server  # noqa: F401
