"""``python -m gapcheck``: the same command line as ``gapcheck``."""

from gapcheck.cli import main

main(prog_name="gapcheck")
