#!/usr/bin/env python3
"""Write docs/cli.md from the --help of every gapcheck command, and the README's example output.

    python scripts/cli_docs.py           # rewrite docs/cli.md and the README's example
    python scripts/cli_docs.py --check   # say which file is not current, exit 1 if one is not

The help is laid out for a terminal of TERMINAL_COLUMNS, whatever terminal runs the script, so the
file changes only when a command does. The README's example is the real output of the command
named in the comment above its block (``<!-- output of: gapcheck ... -->``), with COLUMNS=100.
tests/test_docs.py runs the same functions.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
CLI_MD = ROOT / "docs" / "cli.md"
README = ROOT / "README.md"
# click fills a terminal's width less two columns: this is the help of a 90-column terminal.
TERMINAL_COLUMNS = 90
WIDTH = TERMINAL_COLUMNS - 2
EXAMPLE_COLUMNS = "100"
# A comment naming a command, then the fenced block that holds its output.
EXAMPLE = re.compile(r"(<!-- output of: (?P<cmd>gapcheck [^\n]*?)(?: \| head -(?P<head>\d+))? -->\n```text\n)"
                     r"(?P<out>.*?)(```)", re.S)

INTRO = """\
# Command-line reference

Every command and subcommand of `gapcheck`, as its `--help` prints it in a terminal {columns}
columns wide. This file is generated from the commands themselves by
`python scripts/cli_docs.py`; do not edit it by hand. `tests/test_docs.py` fails when it is
out of date.

`gapcheck RESUME` is short for `gapcheck analyze RESUME`, and `python -m gapcheck` is the same
command as `gapcheck`. Exit codes: 0 success, 1 a document or data error (one line on stderr
naming the file and what to do), 2 a usage error, 130 a batch interrupted with Ctrl-C;
[hostile-input.md](hostile-input.md) lists the messages.

"""


def context(cmd: click.Command, name: str, parent: click.Context | None = None) -> click.Context:
    """The context click would make for ``cmd`` (its own settings, such as -h), at WIDTH columns."""
    settings = {**cmd.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    return click.Context(cmd, info_name=name, parent=parent, **settings)


def commands(ctx: click.Context) -> Iterator[click.Context]:
    """``ctx`` and then the context of every visible subcommand under it, depth first."""
    yield ctx
    cmd = ctx.command
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from commands(context(sub, name, ctx))


def cli_markdown() -> str:
    """The text of docs/cli.md: a list of the commands, then each command's --help."""
    from gapcheck.cli import main

    contexts = list(commands(context(main, "gapcheck")))
    out = [INTRO.format(columns=TERMINAL_COLUMNS)]
    for ctx in contexts:
        anchor = ctx.command_path.replace(" ", "-")
        summary = ctx.command.get_short_help_str(limit=200)
        out.append(f"- [`{ctx.command_path}`](#{anchor}): {summary}\n")
    for ctx in contexts:
        out.append(f"\n## {ctx.command_path}\n\n```text\n{ctx.command.get_help(ctx).rstrip()}\n```\n")
    return "".join(out)


def run_example(command: str) -> str:
    """The output of a ``gapcheck ...`` command line, run from the repository root."""
    from click.testing import CliRunner

    from gapcheck.cli import main

    args = shlex.split(command)[1:]
    here = Path.cwd()
    os.chdir(ROOT)  # the report names the resume by the path it was given
    try:
        result = CliRunner().invoke(main, args, env={"COLUMNS": EXAMPLE_COLUMNS, "NO_COLOR": "1"}, prog_name="gapcheck")
    finally:
        os.chdir(here)
    if result.exit_code != 0:
        raise SystemExit(f"README example `{command}` failed (exit {result.exit_code}):\n{result.output}")
    return result.stdout


def readme_with_examples(text: str) -> str:
    """``text`` (the README) with the block after each ``<!-- output of: ... -->`` regenerated."""
    def block(m: re.Match[str]) -> str:
        out = run_example(m.group("cmd"))
        if m.group("head"):  # the first lines of a long report ("| head -N" in the comment)
            out = "".join(out.splitlines(keepends=True)[: int(m.group("head"))])
        return m.group(1) + out + m.group(5)

    return EXAMPLE.sub(block, text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say which file is not current")
    args = parser.parse_args()
    readme = README.read_text(encoding="utf-8")
    wanted = {CLI_MD: cli_markdown(), README: readme_with_examples(readme)}
    stale = [path for path, text in wanted.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    for path in stale:
        rel = path.relative_to(ROOT)
        if args.check:
            print(f"{rel} is not current; run python scripts/cli_docs.py", file=sys.stderr)
        else:
            path.write_text(wanted[path], encoding="utf-8")
            print(f"wrote {rel}", file=sys.stderr)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
