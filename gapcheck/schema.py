"""The JSON schemas of ``AnalysisResult.to_dict()`` and of a compact batch line, generated from
the result types.

``docs/schema.json`` and ``docs/batch-line.json`` are these schemas, committed; a test proves
they are current. Regenerate with ``python -m gapcheck.schema > docs/schema.json`` (and bump
``SCHEMA_VERSION`` in ``gapcheck/results.py``) or ``python -m gapcheck.schema --batch-line >
docs/batch-line.json`` (and bump ``LINE_VERSION`` in ``gapcheck/_batch_line.py``) whenever one changes.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any, Literal

from gapcheck._batch_line import CompactResult


def result_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a serialised analysis result."""
    from pydantic import TypeAdapter

    from gapcheck.results import SCHEMA_VERSION, AnalysisResult

    schema = TypeAdapter(AnalysisResult).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"gapcheck analysis result, schema {SCHEMA_VERSION}"
    # ``contact`` is left out of the JSON unless --include-contact is given.
    schema["required"] = [k for k in schema.get("required", []) if k != "contact"]
    return schema


@dataclass(frozen=True)
class CompactLine:
    """A line of ``gapcheck batch`` for a file that was analysed (the default, compact detail)."""

    file: str
    sha256: str | None
    status: Literal["ok"]
    result: CompactResult


@dataclass(frozen=True)
class LineError:
    kind: str  # as in docs/hostile-input.md: corrupt_pdf, timeout, not_a_file...
    message: str


@dataclass(frozen=True)
class ErrorLine:
    """A line of ``gapcheck batch`` for a file that could not be analysed."""

    file: str
    sha256: str | None
    status: Literal["error"]
    error: LineError


def batch_line_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of one line of ``gapcheck batch`` output at the
    default, compact detail: a compact result or an error. (A ``--detail full`` line's result is
    an analysis result: :func:`result_schema`.)"""
    from pydantic import TypeAdapter

    from gapcheck._batch_line import LINE_VERSION

    schema = TypeAdapter(CompactLine | ErrorLine).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"gapcheck batch line (compact), line_version {LINE_VERSION}"
    defs = schema["$defs"]
    for name in ("CompactLine", "ErrorLine", "LineError", "CompactResult"):
        defs[name]["additionalProperties"] = False  # a field added or renamed must show here
    compact = defs["CompactResult"]["properties"]
    compact["line_version"]["const"] = LINE_VERSION
    return schema


if __name__ == "__main__":
    make = batch_line_schema if sys.argv[1:] == ["--batch-line"] else result_schema
    print(json.dumps(make(), indent=1, sort_keys=True))
