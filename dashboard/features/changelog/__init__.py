"""The public changelog at /wijzigingen: every published version with what it changed, and the map as it was."""
