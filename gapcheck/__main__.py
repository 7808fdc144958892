"""``python -m gapcheck``: the same command line as ``gapcheck``."""

from gapcheck.cli import run

run()
