"""What both PDF engines hand to the layout: words with their positions, and the errors they raise alike.

``_pdfplumber`` and ``_pdfium`` each turn PDF bytes into :data:`PageWords`; ``_layout`` orders
those words into :data:`Line` s. Neither engine imports the other, nor ``read``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from gapcheck.config import Limits
from gapcheck.errors import CorruptPdfError, EncryptedPdfError, LimitExceededError

# A word as pdfplumber's ``extract_words`` gives it: text, x0, x1, top, bottom (points from
# the page's top-left corner); PDFium's words carry the same keys.
Word = dict[str, Any]
# One page: its words, width, height, and whether it draws an image (a scan without text).
# The last is a question asked only of a document that gave no text, so that an engine may
# put off finding the answer until then.
PageWords = tuple[list[Word], float, float, Callable[[], bool]]
# One line of a laid-out page: its text and the top of its first word.
Line = tuple[str, float]

# Word boundaries, in fractions of the font size (em), for both engines. Inside a word the gap
# between glyphs stays under 0.1 em (kerning, CSS letter-spacing of headings: 0.08 em), while
# TeX's tightest justified inter-word space is about 0.17 em and a LaTeX PDF has no space
# characters at all, so a fixed tolerance in points (3 pt is 0.3 em at 10 pt) glues the words
# of a tight line together. A hyphen or comma sits up to 0.14 em from its letter in justified
# LibreOffice text, and never starts a word, so it gets more room.
WORD_GAP = 0.15
PUNCT_GAP = 0.25
# A line justified tighter still (moderncv's fancy style: 0.13 em between words) ends its words
# at TIGHT_GAP, when none of its glyph gaps falls between LETTER_GAP and TIGHT_GAP, where the
# letter-spacing of a heading would (so its words are apart by more than its letters clearly).
TIGHT_GAP = 0.1
LETTER_GAP = 0.05


def line_word_gap(gaps: list[float]) -> float:
    """The word gap (in em) of a line whose glyph ``gaps`` (in em, in order) are given: TIGHT_GAP
    when some fall between it and WORD_GAP and none between LETTER_GAP and TIGHT_GAP, else WORD_GAP."""
    tight = False
    for g in gaps:
        if LETTER_GAP <= g < TIGHT_GAP:
            return WORD_GAP
        tight = tight or TIGHT_GAP <= g < WORD_GAP
    return TIGHT_GAP if tight else WORD_GAP


_CLOSING = frozenset(",.;:!?%)]}'\"\u2019\u201d-\u2010\u2011+#")  # "+" and "#": "C++", "C#"
_CLOSING_CHARS = "".join(sorted(_CLOSING))
# Icon fonts draw pictures (a phone, an envelope) whose text is a private-use code, a
# "(cid:72)" or the icon's name; none of it is resume text. The same picture opening many
# lines is a bullet (moderncv draws its bullets with marvosym), and is read as one.
_ICON_FONT = re.compile(
    r"awesome|marvosym|academicons|fontello|glyphicons|material.?(?:icons|symbols)|ionicons|octicons|"
    r"bootstrap.?icons|simple.?icons|devicons?|nerd.?font|feather|tabler.?icons",
    re.I,
)
REPEATED_ICON = 3  # times one picture appears on a page to be a bullet
BULLET = "\u2022"
# Symbol fonts put their bullets in the private-use area (Word's bullet is U+F0B7).
_SYMBOL_FONT = re.compile(r"symbol|wingdings|webdings|dingbat", re.I)
_SYMBOL_BULLETS = {
    "\uf0b7": BULLET,
    "\uf0a7": "\u25aa",
    "\uf06e": "\u25a0",
    "\uf0d8": "\u27a2",
    "\uf076": "\u2756",
    "\uf0fc": "\u2713",
    "\uf0a8": BULLET,
}
_CID = re.compile(r"\(cid:\d+\)")
# TeX's T1 (Cork) font encoding where it is not Latin-1: quotation marks, dashes and ligatures at
# control-character codes, Œ and œ where Latin-1 has × and ÷, ß where it has ÿ. A TeX font that
# carries no Unicode map (a bitmap font TeX made itself; an old pdfTeX's Type 1 fonts) leaves
# readers the codes. One character each (ligatures as U+FB00-FB04, which NFKC opens), so that a
# reader can swap them in place.
TEX_T1 = {0x0E: "\u2039", 0x0F: "\u203a", 0x10: "\u201c", 0x11: "\u201d", 0x12: "\u201e",
          0x13: "\u00ab", 0x14: "\u00bb", 0x15: "\u2013", 0x16: "\u2014", 0x19: "\u0131", 0x1A: "\u0237",
          0x1B: "\ufb00", 0x1C: "\ufb01", 0x1D: "\ufb02", 0x1E: "\ufb03", 0x1F: "\ufb04",
          0xD7: "\u0152", 0xF7: "\u0153", 0xFF: "\u00df"}


def _private(ch: str) -> bool:
    o = ord(ch)
    return 0xE000 <= o <= 0xF8FF or o >= 0xF0000


@lru_cache(maxsize=1024)
def icon_font(fontname: str) -> bool:
    """True for a font of pictures (Font Awesome, marvosym...): none of its glyphs is text."""
    return bool(_ICON_FONT.search(fontname))


def icon_key(text: str, fontname: str = "") -> str | None:
    """Identify a glyph that is a picture, not text: drawn in an icon font, unmapped ("(cid:72)")
    or a private-use code outside a symbol font's bullets. None for a glyph of text."""
    if icon_font(fontname) or "(cid:" in text:
        return f"{fontname}:{text}"
    if any(_private(ch) for ch in text) and not (_SYMBOL_FONT.search(fontname) and text in _SYMBOL_BULLETS):
        return f"{fontname}:{text}"
    return None


