"""Stage 2: normalise raw text and split it into sections.

NFKC folds ligatures and compatibility characters; end-of-line hyphenation is joined;
bullets are stripped; letter-spaced headings ("S K I L L S") are closed up; every line is
labelled with the resume section it belongs to.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gapcheck._columns import unfold_columns
from gapcheck._dates import _RANGE
from gapcheck._frozen import quick_init
from gapcheck._sections import _ENTRY_SECTIONS, _HEAD_WORDS, _HEADINGS, _INLINE_SECTIONS, _KEYWORDS
from gapcheck._sections import HELD_TYPES as HELD_TYPES
from gapcheck._sections import NOT_HELD as NOT_HELD
from gapcheck._sections import POSTING_OPTIONAL as POSTING_OPTIONAL
from gapcheck._sections import POSTING_REQUIRED as POSTING_REQUIRED
from gapcheck._sections import SECTIONS as SECTIONS
from gapcheck._sections import USE_SECTIONS as USE_SECTIONS
from gapcheck._sections import SectionsFile as SectionsFile
from gapcheck._text import _search

# "*" is a bullet, "**" opens Markdown bold ("**Senior Engineer**, Acme, 2021").
# A run of dashes ("--- WORK EXPERIENCE ---") decorates a heading; it is not a bullet.
# Of the bullets, those that may also mark a heading ("■ 学歴 / Education").
_HEADING_MARKS = "■□▸►◆◇▶"
_BULLET = re.compile(r"^\s*(?:\*(?!\*)|-(?!-)|[•▪◦●➢✓‣⁃–—·" + _HEADING_MARKS + r"]|\d{1,2}[.)](?=\s))\s*")
_SPACED = re.compile(r"^(?:[A-Za-z&] ){2,}[A-Za-z&](?:\s{2,}(?:[A-Za-z&] )*[A-Za-z&])*$")
_HEADING_CLEAN = re.compile(r"^(?:[#=\s\u00a7]|//)+|[\s:#=_*|\-]+$")
_QUALIFIER = re.compile(r"^(\S.*?)\s*\([^()]{1,80}\)\s*:?$")


@quick_init
@dataclass(frozen=True)
class TextLine:
    number: int  # 1-based, in the normalised text
    text: str
    section: str
    heading: bool = False
    bullet: bool = False


@dataclass(frozen=True)
class NormalDocument:
    source: str
    kind: str
    text: str  # the lines joined with "\n"; offsets in mentions refer to this text
    lines: tuple[TextLine, ...]
    line_starts: tuple[int, ...]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # control characters other than tab and newline
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0B, 0x20))


# A soft hyphen (U+00AD) between two dates is what someone typed as their range's dash
# ("Aug 2023\u00adPresent"); anywhere else it is an invisible break point inside a word.
# Every engine here prints it as nothing, so a PDF shows "Aug 2023Present" (Chromium writes a
# space): a year glued, or a space apart, to a month and year or to "Present" is a range whose
# dash was lost.
_NEXT_DATE = (r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d"
              r"|present|current|now|today|ongoing)")
_SOFT_RANGE = re.compile(
    rf"(?<=\b(?:19|20)\d\d)\u00ad(?=\s*(?:{_NEXT_DATE}|\d{{1,2}}[/.](?:19|20)\d\d|(?:19|20)\d\d)\b)", re.I
)
_GLUED_RANGE = re.compile(
    r"(?<=\b(?:19|20)\d\d)[ \u00a0]?(?=(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+"
    r"(?:19|20)\d\d|Present|PRESENT|Current|Ongoing|Today)\b)"
)
# What every place _GLUED_RANGE changes holds, found three times sooner: re skips to a "1" or a
# "2" here, where the pattern above, which starts with a look-behind, is tried everywhere.
_GLUED_HINT = re.compile(r"(?:19|20)\d\d[ \u00a0]?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Present|PRESENT|"
                         r"Current|Ongoing|Today)")


# A year in two digits after a month and an apostrophe ("Sept \u201918 - Present", "May '20"): the
# year in full. Two digits over 40 are of the last century.
_SHORT_YEAR = re.compile(r"\b((?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?)\s*['\u2018\u2019](\d{2})\b",
                         re.I)
_SHORT_YEAR_HINT = re.compile(r"['\u2018\u2019]\d{2}\b")


def _full_year(m: re.Match[str]) -> str:
    return f"{m[1]} {'19' if int(m[2]) > 40 else '20'}{m[2]}"


_SURROGATE = re.compile("[\ud800-\udfff]")
# A dot leader between a title and its dates ("Data Scientist ........ 2021 - 2024", LaTeX's
# \dotfill): layout, not text. An engine may read a full stop into it ("Data Scientist. ....").
_LEADER = re.compile(r"\.?[ \u00a0]*(?:\.[ \u00a0]*){4,}")


def normalise_text(text: str) -> str:
    """NFKC-normalise, unify line ends and dashes, drop control characters and dot leaders.

    Soft hyphens are deleted, except one between two dates, which becomes " - ", as does a lost
    one ("Aug 2023Present"). A month's year in two digits ("May \u201920") is written in full. A hyphen that
    PDFium marks at a line end (U+FFFE, U+0002) becomes "-", so that it is joined as one.
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if "\u00ad" in text:
        text = _SOFT_RANGE.sub(" - ", text).replace("\u00ad", "")
    if _search(_GLUED_HINT, text):  # a "1" or "2" at a time, found as a literal (four times sooner)
        text = _GLUED_RANGE.sub(" - ", text)
    text = text.replace("\u200b", "").replace("\ufeff", "").replace("\ufffe", "-").replace("\x02", "-")
    if _SHORT_YEAR_HINT.search(text):
        text = _SHORT_YEAR.sub(_full_year, text)
    if "\u2010" in text:  # the Unicode hyphen (some fonts' "-"; NFKC made U+2011 one): "Open\u2010Source"
        text = text.replace("\u2010", "-")
    # The control characters are looked for in the text's bytes, five times sooner than by _CONTROL
    # (UTF-8 writes each as its one byte and no other character with such a byte).
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        text = _CONTROL.sub("", text)
    if b"\xed" in data and _SURROGATE.search(text):
        # Halves of UTF-16 pairs (PDFium's code units for an emoji, bytes read with surrogateescape):
        # a pair becomes its character, a lone half U+FFFD; the tokenizer takes no halves.
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if "...." in text or ". . . ." in text:
        text = _LEADER.sub(" ", text)
    return text.replace("\t", " ")


