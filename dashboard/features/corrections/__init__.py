"""The corrections feature."""
