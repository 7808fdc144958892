"""Stage 6: render an AnalysisResult as a terminal report (rich), Markdown, HTML or JSON.

All formats show the same figures as the JSON: scores to one decimal, the best role, every
missing skill of the planned role and the plan's weeks. Each format is a module of its own
(``_terminal``, ``_markdown``, ``_html``) over the helpers in ``_common``; the HTML pages
come from the Jinja2 templates in ``templates/``.
"""

from __future__ import annotations

from gapcheck.render._common import phase_spans, snippet
from gapcheck.render._markdown import md_escape, to_markdown
from gapcheck.render._terminal import to_text
from gapcheck.results import AnalysisResult

__all__ = ["FORMATS", "md_escape", "phase_spans", "render", "snippet", "to_markdown", "to_text"]

FORMATS = ("text", "json", "markdown", "html")


def render(
    result: AnalysisResult,
    fmt: str = "text",
    *,
    top: int = 0,
    evidence: bool = False,
    color: bool | None = None,
    width: int | None = None,
) -> str:
    """Render ``result`` in one of :data:`FORMATS` and return the string.

    Args:
        result: the analysis to show.
        fmt: ``text`` (terminal), ``json``, ``markdown`` or ``html``.
        top: show only the N best roles in the role table (0 = all); text and Markdown only.
        evidence: list every line each skill was found on (text and Markdown; HTML always does).
        color: ANSI colour in the text report; ``None`` or ``False`` gives plain text.
        width: text report width in characters (default 100).

    Returns:
        The report, ending with a newline.

    Raises:
        ValueError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt == "json":
        return result.to_json() + "\n"
    if fmt == "markdown":
        return to_markdown(result, top=top, evidence=evidence)
    if fmt == "html":
        # Jinja2 loads only when a page is made.
        from gapcheck.render._html import to_html

        return to_html(result)
    if fmt == "text":
        return to_text(result, top=top, evidence=evidence, color=color, width=width)
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