def _close_spacing(line: str) -> str:
    stripped = line.strip()
    if stripped[1:2] == " " and _SPACED.match(stripped):  # spaced-out letters: "S K I L L S"
        return " ".join(part.replace(" ", "") for part in re.split(r"\s{2,}", stripped))
    return line


_SPACES = re.compile(r"\s+")
# A word broken at a line end: two letters, one of them lower case ("engin-", "PyT-"), then a
# hyphen, ASCII or U+2010 (NFKC folds the non-breaking U+2011 into it).
# Letters of any script: "Mathé-" / "matiques" is broken as "engin-" / "eering" is.
_HYPHEN_END = re.compile(r"([^\W\d_])([^\W\d_])[-\u2010]$")
_LOWER_START = re.compile(r"^[^\W\d_][^\W\d_]")
# A product name broken by an engine's hyphenation: a capitalised part before the hyphen and
# an inner capital after it ("Light-" / "GBM", "Mu-" / "JoCo", "XG-" / "Boost"), unlike a
# compound such as "pre-" / "Trained", which stays apart.
_CAMEL_END = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})[-\u2010]$")
_CAMEL_START = re.compile(r"^[A-Z](?:[a-z]*[A-Z])?")
_DECIMAL = re.compile(r"^\s*\d{1,2}[.)]\d")  # "1.5 years", not a numbered bullet
_RUN_OF_SPACES = re.compile(r"[ \u00a0]+")
# The labels that end a skills list with what is no skill held: interests, plans, goals.
_NOT_SKILLS_LABEL = re.compile(r"\b(?:interests?|hobb\w*|pastimes?|learning|planned|plans?|goals?|next)\b", re.I)
# A line's label ("Currently learning: Docker"), and a gloss of it in brackets ("İlgi alanı (interest): ...").
_INLINE_HEADING = re.compile(r"^((?:[^\W\d_]|[ &/]){3,40})(?:\s*\(([^()]{1,30})\))?:\s+\S")


