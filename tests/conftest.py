"""Test-suite wide configuration: shared fixtures live in `tests/support/fixtures.py`."""

pytest_plugins = ["tests.support.fixtures"]
