"""Where a mention stands: headings, contact lines, job titles, degree subjects and the labels
of grouped skills lists."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from typing import cast

from gapcheck._authors import own_lines
from gapcheck._dates import _RANGE
from gapcheck._degrees import _DEGREE, doctorate_before, thesis_before
from gapcheck._heads import _dates_then_title, _only_dates, under_field_title
from gapcheck._mention import Mention
from gapcheck._text import _EMAIL, _PHONE, quick_start
from gapcheck.normalise import HELD_TYPES, NOT_HELD, NormalDocument, TextLine
from gapcheck.results import RejectReason
from gapcheck.taxonomy import Taxonomy

_WORDS_ONLY = re.compile(r"[^\w]+")
_HEADING_PARTS = re.compile(r"\s+(?:and|&)\s+|[/,|]")


def _heading_is_the_skill(tl: TextLine, term: str) -> bool:
    """An experience heading that is itself a skill ("TEACHING", "Leadership") heads lines
    that show it; any other heading ("PUBLICATIONS", "Skills") claims nothing."""
    if not (tl.heading and tl.section == "experience"):
        return False
    parts = {_WORDS_ONLY.sub("", p) for p in _HEADING_PARTS.split(tl.text.casefold())}
    return _WORDS_ONLY.sub("", term.casefold()) in parts


# "Maths: linear algebra, ..." or a table row "| ML | PyTorch, scikit-learn |".
_LABEL = re.compile(r"^\W*([A-Za-z][\w&/+.-]*(?: [\w&/+.-]+){0,3})(?::|\s+\|)\s*\S")


def _category_labels(ndoc: NormalDocument, mentions: list[Mention], taxonomy: Taxonomy) -> set[int]:
    """Indexes of mentions that only name the group of a grouped skills line ("Maths: linear
    algebra, probability"; "ML: PyTorch, deep learning"): the label is a top-level field
    (nothing is broader than it) and broader than a skill listed after it, so the items are
    the claim and the field is implied by them. A narrower label keeps its claim
    ("Statistics: hypothesis testing"), and so do tools and languages ("Python: pandas")."""
    out: set[int] = set()
    by_line: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_line.setdefault(m.line, []).append(i)
    for idxs in by_line.values():
        if len(idxs) < 2:
            continue
        label = _LABEL.match(mentions[idxs[0]].line_text)
        if label is None:
            continue
        colon = label.end(1)
        items = {mentions[i].skill_id for i in idxs if _column(ndoc, mentions[i]) > colon}
        for i in idxs:
            m = mentions[i]
            skill = taxonomy.skill_by_id[m.skill_id]
            if (_column(ndoc, m) + (m.end - m.start) <= colon and not skill.broader and skill.type != "tool"
                    and skill.category not in taxonomy.language_categories
                    and any(m.skill_id in taxonomy.ancestors(item) for item in items)):
                out.add(i)
    return out


def _column(ndoc: NormalDocument, m: Mention) -> int:
    """Where the mention starts within its line."""
    return m.start - ndoc.line_starts[m.line - 1]


def _is_contact_line(text: str) -> bool:
    # An address has an "@": most lines have none, and are not searched for one.
    return len(text.split()) <= 16 and bool(("@" in text and _EMAIL.search(text)) or _QUICK_PHONE.search(text))


_QUICK_PHONE = quick_start(_PHONE)  # tried only where a digit, "(" or "+" starts


# The parts of a header line that a resume's template strings together ("Senior MLOps Engineer |
# Denver, CO | farid@example.com"), and a web address among them.
_HEADER_PART = re.compile(r"\s+[|\u00b7\u2022\u22c4\u25e6\u2013\u2014]\s+|\s{2,}")
_WEB = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io|dev|me|ai)(?:/\S*)?", re.I)


def contact_detail(tl: TextLine, column: int) -> bool:
    """True when the text at ``column`` of a contact line (``_is_contact_line``) is contact
    details, which claim nothing.

    A contact line ("Ray Chen, Director of Risk Analytics, ray@example.com") claims nothing as
    a whole, except in the header, where a template may run the headline into the contact line
    ("Senior MLOps Engineer | Denver, CO | farid@example.com", as the same resume typed as text
    puts it on a line of its own): there only the parts with an e-mail, phone or web address do.
    """
    if tl.section != "header":
        return True
    start = 0
    for sep in [*_HEADER_PART.finditer(tl.text), None]:
        end = sep.start() if sep else len(tl.text)
        if column < end:
            part = tl.text[start:end]
            return bool(_EMAIL.search(part) or _PHONE.search(part) or _WEB.search(part))
        start = sep.end() if sep else end
    return True


_DATED = re.compile(r"\b(?:19|20)\d{2}\b|\b(?:present|current|now)\b", re.I)
# A comma or colon right after the degree's name introduces its subject ("BSc, Mathematics").
_SUBJECT_AFTER = re.compile(r"\s*[,:]\s*")
_TITLE_END = re.compile(r",|\(|\||\s[—–-]\s|\s@\s|\sat\s")


_COMPANY_SUFFIX = re.compile(r"\b(?:ltd|inc|co|corp|llc|plc|pte|gmbh|b\.v|bv|ag|s\.a|sa|s\.p\.a|oy|ab|kk)\.$", re.I)


# "Tools: Python, SQL" closing an entry is a labelled list, not the next entry's title.
_LABELLED = re.compile(r"^[A-Za-z][\w&/+ -]{0,30}:\s")
# A job's list of what it used ("Skills: PyTorch, ONNX"), not its "Designation:" or "Employer:".
_LIST_LABEL = re.compile(r"^(?:key\s+|technical\s+)?(?:skills?|tools?(?:\s+used)?|technolog(?:y|ies)|tech(?:\s+stack)?|"
                         r"stack|environment|frameworks?|libraries|keywords)\s*:", re.I)
# An entry's header is its dated line and up to this many short lines above it (title, then
# employer and place); the same words typeset as "Title | Place Date" make one line.
_HEADER_ABOVE = 2
_SHORT = 14  # words: a header line, or a line next to one, is no longer than this...
_LONG_HEADER = 22  # ...unless it is dated and names things: "Teaching Assistant, Deep Learning, Pacific
# Northwest Institute of Technology - Portland, OR | 2020 - 2021" in one line
_LINK_WORDS = frozenset({"of", "and", "for", "the", "in", "at", "on", "&", "de", "to", "a"})
_TITLE_WORDS = 6  # a line under an entry's dates with more words, not named, is its first sentence


def _named(words: list[str]) -> bool:
    """True when nearly every word that is not a small word or a date starts with a capital:
    a title, an employer and a place, not a sentence."""
    named = [w for w in words if w[:1].isalpha() and w.casefold() not in _LINK_WORDS and not _DATED.search(w)]
    return bool(named) and sum(w[:1].isupper() for w in named) >= 0.85 * len(named)


def _lower(text: str) -> bool:
    """True for a line whose words are mostly in lower case: a topic or a task ("Interpretable
    deep learning", a list item whose bullet the PDF drew as a shape), not an employer or a
    place, which are named."""
    named = [w for w in text.split() if w[:1].isalpha() and w.casefold() not in _LINK_WORDS]
    return len(named) >= 2 and sum(w[:1].isupper() for w in named) < 0.5 * len(named)


def _sentence(text: str) -> bool:
    """True for a line that reads as the start of a sentence rather than a title: longer than a
    title and not named ("Built batch pipelines in Python and Apache Spark; scheduled them with")."""
    words = [w for w in text.split() if w != "|"]
    return len(words) > _TITLE_WORDS and not _named(words) and not _DATED.search(text)


def _entry_headers(ndoc: NormalDocument) -> set[int]:
    """Line numbers of experience entry headers: a short, non-bullet line that carries a date,
    the line after it when short, and the run of up to two short lines above it that open the
    entry ("Data Scientist" / "Acme, Austin" / "2019 - 2023" as well as "Data Scientist, Acme,
    2019 - 2023"). The second line up joins only when it starts like a title (a capital or a
    digit, not a wrapped sentence's lower-case tail) and is no labelled list ("Tools: SQL")."""
    def short(tl: TextLine) -> bool:
        if tl.section != "experience" or tl.heading or tl.bullet:
            return False
        # The " | " that the PDF reader puts between a title and the dates set apart from it is
        # not a word of the line.
        words = [w for w in tl.text.split() if w != "|"]
        if len(words) > _SHORT and not (len(words) <= _LONG_HEADER and _named(words) and _DATED.search(tl.text)):
            return False
        text = tl.text.rstrip()
        # "Acme Pte. Ltd." ends a name, not a sentence
        return not text.endswith(".") or not _COMPANY_SUFFIX.sub("", text).endswith(".")

    lines = ndoc.lines
    shorts = [short(tl) for tl in lines]
    dated = {i for i, tl in enumerate(lines) if shorts[i] and _DATED.search(tl.text)}
    # Dates on a line of their own that opens the section ("April 2021 - May 2022" / "Working
    # Student at Acme" / what was done): each entry's header is below its dates, and the line
    # above a date is the description of the entry before.
    first: dict[str, int] = {}
    for i, tl in enumerate(lines):
        if not tl.heading:
            first.setdefault(tl.section, i)
    dates_first = {lines[i].section for i in dated if first.get(lines[i].section) == i and _only_dates(lines[i].text)}
    out = set()
    for i in dated:
        out.add(lines[i].number)
        if i + 1 < len(lines) and shorts[i + 1] and not _sentence(lines[i + 1].text) and not _lower(lines[i + 1].text):
            out.add(lines[i + 1].number)
        # A line that opens with its dates and goes on with the title ("2021 - present  ML Engineer,
        # Acme") has its header in itself: the lines above it end the entry before.
        above = 0 if _dates_then_title(lines[i].text) or (
            lines[i].section in dates_first and _only_dates(lines[i].text)) else _HEADER_ABOVE
        for j in range(i - 1, max(i - 1 - above, -1), -1):
            text = lines[j].text
            # A job's labelled list ("Skills: PyTorch, ONNX") ends the entry above: no title of the next.
            if j in dated or not shorts[j] or (_LIST_LABEL.match(text) and "," in text):
                break
            # The line right above the date has always been its header; one further up must
            # look like a title.
            if j < i - 1 and (not (text[:1].isupper() or text[:1].isdigit()) or _LABELLED.match(text)):
                break
            out.add(lines[j].number)
    return out


def _place_reason(ndoc: NormalDocument, m: Mention, headers: set[int], taxonomy: Taxonomy) -> RejectReason | None:
    """Why a mention is not a skill claim because of where it stands, or None.

    - the section's own reason, for sections whose mentions are not held (``interest`` under
      interests or hobbies, ``learning`` under "Currently learning", ``goal`` under "Goals",
      ``others_work`` for the theses under "Supervision"), but for the types it keeps held;
    - ``job_title``: part of a job title line ("Software Engineer, Acme, 2016-2019"), unless it
      is a credential;
    - ``degree``: the subject of a degree ("B.S. Mathematics").
    """
    if m.section in NOT_HELD and taxonomy.skill_by_id[m.skill_id].type not in HELD_TYPES.get(m.section, ()):
        return cast(RejectReason, NOT_HELD[m.section])
    if m.line in headers and taxonomy.skill_by_id[m.skill_id].type != "credential":
        return "job_title"
    if _degree_subject(ndoc, m):
        # A doctorate's subject and a thesis's topic are the person's research, not a degree's subject.
        column = _column(ndoc, m)
        if not (doctorate_before(m.line_text, column) or thesis_before(m.line_text, column)):
            return "degree"
    return None


def _degree_subject(ndoc: NormalDocument, m: Mention) -> bool:
    """True when the mention is the subject of a degree ("B.S. Mathematics, Rice, 2018")."""
    if m.section != "education":
        return False
    text = m.line_text
    degree = _DEGREE.search(text)
    a = _column(ndoc, m)
    if not degree or degree.end() > a:
        return False
    # Between the degree and the end of the mention nothing may end the title. A date range
    # there is a note the layout put there ("B.S. Aug 2017 - May 2021 Statistics"): blanked, it
    # ends nothing.
    start = degree.end()
    comma = _SUBJECT_AFTER.match(text, start)
    if comma:
        start = comma.end()
    between = _RANGE.sub(lambda r: " " * len(r[0]), text[start : a + (m.end - m.start)])
    return _TITLE_END.search(between) is None


# Sections that tell of work done (a summary or a skills list only claims).
_WORK_SECTIONS = frozenset({"experience", "projects"})
# Sections where a skill stands in a list rather than in a sentence about work.
_LIST_SECTIONS = frozenset({"skills", "certifications", "courses"})
# A resume is in the field (or, for a skills list, technical) when it holds this many such skills
# in terms with no other sense.
_FIELD_DOCUMENT = 3


_FIELD_METHODS: dict[str, frozenset[str]] = {}


def _field_methods(taxonomy: Taxonomy) -> frozenset[str]:
    """The field's methods and tools, worked out once per taxonomy; its maths (hypothesis tests,
    A/B tests) serves many trades."""
    found = _FIELD_METHODS.get(taxonomy.content_hash)
    if found is None:
        found = _FIELD_METHODS[taxonomy.content_hash] = frozenset(
            i for i in taxonomy.field_skills if taxonomy.skill_by_id[i].type != "math")
    return found


def other_sense_mentions(ndoc: NormalDocument, mentions: list[Mention], headers: set[int],
                         taxonomy: Taxonomy) -> set[int]:
    """Indexes of held mentions in a term with a common sense outside the field ("ensemble",
    "boosting bookings", "GCP" in a clinical trial) with no work of the skill's own kind around them.

    The kind: a named tool (Kafka, Snowflake) is meant technically when technical skills stand
    beside it; a method or an application (boosting, fine-tuning, market segmentation) when the
    field's own methods and tools do (not its maths, which many trades use). Beside means in
    the same sentence, or in the same job entry on the same line or the next, in terms with no
    other sense. Two such tools named together
    ("Kafka into Snowflake") vouch for each other; a resume that shows work in the field (three
    of its skills in experience or projects) vouches for all, and a skills list of a technical resume
    (three technical skills) for its items, and a job title that names the field for its entry."""
    senses, plain = taxonomy.other_senses, taxonomy.plain_patterns
    # Work in plain words (Skill.plain_patterns; not a match of the skill's own patterns) needs the
    # field's work beside it in its sentence, entry or title: a resume in the field elsewhere (an
    # analyst's ML side project) vouches for none, nor do the words it is made of ("linear
    # regression models to forecast revenue").
    worded = {i for i, m in enumerate(mentions) if m.status == "held" and m.match == "pattern" and m.skill_id in plain
              and any(rx.search(m.term.casefold()) for rx in plain[m.skill_id])
              and not any(re.search(p, m.term.casefold()) for p in taxonomy.skill_by_id[m.skill_id].patterns)}
    flagged = worded | {i for i, m in enumerate(mentions) if m.status == "held" and m.skill_id in senses
                        and _other_sense_term(m, senses[m.skill_id])}
    if not flagged:
        return set()
    technical = taxonomy.technical_skills
    field = _field_methods(taxonomy)
    spans = [(mentions[i].start, mentions[i].end) for i in worded]
    solid = [m for i, m in enumerate(mentions) if m.status == "held" and m.skill_id in technical and i not in flagged
             and not any(a - 1 <= m.end and m.start < b for a, b in spans)]  # in the words, or right before
    document = len({m.skill_id for m in solid if m.section in _WORK_SECTIONS} & field) >= _FIELD_DOCUMENT
    if document and not worded:
        return set()
    entry_of = _entries(ndoc, headers)
    sentence = _Sentences(ndoc)

    def places(kind: frozenset[str]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
        ms = [m for m in solid if m.skill_id in kind]
        # Beside in an entry is on the same line or the next: a long entry's other bullets tell
        # of other work (a translator's MT post-editing vouches for no "distribution transformer").
        return {sentence(m) for m in ms}, {(entry_of[m.line], m.line + d) for m in ms for d in (-1, 0, 1)}

    beside = {"tool": places(technical), "field": places(field)}
    titled = under_field_title(ndoc, headers, taxonomy)
    technical_document = len({m.skill_id for m in solid}) >= _FIELD_DOCUMENT
    is_tool = {i: taxonomy.skill_by_id[mentions[i].skill_id].type == "tool" for i in flagged}
    tools_on_line: dict[int, set[str]] = {}
    for i in flagged:
        if is_tool[i]:
            tools_on_line.setdefault(mentions[i].line, set()).add(mentions[i].skill_id)
    out = set()
    for i in flagged:
        m = mentions[i]
        if document and i not in worded:
            continue
        sentences, entries = beside["tool" if is_tool[i] else "field"]
        if not (sentence(m) in sentences or (entry_of[m.line], m.line) in entries or m.line in titled
                or len(tools_on_line.get(m.line, ())) >= 2
                or (m.section in _LIST_SECTIONS and technical_document)):
            out.add(i)
    return out


def phrase_sense_mentions(ndoc: NormalDocument, mentions: list[Mention], taxonomy: Taxonomy) -> set[int]:
    """Indexes of held mentions that stand inside a longer name of something else ("computer
    vision syndrome", "galaxy clustering", "self-driving laboratories"; the taxonomy's
    ``other_senses`` with a ``phrase``): they never count, whatever stands beside them. The
    phrase's words may be parted by any white space, a line break included."""
    phrases = taxonomy.sense_phrases
    text = ndoc.text
    out = set()
    for i, m in enumerate(mentions):
        if m.status != "held" or m.skill_id not in phrases:
            continue
        term = m.term.casefold().replace("-", " ")
        for t, phrase in phrases[m.skill_id]:
            t = t.replace("-", " ")
            if term != t and term.removesuffix("s") != t:
                continue
            window = max(0, m.start - 2 * len(phrase))
            if any(p.start() <= m.start and m.end <= p.end()
                   for p in _phrase_pattern(phrase).finditer(text, window, m.end + 2 * len(phrase))):
                out.add(i)
    return out


@functools.cache
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase's words, apart by any white space or a hyphen, in any case; its last word may go on
    ("self-driving lab" in "self-driving laboratories", "conformer-ensemble" for "conformer ensemble")."""
    return re.compile(r"(?<!\w)" + r"(?:\s+|-)".join(map(re.escape, phrase.split())), re.I)


def _other_sense_term(m: Mention, terms: frozenset[str]) -> bool:
    """True when the mention's words are a term with another sense, in the singular or the
    plural ("ensembles" as "ensemble"), or a near spelling of the skill the fuzzy model found
    ("transformed" for transformers): no weaker than the word itself. A hyphenated compound is
    its spaced term ("neural-network activity")."""
    folded = m.term.casefold()
    forms = (folded, folded.replace("-", " ")) if "-" in folded else (folded,)
    return m.match == "fuzzy" or f"={m.term}" in terms or any(
        f in terms or f.removesuffix("s") in terms or f"{f}s" in terms for f in forms)


_SENTENCE_END = re.compile(r"[.;!?](?=\s)")


class _Sentences:
    """(line, sentence within the line) of a mention: a prose paragraph is one line of many
    sentences. Each line's sentence ends are found once (a one-line resume has thousands of
    mentions on its one line)."""

    def __init__(self, ndoc: NormalDocument) -> None:
        self.ndoc = ndoc
        self.ends: dict[int, list[int]] = {}

    def __call__(self, m: Mention) -> tuple[int, int]:
        ends = self.ends.get(m.line)
        if ends is None:
            ends = self.ends[m.line] = [e.start() for e in _SENTENCE_END.finditer(m.line_text)]
        return m.line, bisect_left(ends, _column(self.ndoc, m))


def _entries(ndoc: NormalDocument, headers: set[int]) -> dict[int, int]:
    """Line number -> its block: a heading or a job's header line starts a new one."""
    out, block = {}, 0
    for tl in ndoc.lines:
        if tl.heading or tl.number in headers:
            block += 1
        out[tl.number] = block
    return out


def title_only(mentions: list[Mention], taxonomy: Taxonomy, ndoc: NormalDocument | None = None) -> set[int]:
    """Indexes of held mentions of skills named only under publications and talks: a paper's
    title says what the paper is about, not what each of its authors did. (Quoted titles
    elsewhere are left alone: a thesis or a course taught is the person's own; a credential,
    such as the venue a paper appeared at, is what a publication list shows.) A paper whose
    first author is the person is their own work."""
    own = own_lines(ndoc) if ndoc is not None else frozenset()
    titled = {i for i, m in enumerate(mentions) if m.status == "held" and m.section == "publications"
              and m.line not in own and taxonomy.skill_by_id[m.skill_id].type != "credential"}
    elsewhere = {m.skill_id for i, m in enumerate(mentions) if m.status == "held" and i not in titled}
    return {i for i in titled if mentions[i].skill_id not in elsewhere}


# "GCP (Good Clinical Practice)": an acronym followed by the words it stands for.
_EXPANSION = re.compile(r"\s*\(([A-Za-z][A-Za-z&/ -]{4,60})\)")
_SMALL_WORDS = frozenset({"of", "and", "for", "the", "in", "on", "to", "&"})


def expanded_otherwise(ndoc: NormalDocument, mentions: list[Mention], taxonomy: Taxonomy) -> set[int]:
    """Indexes of held mentions of an acronym that the resume spells out as something other
    than the skill: "GCP (Good Clinical Practice)" is not Google Cloud, "NLP (Neuro-Linguistic
    Programming)" not language processing."""
    out = set()
    for i, m in enumerate(mentions):
        if m.status != "held" or not (2 <= len(m.term) <= 6 and m.term.isupper()):
            continue
        end = _column(ndoc, m) + len(m.term)
        spelled = _EXPANSION.match(m.line_text, end)
        if spelled is None:
            continue
        words = [w for w in re.split(r"[\s/-]+", spelled[1]) if w and w.casefold() not in _SMALL_WORDS]
        if "".join(w[0] for w in words).casefold() != m.term.casefold():
            continue  # brackets that do not spell the acronym out ("Python (pandas)")
        skill = taxonomy.skill_by_id[m.skill_id]
        terms = {t.casefold() for t in (skill.name, *skill.aliases)}
        if spelled[1].strip().casefold() not in terms:
            out.add(i)
    return out