# Glyph 0 is a font's missing glyph (.notdef): every character the font lacks is drawn with it (the
# emoji before a web CV's headings), so its repeats are no one picture and never a bullet.
_NOTDEF = ":(cid:0)"


def bullet_icons(keys: list[str]) -> set[str]:
    """The pictures (``icon_key`` s) used often enough on one page to be bullets."""
    counts = Counter(keys)
    return {k for k, n in counts.items() if n >= REPEATED_ICON and not k.endswith(_NOTDEF)}


def glyph_text(text: str, fontname: str = "") -> str:
    """The text of a glyph that is not a picture: Symbol-font bullets mapped, private-use codes dropped.

    Args:
        text: the glyph's text as the engine reports it.
        fontname: the glyph's font, such as "OpenSymbol".
    """
    if _SYMBOL_FONT.search(fontname) and text in _SYMBOL_BULLETS:
        return _SYMBOL_BULLETS[text]
    if "(cid:" in text:
        text = _CID.sub("", text)
    if any(_private(ch) for ch in text):
        text = "".join(ch for ch in text if not _private(ch))
    return text


def starts_word(gap: float, size: float, text: str) -> bool:
    """True when a glyph ``gap`` points after the previous one (of font ``size``) starts a new word."""
    if size <= 0:
        return gap > 3.0  # no usable font size: pdfplumber's fixed default
    if gap <= WORD_GAP * size:  # most gaps, inside words: no need to look at the text
        return False
    return gap > (PUNCT_GAP if closing(text) else WORD_GAP) * size


def closing(text: str) -> bool:
    """True for a word made only of closing punctuation ("-", ",", "+,"), which never starts a word."""
    return bool(text) and not text.strip(_CLOSING_CHARS)


def attach_punctuation(words: list[Word]) -> list[Word]:
    """Join a word made only of closing punctuation ("-", ",") to the word just left of it on its line."""
    out: list[Word] = []
    done = 0
    # Only a word that starts with closing punctuation may join; the words between go as they are.
    for i in [i for i, w in enumerate(words) if w["text"][:1] in _CLOSING]:
        out += words[done:i]
        done = i + 1
        w = words[i]
        prev = out[-1] if out else None
        if (
            prev is not None
            and closing(w["text"])
            and abs(w["top"] - prev["top"]) <= 1.0
            and 0 <= w["x0"] - prev["x1"] <= PUNCT_GAP * max(prev["bottom"] - prev["top"], 1.0)
        ):
            out[-1] = {
                **prev,
                "text": prev["text"] + w["text"],
                "x1": w["x1"],
                "bottom": max(prev["bottom"], w["bottom"]),
            }
        else:
            out.append(w)
    out += words[done:]
    return out


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
