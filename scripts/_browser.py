"""Run a local HTML file through headless Chromium: DOM after load, console messages, screenshot.

Shared by ``scripts/screenshots.py`` and the HTML report tests (``tests/test_render.py``
loads it by path), so it stays out of the installed package. Only the standard library and
a Chromium binary are needed.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# A reproducible, quiet browser: sRGB output so chart colours come out exactly as written,
# no first-run or background network traffic, and scrollbars hidden from screenshots.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--force-color-profile=srgb",
    "--enable-logging=stderr",
    "--v=0",
)
# With --enable-logging, every console message (console.*, uncaught exceptions, blocked loads,
# CSP violations) is logged as `...:INFO:CONSOLE:12] "message", source: URL (12)`; older
# builds wrote `CONSOLE(12)`.
_CONSOLE = re.compile(r":CONSOLE[(:]\d*\)?\]\s*(.*)$")


@dataclass(frozen=True)
class PageRun:
    """What one headless load of a page produced."""

    dom: str
    console: tuple[str, ...]
    stderr: str


def find_chromium() -> str | None:
    """Return the path of a Chromium (or Chrome) binary on PATH, or ``None``."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def console_messages(stderr: str) -> tuple[str, ...]:
    """The console messages in Chromium's stderr log (with ``--enable-logging=stderr``)."""
    return tuple(m.group(1) for m in map(_CONSOLE.search, stderr.splitlines()) if m)


def load_page(
    chromium: str,
    page: Path,
    *,
    width: int = 1280,
    height: int = 2000,
    screenshot: Path | None = None,
    dump_dom: bool = True,
    timeout: float = 30.0,
) -> PageRun:
    """Load ``page`` in a fresh headless profile; dump its DOM and take a screenshot if asked.

    Args:
        chromium: the browser binary.
        page: a local HTML file.
        width, height: the window size in CSS pixels (the screenshot's size).
        screenshot: write a PNG of the window here.
        dump_dom: return the serialised DOM after the page has loaded.
        timeout: seconds before the browser and its child processes are killed.

    Returns:
        The DOM (empty unless ``dump_dom``), the console messages and the full stderr log.

    Raises:
        subprocess.TimeoutExpired: the browser did not finish in time.
        subprocess.CalledProcessError: the browser exited with an error.
    """
    with tempfile.TemporaryDirectory(prefix="gapcheck-chromium-") as profile:
        args = [chromium, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"]
        if screenshot is not None:
            args.append(f"--screenshot={screenshot}")
        if dump_dom:
            args.append("--dump-dom")
        args.append(page.resolve().as_uri())
        # A session of its own, so a hung browser is stopped with its renderer and GPU helpers.
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
    stderr = err.decode("utf-8", "replace")
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, args, out, err)
    return PageRun(out.decode("utf-8", "replace"), console_messages(stderr), stderr)
