"""The JSON schema of ``AnalysisResult.to_dict()``, generated from the result types.

``docs/schema.json`` is this schema, committed; a test proves it is current. Regenerate
with ``python -m gapcheck.schema > docs/schema.json`` and bump ``SCHEMA_VERSION`` in
``gapcheck/results.py`` whenever it changes.
"""

from __future__ import annotations

import json
from typing import Any


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


if __name__ == "__main__":
    print(json.dumps(result_schema(), indent=1, sort_keys=True))
