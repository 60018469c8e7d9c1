"""The nkfacts command line: the application and its commands, one module per group."""

from nkfacts.cli import data, events  # noqa: F401 - importing a module registers its commands
from nkfacts.cli.app import app, run

__all__ = ["app", "run"]
