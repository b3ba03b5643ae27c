"""The region feature."""
