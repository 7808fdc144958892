"""What both PDF engines hand to the layout: words with their positions, and the errors they raise alike.

``_pdfplumber`` and ``_pdfium`` each turn PDF bytes into :data:`PageWords`; ``_layout`` orders
those words into :data:`Line` s. Neither engine imports the other, nor ``read``.
"""

from __future__ import annotations

from typing import Any

from gapcheck.config import Limits
from gapcheck.errors import CorruptPdfError, EncryptedPdfError, LimitExceededError

# A word as pdfplumber's ``extract_words`` gives it: text, x0, x1, top, bottom (points from
# the page's top-left corner); PDFium's words carry the same keys.
Word = dict[str, Any]
# One page: its words, width, height, and whether it draws an image (a scan without text).
PageWords = tuple[list[Word], float, float, bool]
# One line of a laid-out page: its text and the top of its first word.
Line = tuple[str, float]


def damaged_pdf(name: str, detail: str) -> CorruptPdfError:
    """The error for a PDF an engine cannot parse; ``detail`` is the engine's own complaint."""
    return CorruptPdfError(f"{name}: the PDF is damaged ({detail}); export it again.")


def encrypted_pdf(name: str, password: str | None) -> EncryptedPdfError:
    """The error for an encrypted PDF opened without the right password."""
    hint = "the password is wrong" if password else "pass --password"
    return EncryptedPdfError(f"{name}: the PDF is encrypted; {hint}.")


def check_page_count(count: int, name: str, limits: Limits) -> None:
    """Raise LimitExceededError when a PDF has more pages than ``limits.max_pages``."""
    if count > limits.max_pages:
        raise LimitExceededError(
            f"{name}: {count} pages, over the {limits.max_pages}-page limit; "
            "a resume is rarely this long: raise --max-pages if it is genuine."
        )