def _broken_word(line: str, following: str) -> bool:
    """True when ``line`` ends with a word that hyphenation broke and ``following`` starts its rest."""
    end = _HYPHEN_END.search(line)
    if end and not end[0][:2].isupper() and _LOWER_START.match(following) and following[0].islower():
        return True
    camel = _CAMEL_END.search(line)
    start = _CAMEL_START.match(following)
    # "XG-" / "Boost": an all-caps part; "Light-" / "GBM", "Mu-" / "JoCo": a capital inside the rest.
    return bool(camel and start and (camel.group(0)[1].isupper() or len(start.group(0)) > 1))


# Unicode categories of pictograms set before headings: other symbols (U+2699 GEAR, emoji).
_PICTOGRAMS = frozenset({"So", "Sk", "Sm"})


def heading_section(line: str, current: str | None = None, *, near_top: bool = False,
                    lower_case: bool = False) -> str | None:
    """Return the section a heading line opens, or None when the line is not a heading.

    Args:
        line: one line of text.
        current: the section the line is in; an unknown ALL-CAPS line inside an entry
            section ("ACME CORP" under EXPERIENCE) is an entry line, not a new section.
        near_top: the line is among the first two (a name, a headline such as "Customer
            service"), where only a known heading or one in capitals or marked opens a section.
        lower_case: the document sets its headings in lower case ("work experience"), so a
            known heading in lower case is one.
    """
    stripped = line.strip()
    # A pictogram before a heading ("\u2699 TECH STACK", "\u2605 Experience") is decoration.
    if stripped and not stripped[0].isascii() and unicodedata.category(stripped[0]) in _PICTOGRAMS:
        k = 0
        while k < len(stripped) and (stripped[k] in " \ufe0f" or unicodedata.category(stripped[k]) in _PICTOGRAMS):
            k += 1
        stripped = stripped[k:]
    # "Publications (selected)", "EXPERIENCE (continued)": the heading is what comes before,
    # however long the qualifier ("(alphabetical authorship unless marked +; over 80 articles)").
    qualified = _QUALIFIER.match(stripped) if len(stripped) <= 150 and ")" in stripped else None
    if qualified:
        found = heading_section(qualified.group(1), current)
        if found is not None:
            return found
    if len(line) > 60:
        return None
    # marked as headings are: "## x", "=== x ===", "x:", "// x" (a code comment), "\u00a7 x"
    marked = stripped.startswith(("#", "=", "//", "\u00a7")) or stripped.endswith(":")
    # A lower-case line is the tail of a wrapped line ("training"), not a heading.
    if stripped[:1].islower() and not marked and not (lower_case and stripped.casefold() in _HEADINGS):
        return None
    # Both substitutions only where they can change something (most lines are plain words).
    if marked or stripped[-1:] in ":#=_*|-":
        stripped_marks = _HEADING_CLEAN.sub("", stripped)
    else:
        stripped_marks = stripped
    cleaned = stripped_marks.strip().strip("*").strip()
    if "  " in cleaned or not cleaned.isprintable():  # else every white space is one space already
        cleaned = _SPACES.sub(" ", cleaned)
    cleaned = cleaned.casefold()
    if cleaned in _HEADINGS:
        return _HEADINGS[cleaned]
    if "-" in cleaned and (spaced := cleaned.replace("-", " ")) in _HEADINGS:  # "Open-Source Contributions"
        return _HEADINGS[spaced]
    # the other number of a known heading of two words or more ("Professional Experiences"; a lone
    # "Journal" or "Conference" is a part of a publication list)
    other = cleaned[:-1] if cleaned.endswith("s") else f"{cleaned}s"
    if " " in cleaned and other in _HEADINGS:
        return _HEADINGS[other]
    # A heading in two languages ("ENSEIGNEMENT / TEACHING", "Formación / Education"): the
    # part gapcheck knows.
    if " / " in cleaned and (stripped.isupper() or marked
                             or all(_heading_case(p.strip()) or _caseless(p.strip()) for p in stripped.split(" / "))):
        for part in cleaned.split(" / "):
            part = part.strip()
            found = _HEADINGS.get(part) or (_by_head_noun(part) if stripped.isupper() or marked else None)
            if found is not None:
                return found
    # An unknown heading in heading style (ALL CAPS, "## x", "=== x ===", "x:") still opens a
    # section when it contains a section keyword ("RELEVANT WORK EXPERIENCE").
    if _studies_and_posts(cleaned) and (stripped.isupper() or marked or _heading_case(stripped)):
        return "experience"
    if (stripped.isupper() or marked) and 0 < len(cleaned.split()) <= 5:
        for key, section in _KEYWORDS:
            if key in cleaned:
                return section
        found = _by_head_noun(cleaned)
        if found is not None:
            return found
        if stripped.isupper() and len(cleaned) > 3 and current not in _ENTRY_SECTIONS:
            return "other"
    elif (current not in {None, "skills", "experience"} and not (current == "header" and near_top)
          and _heading_case(stripped)):
        return _by_head_noun(cleaned)
    elif (_heading_case(stripped) and len(words := cleaned.split()) <= 4 and "of" not in words
          and _HEAD_WORDS.get(words[-1]) == "publications"):
        # no job's title ends in "Publications" or "Talks" ("Research Publications" after the posts)
        return "publications"
    return None


