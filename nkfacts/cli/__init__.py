"""The nkfacts command line: the application and its commands, one module per group."""

# Importing a module registers its commands (their order in --help: COMMAND_ORDER).
from nkfacts.cli import data, events, explore  # noqa: F401
from nkfacts.cli.app import app, run

__all__ = ["app", "run"]
