"""The workspace at /beheer where data holders upload, review, publish and restore versions."""
