"""gapcheck: offline resume-to-role skill-gap analysis.

>>> from gapcheck import analyze
>>> result = analyze("resume.pdf")            # doctest: +SKIP
>>> result.best_role, result.roles[0].score   # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "AnalysisResult",
    "GapcheckError",
    "Options",
    "Limits",
    "Taxonomy",
    "__version__",
    "analyze",
    "analyze_bytes",
    "analyze_many",
    "analyze_text",
    "load_taxonomy",
]

# Public names are imported on first use so that `import gapcheck` (and the CLI's --help)
# stays fast: spaCy, pdfplumber and scikit-learn load only when an analysis runs.
_LAZY = {
    "analyze": "gapcheck.pipeline",
    "analyze_text": "gapcheck.pipeline",
    "analyze_bytes": "gapcheck.pipeline",
    "analyze_many": "gapcheck.batch",
    "AnalysisResult": "gapcheck.results",
    "GapcheckError": "gapcheck.errors",
    "Options": "gapcheck.config",
    "Limits": "gapcheck.config",
    "Taxonomy": "gapcheck.taxonomy",
    "load_taxonomy": "gapcheck.taxonomy",
}

if TYPE_CHECKING:
    from gapcheck.batch import analyze_many
    from gapcheck.config import Limits, Options
    from gapcheck.errors import GapcheckError
    from gapcheck.pipeline import analyze, analyze_bytes, analyze_text
    from gapcheck.results import AnalysisResult
    from gapcheck.taxonomy import Taxonomy, load_taxonomy


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gapcheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
