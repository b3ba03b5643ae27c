"""Benchmarks for the dashboard: bytes and server time per change, against a naive baseline app.

Run with `python -m benchmarks` (see benchmarks/README.md).
"""
