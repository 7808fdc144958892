"""Escaping of user-controlled text (file names, resume lines, custom taxonomy names) for each
place gapcheck writes it: the terminal, CSV cells and encoded output files.

A file name may hold bytes that are not UTF-8 (Python gives them to us as lone surrogates),
terminal escape sequences, or a leading "=" that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import re

# C0 controls other than tab and newline, DEL, and the C1 controls (0x9b is a one-byte CSI).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# OWASP's list of the first characters that make a spreadsheet read a cell as a formula, with
# their full-width forms, which some spreadsheet locales read the same way.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def readable(text: str) -> str:
    """``text`` with bytes that were not UTF-8 in a file name shown as ``\\xff`` escapes.

    Python decodes such a byte to a lone surrogate, which no output encoding accepts.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that did not come from a file name
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def terminal_safe(text: str, *, one_line: bool = False) -> str:
    """``text`` fit for a terminal: control characters (escape sequences, bells, carriage
    returns) removed and undecodable bytes escaped; newlines kept unless ``one_line``."""
    return (_CONTROLS_ONE_LINE if one_line else _CONTROLS).sub("", readable(text))


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as written: a string starting like a formula gets a
    leading apostrophe (the OWASP rule); numbers are left alone."""
    if not isinstance(value, str):
        return value
    value = readable(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def encode(text: str) -> bytes:
    """UTF-8 bytes of an output file. A lone surrogate (an undecodable byte of a file name)
    becomes a ``\\udcff`` escape, which in JSON reads back as the same character."""
    return text.encode("utf-8", "backslashreplace")