_AND = re.compile(r"\s+(?:and|&)\s+")


def _by_head_noun(cleaned: str) -> str | None:
    """The section of a heading by its head noun; in "TEACHING AND SUPERVISION" the first of the
    two it names ("TALKS & SERVICE": talks). Studies joined with posts ("EDUCATION AND POSITIONS",
    "Employment & Education") are experience: its entries' degree lines are read as degrees there
    (DEGREE_LINE), while under education the posts would be lost."""
    named = _parts_named(cleaned)
    if len(named) > 1:
        if "education" in named and "experience" in named:
            return "experience"
        if named[0] is not None:
            return named[0]
    return _HEAD_WORDS.get(cleaned.split()[-1])


def _parts_named(cleaned: str) -> list[str | None]:
    """The section each part of a joined heading names ("education and positions": education, experience)."""
    return [_HEADINGS.get(p) or _HEAD_WORDS.get(p.split()[-1]) if p else None for p in _AND.split(cleaned)]


def _studies_and_posts(cleaned: str) -> bool:
    """A heading that joins studies with posts ("education and positions"): see _by_head_noun."""
    named = _parts_named(cleaned) if _AND.search(cleaned) else []
    return "education" in named and "experience" in named


def _caseless(part: str) -> bool:
    """A short part in a script without case ("学歴", "職務要約"): a heading's case says nothing of it."""
    return 0 < len(part) <= 12 and " " not in part and not any(c.isupper() or c.islower() for c in part)


def _heading_case(stripped: str) -> bool:
    """A short line in a heading's case: up to five words in Title Case ("Invited and Plenary
    Talks"), four in sentence case ("Grants and awards"), of letters only, the first capitalised."""
    words = stripped.rstrip(":").split()
    title = all(w[:1].isupper() or w in ("and", "of", "&") for w in words)
    return (0 < len(words) <= (5 if title else 4) and words[0][:1].isupper()
            and all(w == "&" or w.replace("-", "").isalpha() for w in words))


def _is_prose(line: str) -> bool:
    """A sentence of some length: at least 15 words with a full stop in or at the end."""
    return len(line.split()) >= 15 and (line.rstrip().endswith(".") or ". " in line)


