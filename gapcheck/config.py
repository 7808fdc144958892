"""One typed configuration object with named defaults (limits, engines, scoring knobs).

Every value is checked when the object is made: a bad one raises :class:`InvalidOptionError`
naming the field, its allowed range and the value, instead of failing deep in an analysis.
The command line builds its option ranges from :data:`RANGES`, so both accept the same values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, get_args

from gapcheck.errors import InvalidOptionError

PdfEngine = Literal["pdfplumber", "pdfium"]
PDF_ENGINES: tuple[PdfEngine, ...] = get_args(PdfEngine)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_PAGES = 30
DEFAULT_MAX_CHARS = 300_000
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MAX_MEMORY_MB = 2048
DEFAULT_HOURS_PER_WEEK = 10.0
# Below this best score we say that no role fits (calibrated on tests/data/labelled).
DEFAULT_MIN_FIT = 20.0

# spaCy's default ``Language.max_length``: a longer text fails with its error E088. A resume is
# 5,000-30,000 characters, so the limit stays under it rather than raising spaCy's on a shared
# (possibly the caller's own) pipeline.
MAX_CHARS = 1_000_000
# The memory cap limits the address space of the whole process, and the libraries an analysis
# loads (spaCy, NumPy and its OpenBLAS, pdfplumber) take most of it before a file is read. The
# smallest caps that worked (8 MB steps; the longest sample resume and a 40-page PDF) were 251 MB
# for one file, 326 MB in a local batch worker, which inherits its parent's mappings, and 480 MB
# in a Dask worker (466 MB before the file). Each OpenBLAS thread beyond the first adds ~38 MB,
# which is why the command runs OpenBLAS with one. Below the floor NumPy fails to import,
# OpenBLAS aborts the process, or every file fails.
MIN_MEMORY_MB = 512

# The allowed values of each number: (lowest, highest), None where there is no bound.
RANGES: dict[str, tuple[float | None, float | None]] = {
    "max_bytes": (1, None),
    "max_pages": (1, None),
    "max_chars": (1, MAX_CHARS),
    "timeout_s": (0.1, None),
    "max_memory_mb": (MIN_MEMORY_MB, None),
    "min_fit": (0, 100),
    "hours_per_week": (1, 80),
}
# The command-line option of each field whose name differs from it.
_FLAGS = {"timeout_s": "--timeout", "max_memory_mb": "--max-memory", "fuzzy": "--no-fuzzy"}


def _invalid(owner: object, name: str, expected: str, value: object) -> InvalidOptionError:
    flag = _FLAGS.get(name, "--" + name.replace("_", "-"))
    return InvalidOptionError(f"{type(owner).__name__}.{name} (option {flag}) must be {expected}, not {value!r}.")


def _number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _check_number(owner: object, name: str, *, whole: bool) -> None:
    value = getattr(owner, name)
    low, high = RANGES[name]
    kind = "a whole number" if whole else "a number"
    if low is not None and high is not None:
        expected = f"{kind} from {_number(low)} to {_number(high)}"
    else:
        expected = f"{kind} of at least {_number(low or 0)}"
    number = isinstance(value, int if whole else (int, float)) and not isinstance(value, bool)
    # NaN fails every comparison, so it is refused with the rest.
    if not (number and math.isfinite(value) and (low is None or value >= low) and (high is None or value <= high)):
        raise _invalid(owner, name, expected, value)


def _check_flag(owner: object, name: str) -> None:
    value = getattr(owner, name)
    if not isinstance(value, bool):
        raise _invalid(owner, name, "True or False", value)


@dataclass(frozen=True)
class Limits:
    """Input limits that keep a hostile document from exhausting memory or time.

    Raises:
        InvalidOptionError: a value outside :data:`RANGES` (also a ``ValueError``).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    max_chars: int = DEFAULT_MAX_CHARS
    timeout_s: float = DEFAULT_TIMEOUT_S
    # Address-space cap for batch worker processes, so a decompression bomb fails alone.
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "max_chars", "max_memory_mb"):
            _check_number(self, name, whole=True)
        _check_number(self, "timeout_s", whole=False)


@dataclass(frozen=True)
class Options:
    """Everything that changes an analysis besides the document and the taxonomy.

    Raises:
        InvalidOptionError: a value outside :data:`RANGES`, an unknown PDF engine, or a flag
            that is not a bool (also a ``ValueError``).
    """

    limits: Limits = Limits()
    pdf_engine: PdfEngine = "pdfplumber"
    password: str | None = None
    fuzzy: bool = True
    min_fit: float = DEFAULT_MIN_FIT
    hours_per_week: float = DEFAULT_HOURS_PER_WEEK
    include_contact: bool = False
    ocr: bool = False  # run ocrmypdf on PDFs without a text layer, when it is installed

    def __post_init__(self) -> None:
        if not isinstance(self.limits, Limits):
            raise _invalid(self, "limits", "a gapcheck.config.Limits", self.limits)
        if self.pdf_engine not in PDF_ENGINES:
            raise _invalid(self, "pdf_engine", " or ".join(repr(e) for e in PDF_ENGINES), self.pdf_engine)
        if self.password is not None and not isinstance(self.password, str):
            raise _invalid(self, "password", "a string or None", self.password)
        for name in ("fuzzy", "include_contact", "ocr"):
            _check_flag(self, name)
        for name in ("min_fit", "hours_per_week"):
            _check_number(self, name, whole=False)
