"""Allow ``python -m spacecoop``."""

from .cli import run

run()