def _margin_heading(body: str) -> tuple[str, str, str] | None:
    """(section, heading, rest) when ``body`` opens with a known heading in capitals followed by
    other words: all its capitalised words up to a "|" or the first word not in capitals form
    the heading ("INVITED TALKS DSSGx, ..."); an unknown run of capitals ("PROJECT MANAGER |
    Acme") is no heading."""
    words = body.split(" ")
    run = 0
    while run < len(words) and run < 5 and (words[run].isupper() or words[run] == "&"):  # "|" is no capital
        run += 1
    if run == 0 or run == len(words) or words[run - 1] == "&":
        return None
    rest = " ".join(words[run:]).lstrip("| ").strip()
    if not rest or rest[0] in ":;,.(":  # "SELECTED PUBLICATIONS ((s) = my student)" is a qualified heading
        return None
    head = " ".join(words[:run])
    cleaned = head.casefold()
    found = _HEADINGS.get(cleaned) or (_by_head_noun(cleaned) if run >= 2 else None)
    return (found, head, rest) if found is not None else None


def _continues_inline(lines: list[TextLine], section: str, bullet: bool, body: str) -> bool:
    """True when ``body`` wraps the labelled list on the line before it: that line took an
    inline label's section, did not end a sentence, and this line is no label or bullet."""
    if not lines or bullet or lines[-1].heading or lines[-1].section == section:
        return False
    prev = lines[-1].text.rstrip()
    return not prev.endswith((".", ":", ";")) and ":" not in body[:40]


# Sections that a summary's heading right under them does not belong to.
_OPEN_SECTIONS = frozenset({"header", "summary", "other"})


def _entry_follows(raw_lines: list[str], k: int) -> bool:
    """Whether the line after ``k`` opens the next job (its dates, with a month or "present", and
    no list of items): then ``k`` labels its job's list ("Skills:"), not a section of its own; a
    skills list may name versions ("SQL Server 2012 - 2019")."""
    body = next((b for raw in raw_lines[k + 1 :] if (b := raw.strip())), "")
    m = _RANGE.search(body)
    return (m is not None and body.count(",") < 2
            and (bool(m["present"]) or any(m[p + g] for p in "ab" for g in _MONTHS_OF_A_DATE)))


_MONTHS_OF_A_DATE = ("mon", "pmon", "num", "num2", "season")  # _dates._DATE's groups that give a month


# A heading's first line that goes on ("Positions of", "Projects and"): a known heading, then a link word.
_WRAPS = re.compile(r"^(\w+(?: \w+)?) (?:and|of|&|for)$", re.I)


def wrapped_heading(first: str, second: str, current: str | None = None, *, lower_case: bool = False) -> str | None:
    """The section a heading wrapped onto two lines in a narrow margin opens, or None: a known one
    ("Scholastic" / "Achievements"), or a known heading and a link word, then the rest ("Projects and" /
    "Developments"); a job's title wrapped so ("Head of" / "Customer Service") opens none."""
    if len(first) > 30:
        return None
    joined = f"{first} {second}"
    wraps = _WRAPS.match(first)
    return _HEADINGS.get(joined.rstrip(":").casefold()) or (
        heading_section(joined, current, lower_case=lower_case)
        or (_by_head_noun(joined.casefold()) if _heading_case(joined) else None)
        if wraps and wraps[1].casefold() in _HEADINGS else None)


