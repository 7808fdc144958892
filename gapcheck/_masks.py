"""Text drawn in soft masks, for the pdfplumber reader.

A gradient heading (pgf/TikZ fadings; some design tools do the same) is drawn as its letters in
a transparency group that a graphics state names as its soft mask (``/SMask << /G form >>``),
and then a shading painted through that mask: the letters show on the page in the gradient's
colours. pdfminer does not run soft masks (its ``gs`` operator does nothing), so such headings
are lost, while poppler and MuPDF read them. :func:`read_masks` lays such a page out with an
interpreter that also runs each mask's text where the mask is set. Pages without a soft mask
are left to pdfplumber, untouched.
"""

from __future__ import annotations

from typing import Any

from gapcheck.errors import GapcheckError

_MAX_DEPTH = 3


def read_masks(page: Any, *, masks_only: bool = False) -> bool:
    """Lay ``page`` (a pdfplumber page) out with the text of its soft masks, when it has any.

    pdfplumber builds a page's layout once and caches it as ``page._layout``; this sets that
    cache, which ``page.chars`` and :func:`gapcheck._pdfplumber.layout_chars` then read.

    Args:
        page: a pdfplumber page, not yet laid out.
        masks_only: lay out only the masks' text (for the PDFium reader, which has the rest).

    Returns:
        Whether the page has a soft mask (otherwise its layout is left to pdfplumber).
    """
    from pdfminer.pdftypes import resolve1
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    states = resolve1(resolve1(page.page_obj.resources or {}).get("ExtGState"))
    if not isinstance(states, dict) or not any(mask_group(s) is not None for s in states.values()):
        return False
    device = PDFPageAggregatorWithMarkedContent(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    shown = _Dropping(device, text=False) if masks_only else device
    _interpreter()(page.pdf.rsrcmgr, shown).process_page(page.page_obj)
    page._layout = device.get_result()
    return True


def mask_group(state: Any) -> Any:
    """The transparency group (a form XObject) a graphics-state dictionary uses as its soft mask, or None."""
    from pdfminer.pdftypes import PDFStream, resolve1

    state = resolve1(state)
    mask = resolve1(state.get("SMask")) if isinstance(state, dict) else None
    group = resolve1(mask.get("G")) if isinstance(mask, dict) else None
    return group if isinstance(group, PDFStream) else None


class _Dropping:
    """A pdfminer device that drops paths and images, and text too unless ``text`` (a mask's
    shapes and pictures are not on the page; only its letters are read)."""

    def __init__(self, device: Any, *, text: bool) -> None:
        self.device = device
        if not text:
            self.render_string = _nothing

    def __getattr__(self, name: str) -> Any:
        return getattr(self.device, name)

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        pass

    def render_image(self, *args: Any, **kwargs: Any) -> None:
        pass


def _nothing(*args: Any, **kwargs: Any) -> None:
    pass


def _interpreter() -> type:
    """pdfminer's page interpreter, with ``gs`` running a soft mask's text (made on first use:
    pdfminer is imported only when a PDF is read)."""
    global _Interpreter
    if _Interpreter is not None:
        return _Interpreter
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import dict_value, list_value, resolve1
    from pdfminer.psparser import literal_name
    from pdfminer.utils import MATRIX_IDENTITY, mult_matrix

    class MaskInterpreter(PDFPageInterpreter):
        depth = 0  # masks within masks: a mask that sets itself again is run this many times at most

        def do_gs(self, name: Any) -> None:
            states = resolve1(self.resources.get("ExtGState")) if self.resources else None
            group = mask_group(states.get(literal_name(name))) if isinstance(states, dict) else None
            if group is None or self.depth >= _MAX_DEPTH:
                return
            sub: Any = self.dup()
            sub.depth = self.depth + 1
            sub.device = _Dropping(getattr(self.device, "device", self.device), text=True)
            try:
                own = group.get("Resources")
                resources = dict_value(own) if own else self.resources.copy()
                a, b, c, d, e, f = (float(v) for v in list_value(group.get("Matrix", MATRIX_IDENTITY)))
                sub.render_contents(resources, [group], ctm=mult_matrix((a, b, c, d, e, f), self.ctm))
            except (GapcheckError, MemoryError):  # the time limit, raised inside pdfminer
                raise
            except Exception:  # a damaged mask: the page reads without it, as pdfminer alone reads it
                return

    _Interpreter = MaskInterpreter
    return _Interpreter


_Interpreter: type | None = None
