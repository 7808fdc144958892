"""One typed configuration object with named defaults (limits, engines, scoring knobs)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_PAGES = 30
DEFAULT_MAX_CHARS = 300_000
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MAX_MEMORY_MB = 2048
DEFAULT_HOURS_PER_WEEK = 10.0
# Below this best score we say that no role fits (calibrated on tests/data/labelled).
DEFAULT_MIN_FIT = 20.0


@dataclass(frozen=True)
class Limits:
    """Input limits that keep a hostile document from exhausting memory or time."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    max_chars: int = DEFAULT_MAX_CHARS
    timeout_s: float = DEFAULT_TIMEOUT_S
    # Address-space cap for batch worker processes, so a decompression bomb fails alone.
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB


@dataclass(frozen=True)
class Options:
    """Everything that changes an analysis besides the document and the taxonomy."""

    limits: Limits = Limits()
    pdf_engine: str = "pdfplumber"
    password: str | None = None
    fuzzy: bool = True
    min_fit: float = DEFAULT_MIN_FIT
    hours_per_week: float = DEFAULT_HOURS_PER_WEEK
    include_contact: bool = False
    ocr: bool = False  # run ocrmypdf on PDFs without a text layer, when it is installed