def split_sections(text: str, source: str = "<text>", kind: str = "text") -> NormalDocument:
    """Normalise ``text`` and label each line with its section.

    Returns:
        A :class:`NormalDocument` whose ``text`` is the cleaned lines joined by newlines.
    """
    normal = normalise_text(text)
    # Columns are marked by "|" or by a gutter of spaces; "|" runs are looked for only in a text with one.
    raw_lines = unfold_columns(normal.split("\n"), bars="|" in normal)
    # Join words hyphenated across a line end ("engin-\neering").
    merged: list[str] = []
    for line in raw_lines:
        if merged and merged[-1].endswith(("-", "\u2010")) and _broken_word(merged[-1], line.strip()):
            merged[-1] = merged[-1][:-1] + line.strip()
        else:
            merged.append(line)
    lines: list[TextLine] = []
    section = "header"
    own_line_headings = False  # a heading has stood on a line of its own
    wrapped: set[int] = set()  # a heading's second line, read with its first
    # Headings set in lower case: two lines or more that are each a known heading in lower case.
    lower_case = sum(1 for raw in merged if (t := raw.strip()).islower() and t.casefold() in _HEADINGS) >= 2
    for k, raw in enumerate(merged):
        line = _close_spacing(raw)
        bullet = bool(_BULLET.match(line)) and not _DECIMAL.match(line)
        body = _BULLET.sub("", line) if bullet else line
        if "  " in body or "\u00a0" in body:  # else every run is one space already: no call
            body = _RUN_OF_SPACES.sub(" ", body)
        body = body.strip()
        if not body or k in wrapped:
            continue
        found = heading_section(body, section, near_top=len(lines) < 2, lower_case=lower_case)
        if found is None and not bullet and k + 1 < len(merged):
            found = wrapped_heading(body, merged[k + 1].strip(), section, lower_case=lower_case)
            if found is not None:
                body = f"{body} {merged[k + 1].strip()}"
                wrapped.add(k + 1)
        if found == "skills" and section in _ENTRY_SECTIONS and body.endswith(":") and _entry_follows(merged, k):
            found = None  # "Skills:" inside a job, over its list: the next job's dates come before a heading
        if found == "summary" and lines and lines[-1].heading and lines[-1].section not in _OPEN_SECTIONS:
            found = lines[-1].section  # "Publications" / "Summary:": the first part of the section above
        # A square or an arrow may mark a heading rather than an item ("■ 学歴 / Education",
        # "▶ EXPERIENCE"): so when what follows is in two languages or in capitals.
        if found is not None and (not bullet or (line.lstrip()[:1] in _HEADING_MARKS and found != "other"
                                                 and (" / " in body or body.isupper()))):
            section = found
            own_line_headings = True
            lines.append(TextLine(len(lines) + 1, body, section, heading=True))
            continue
        # Only a CV whose headings all stand in the margin so far: elsewhere a line such as
        # "TECH STACK PyTorch, Airflow" inside a job entry is that entry's label.
        margin = (_margin_heading(body) if not bullet and body[:2].isupper() and not own_line_headings
                  else None)
        if margin is not None:
            # A heading set in the margin, on the same line as the section's first entry
            # ("PUBLICATIONS   Forecasting with sktime ...", "EDUCATION | UCL, 2017 - today").
            section, head, body = margin
            lines.append(TextLine(len(lines) + 1, head, section, heading=True))
        inline = _INLINE_HEADING.match(body) if ":" in body else None  # a label ends with a colon
        line_section = section
        if inline and section in ("header", "other", "summary", "skills"):
            found = heading_section(inline.group(1))
            if found is None and inline.group(2) and not inline.group(1).isascii():  # "İlgi alanı (interest):"
                found = heading_section(inline.group(2) + ":")
            # A skills list may end with a line of interests or plans ("Interests: reinforcement
            # learning"), but its own labels are its items ("Training: DeepSpeed", "Personal: Git").
            if section == "skills" and not _NOT_SKILLS_LABEL.search(f"{inline.group(1)} {inline.group(2) or ''}"):
                found = None
            if found in _INLINE_SECTIONS:
                line_section = found
        elif _continues_inline(lines, section, bullet, body):
            # A labelled list wrapped onto the next line ("Planned coursework: Deep Learning,
            # Natural Language" / "Processing, Computer Vision") keeps its label's section.
            line_section = lines[-1].section
        if line_section in ("header", "other") and _is_prose(body):
            # A paragraph under the name or under a heading gapcheck does not know ("RESEARCH")
            # tells what the person did, as a summary does.
            line_section = "summary"
        lines.append(TextLine(len(lines) + 1, body, line_section, bullet=bullet))
    starts, offset = [], 0
    for tl in lines:
        starts.append(offset)
        offset += len(tl.text) + 1
    return NormalDocument(
        source=source, kind=kind, text="\n".join(tl.text for tl in lines),
        lines=tuple(lines), line_starts=tuple(starts),
    )
