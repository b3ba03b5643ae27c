"""Fixtures of the changelog tests (defined in the workspace tests' helpers)."""

from tests.dashboard.features.beheer.workspace_helpers import context, editor, publisher, server  # noqa: F401
