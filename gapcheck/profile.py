"""Stage 4: turn skill mentions into a profile: proficiency, years, last use, implied skills and signals."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from gapcheck._dates import _RANGE_TAIL, _union_length, date_ranges, ends_open
from gapcheck._degrees import _DEGREE, DEGREE_LINE, _names_doctorate, doctorate_subject, research_lines
from gapcheck._degrees import doctoral as _phd
from gapcheck._frozen import quick_init
from gapcheck._lineage import ancestors_of
from gapcheck._mention import Mention
from gapcheck._placement import _column
from gapcheck._record import _doctorate, _ladder_years, career_share, doctoral_lines, paper_share, project_share
from gapcheck._service import published_venues, record_basis, served_venues
from gapcheck._shown import shown_skills
from gapcheck._text import _EMAIL, _PHONE, _search, quick_start
from gapcheck._titles import _entry_text, _field_titles, _names_field, compact, name_pattern, trade_entries
from gapcheck.normalise import USE_SECTIONS, NormalDocument
from gapcheck.taxonomy import Taxonomy

_YEARS_OF = re.compile(r"\b(\d{1,2}(?:\.\d)?)\+?\s*(?:years?|yrs?)\b(?:\s+of)?", re.I)

STRONG_SECTIONS = USE_SECTIONS  # where a skill is shown in use (skill_taxonomy/sections.yaml)


@quick_init
@dataclass(frozen=True)
class SkillRecord:
    """A skill the candidate holds (or that is implied), with its evidence and depth."""

    skill_id: str
    match: str  # exact | alias | pattern | fuzzy | implied | assumed
    proficiency: str  # strong | listed | basic | implied | assumed
    mentions: tuple[Mention, ...]
    years: float | None = None
    last_used: int | None = None
    implied_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """Everything the extractor learned about a candidate."""

    skills: dict[str, SkillRecord]
    rejected: tuple[Mention, ...]
    years_experience: float | None
    experience_entries: int
    relevant_years: float | None = None
    signals: tuple[str, ...] = field(default_factory=tuple)
    contact: dict[str, list[str]] = field(default_factory=dict)
    # Skills shown at work: in experience, projects or publications (or, in a resume without
    # those sections, anywhere but a skills list), as opposed to only listed or claimed.
    shown: frozenset[str] = frozenset()
    publications: int = 0  # entries under publications and talks that carry a year
    research_years: float | None = None  # years of doctoral study, under education or as a post
    # The field's years with the doctorate counted in (when the resume shows work in the field),
    # for roles that ask for the credentials the doctorate's line names.
    years_with_doctorate: float | None = None
    doctoral_skills: frozenset[str] = frozenset()
    # Roles the resume's own titles name (its headline, its latest job's title), by role id.
    title_roles: tuple[str, ...] = ()
    # Whether those titles name a research post ("PhD candidate", "Postdoctoral fellow", "Lecturer").
    research_post: bool = False
    # Roles named, by the role's own name or an alias that names the field ("Data Scientist", "ML Engineer"; not
    # "Research Scientist"), in the title of a dated job held (not a student's), or by a doctorate in the field.
    post_roles: tuple[str, ...] = ()
    # Whether a dated job (a student's only when it lasted half a year) shows a skill of the field, or the
    # resume holds a research post or a job under a field role's name: work in the field, not only projects.
    field_work: bool = False
    # Papers and talks under publications: those that show the field's skills or stand at its
    # venues, and all of them (a geologist's one ML paper among twenty).
    paper_share: tuple[int, int] = (0, 0)
    # Whether a job's entry, the doctorate's research or a job under a field role's name shows the field's work.
    field_beyond_papers: bool = False
    # The dated work: years of the entries that show the field's skills, years of all, and whether the latest
    # entry shows them (None beside a doctorate: research work).
    career_share: tuple[float, float, bool] | None = None
    # The projects: those that show the field's skills, and all of them; None when an experience entry (an
    # internship's too), a thesis or a research post shows the field (a graduate's one vision project of four).
    project_share: tuple[int, int] | None = None
    # Whether the latest dated job shows the field (by its skills or its title), or the doctorate's research or a
    # job under a field role's name does: the field's work now.
    field_now: bool = False
    # The field's skills shown in the jobs held under a field role's name (post_roles): there
    # even the field's own name is its work ("Data Scientist: fraud detection using machine learning").
    post_skills: frozenset[str] = frozenset()
    # The field's venues the person reviews for or serves on the committee of (_service).
    service_venues: tuple[str, ...] = ()
    # The field's venues named in the publications, and how many of their lines name one.
    published_venues: tuple[tuple[str, ...], int] = ((), 0)
    # Years in jobs held under a field role's name that show a method or tool of the field ("Data Scientist").
    post_years: float = 0.0
    # The research roles among post_roles by a doctorate in the field's name, not by a job's title.
    doctoral_roles: tuple[str, ...] = ()


_SIGNALS = {
    "lead": re.compile(r"\b(?:led|lead|leading|head of|managed a team|manager of)\b"),
    "mentoring": re.compile(r"\b(?:mentor(?:ed|ing|s)?|coached)\b"),
    # a principal or staff title, not "principal component analysis" or "trained 60 staff"
    "principal": re.compile(r"\b(?:principal|staff|distinguished)\s+(?:[\w/-]+\s+)?(?:engineer|scientist|researcher|"
                            r"analyst|architect|consultant|statistician|developer)s?\b|\bdirector\s+of\b|"
                            r"\bchief\s+(?:[\w-]+\s+)?(?:officer|scientist|architect)\b|\b(?:head|vp)\s+of\b"),
}  # searched in the lower-cased text; "phd" is a finished doctorate (_doctorate)


def _list_item(ndoc: NormalDocument, m: Mention) -> str:
    """The comma- or semicolon-separated item of its line that holds the mention, so that
    "5 years of Python, 1 year of Scala" gives each skill its own figure."""
    a = _column(ndoc, m)
    b = a + (m.end - m.start)
    text = m.line_text
    left = max(text.rfind(",", 0, a), text.rfind(";", 0, a)) + 1
    ends = [i for i in (text.find(",", b), text.find(";", b)) if i >= 0]
    return text[left : min(ends) if ends else len(text)]


_MATCH_RANK = {"exact": 0, "alias": 1, "pattern": 2, "fuzzy": 3}  # a skill's match is its best mention's


def build_profile(ndoc: NormalDocument, mentions: list[Mention], taxonomy: Taxonomy,
                  *, today: date | None = None, contact: bool = True) -> Profile:
    """Turn mentions into a skill profile with proficiency, years, implied skills and signals
    (and the contact details read, unless ``contact`` is false: nothing else reads them)."""
    today = today or date.today()
    # Experience entries: a dated line in the experience section opens an entry.
    entry_of_line: dict[int, int] = {}
    entries: list[list[tuple[float, float]]] = []
    # Without an experience section (a resume in paragraphs, or with headings gapcheck does not
    # know), jobs are dated in the other prose; degrees are left out.
    work = {"experience"} if any(tl.section == "experience" for tl in ndoc.lines) else {"header", "summary", "other"}
    lines = ndoc.lines
    for k, tl in enumerate(lines):
        if tl.section not in work or tl.heading or (work != {"experience"} and _DEGREE.search(tl.text)) or (
                DEGREE_LINE.match(tl.text) and not _phd(tl.text) and not _JOB_WORD.search(tl.text)):
            continue
        text = tl.text
        # A range wrapped after its dash ("Acme, 2021 -" / "present ...") is read across the break.
        if k + 1 < len(lines) and ends_open(text) and not lines[k + 1].heading:
            tail = _RANGE_TAIL.match(lines[k + 1].text)
            if tail:
                text = f"{text} {tail.group(0)}"
        ranges = date_ranges(text, today)
        if ranges:
            entries.append(ranges)
        if entries:
            entry_of_line[tl.number] = len(entries) - 1
    # Each entry's text (its dated line and the title lines above it), read by three checks below.
    first_lines = _first_lines(entry_of_line)
    entry_texts = {i: _entry_text(ndoc, number) for i, number in first_lines.items()}
    student = _student_jobs(ndoc, entries, entry_texts, today)
    # The field's methods and tools named in a job of a trade that works on its models without
    # making them (a technical writer's, a sales engineer's) are the job's subject; its maths (a
    # marketer's A/B tests) may be the job's own.
    trades = trade_entries(ndoc, first_lines, taxonomy)
    if trades:
        mentions = [replace(m, hedged=True, rule="placement.job_trade") if m.status == "held" and not m.hedged
                    and entry_of_line.get(m.line) in trades and m.skill_id in taxonomy.field_skills
                    and taxonomy.skill_by_id[m.skill_id].type != "math" else m
                    for m in mentions]
    all_ranges = [r for i, e in enumerate(entries) if i not in student for r in e]
    years_total = round(_union_length(all_ranges), 1) if all_ranges else None

    held: dict[str, list[Mention]] = {}
    rejected: list[Mention] = []
    for m in mentions:
        if m.status == "held":
            held.setdefault(m.skill_id, []).append(m)
        else:
            rejected.append(m)
    skills: dict[str, SkillRecord] = {}
    years_said: dict[int, bool] = {}
    # A doctorate's subject and a thesis's title, under education, are the person's research
    # (not the doctorate itself: a credential, scored as such).
    research = research_lines(ndoc)
    credentials = frozenset(sid for sid in held if taxonomy.skill_by_id[sid].type == "credential")
    for skill_id, ms in held.items():
        intervals = [r for m in ms if m.line in entry_of_line for r in entries[entry_of_line[m.line]]]
        years = round(_union_length(intervals), 1) if intervals else None
        for m in ms:
            # A line without "year" or "yr" has no item with them (the common case, and sooner).
            if not years_said.setdefault(m.line, "year" in (line := m.line_text.lower()) or "yr" in line):
                continue
            item = _list_item(ndoc, m)
            low = item.lower()
            stated = [float(x) for x in _YEARS_OF.findall(item)] if "year" in low or "yr" in low else []
            if stated and (years is None or max(stated) > years):
                years = max(stated)
        last_used = int(max(e for _, e in intervals)) if intervals else None
        if all(m.hedged or m.section == "courses" for m in ms):
            proficiency = "basic"
        elif any(m.section in STRONG_SECTIONS for m in ms) or years or (
                skill_id not in credentials and any(m.line in research for m in ms)):
            proficiency = "strong"
        else:
            proficiency = "listed"
        best = min(ms, key=lambda m: _MATCH_RANK[m.match])
        skills[skill_id] = SkillRecord(skill_id, best.match, proficiency, tuple(ms), years, last_used)
    # Implied skills: broader parents of held skills, marked as implied, never as found.
    implied: dict[str, set[str]] = {}
    ancestors = ancestors_of(taxonomy)
    for skill_id in list(skills):
        for parent in ancestors[skill_id]:
            if parent not in held:
                implied.setdefault(parent, set()).add(skill_id)
    for parent, children in implied.items():
        skills[parent] = SkillRecord(parent, "implied", "implied", (), None, None, tuple(sorted(children)))
    # Relevant years: entries that show at least two technical skills, one of them ML-specific: beyond the
    # foundations and outside the generic categories (a maths teacher's decade before a bootcamp, or a backend
    # developer's years, do not make a senior ML engineer).
    per_entry: dict[int, set[str]] = {}
    for m in mentions:
        if (m.status == "held" and not m.hedged and m.line in entry_of_line
                and taxonomy.skill_by_id[m.skill_id].type != "soft"):
            per_entry.setdefault(entry_of_line[m.line], set()).add(m.skill_id)
    field_skills = taxonomy.field_skills
    doctoral_posts = {i for i, text in entry_texts.items() if _phd(text)} - student
    # ... and jobs held under a field role's name, where they show one ("Senior Data Scientist": NLP papers).
    titles = _field_titles(taxonomy)
    posts = {rid: [i for i, text in entry_texts.items() if i not in student and rx.search(text)]
             for rid, rx in titles.items()}
    held_posts = {i for held_under in posts.values() for i in held_under}
    post_skills = frozenset(sid for i in held_posts for sid in per_entry.get(i, ()) if sid in field_skills)
    # ... those that show a method of the field themselves, not only its maths (a "Data Scientist"'s A/B tests)
    showing = {i for i in held_posts if any(sid in field_skills and taxonomy.skill_by_id[sid].type not in _NO_METHOD
                                            for sid in per_entry.get(i, ()))}
    relevant = [r for i, ids in per_entry.items() if (len(ids) >= 2 or i in showing) and ids & field_skills
                and i not in student and i not in doctoral_posts for r in entries[i]]
    doctoral_work = [r for i, ids in per_entry.items() if len(ids) >= 2 and ids & field_skills
                     and i in doctoral_posts for r in entries[i]]
    publications = sum(1 for tl in ndoc.lines if tl.section == "publications" and not tl.heading
                       and _YEAR.search(tl.text))
    # Doctoral years are research years; they count toward the field's years when the resume
    # shows work in the field (a chemistry PhD's years do not make an ML researcher).
    phd_lines = {tl.number for tl in lines if tl.section == "education" and _phd(tl.text)}
    # A doctorate's dates may stand on their own line below its name ("Ph.D. ..." / "Sep 2021 - Present"),
    # or on the school's line above it ("UCL, 2017 - today" / "Ph.D. Candidate, Machine Learning").
    doctoral = [r for tl in lines if tl.section == "education" and _YEAR.search(tl.text)
                and (_phd(_entry_text(ndoc, tl.number, "education")) or _phd(_degree_below(ndoc, tl.number)))
                for r in date_ranges(tl.text, today)]
    # Doctoral time, under education or as a post in the experience ("Doctoral research, 2022 - present").
    doctoral_time = doctoral + [r for i in doctoral_posts for r in entries[i]]
    research_years = round(_union_length(doctoral_time), 1) if doctoral_time else None
    title_roles, post = _title_roles(ndoc, taxonomy)
    # A doctorate still under way is a research post, even listed under education.
    now = today.year + (today.month - 1) / 12
    # ... dated or not ("Ph.D. in Computer Science (current)").
    researching = any(end >= now - 0.1 for _, end in doctoral_time) or any(
        tl.section == "education" and _names_doctorate(tl.text) and _UNDER_WAY.search(tl.text)
        and not _YEAR.search(tl.text) for tl in lines)
    post = post or researching
    # A research post held now, dated (not only a headline's word), makes the summary the research.
    research_posts = _research_posts(entry_texts) - student - trades  # a research coordinator is no researcher
    researching = researching or any(end >= now - 0.1 for i in research_posts for _, end in entries[i])
    # Papers at the field's venues are shown by the papers, not by a visit or a volunteer's post.
    shown = shown_skills(ndoc, held, publications, research, credentials, research_cv=researching,
                   papers_at=taxonomy.paper_venues)
    if doctoral:  # a doctorate is years of full-time research work, even listed under education
        years_total = round(_union_length(all_ranges + doctoral), 1)
    # Work in the field: two of its skills shown, or one beside papers at the field's own venues
    # (a credential read in the publications): a theorist's posts name no skills themselves.
    field_shown = len(shown & field_skills)
    venues = any(m.section == "publications" and taxonomy.skill_by_id[sid].type == "credential"
                 for sid, ms in held.items() for m in ms)
    # Reviewing for three of the field's venues, or papers at three, is its research too: the field asks only its
    # own to judge its papers, and takes few from others.
    served, published = served_venues(ndoc, taxonomy), published_venues(ndoc, taxonomy)
    shows_field = field_shown >= 2 or (field_shown == 1 and venues) or record_basis(served, published) is not None
    if shows_field:
        doctoral_work += doctoral_time
    with_doctorate = _ladder_years(relevant, doctoral_work) if doctoral and shows_field else None
    doctoral_skills = frozenset(sid for sid, ms in held.items() if any(m.line in phd_lines for m in ms)
                                and taxonomy.skill_by_id[sid].type == "credential")
    # Research posts (a doctorate, a postdoc, a fellowship, a chair) are years in the field when
    # the resume shows work in it, though a research CV's entries name few skills themselves.
    if shows_field:
        relevant += [r for i in research_posts - doctoral_posts for r in entries[i]]
    relevant_years = (_ladder_years(relevant, doctoral_work) if relevant or doctoral_work
                      else (0.0 if entries else None))
    low = ndoc.text.lower()
    signals = tuple(sorted([k for k, rx in _SIGNALS.items() if _search(rx, low)]
                           + (["phd"] if _doctorate(ndoc, today) else [])))
    pubs = sum(1 for tl in ndoc.lines if tl.section == "publications" and not tl.heading)
    if pubs:
        signals += ("publications",)
    post_roles = tuple(rid for rid, held_under in posts.items() if held_under)
    # A doctorate in the field's name ("Ph.D in Machine Learning, 2024 - present") is a post held under the
    # name of the research roles whose core it names, as a job under a role's name is.
    # Its methods and areas, not its maths: a doctorate in statistics or optimization is another field's.
    spans = {n: doctorate_subject(ndoc.lines[n - 1].text) for n in phd_lines}
    subject = {m.skill_id for m in mentions if m.skill_id in field_skills and m.reason in (None, "degree")
               and (span := spans.get(m.line)) and span[0] <= _column(ndoc, m) < span[1]}
    subject = {s for sid in subject for s in (sid, *ancestors[sid]) if taxonomy.skill_by_id[s].type not in _NO_METHOD}
    doctoral_roles = tuple(r.id for r in taxonomy.roles if r.id in taxonomy.research_track and r.id not in post_roles
                           and any(link.skill in subject for link in r.skills if link.importance != "optional"))
    post_roles += doctoral_roles
    held_ranges = [r for i in showing for r in entries[i]]
    post_years = round(_union_length(held_ranges), 1) if held_ranges else 0.0
    # A student's job counts when it lasted half a year or more (a working student's year, not a summer's internship).
    brief = {i for i in student if _union_length(entries[i]) < 0.5}
    # A job shows the field's work by its skills, or by its title ("Head of AI", "ML Platform").
    titled = {i for i, text in entry_texts.items() if i not in student | trades and _names_field(text, taxonomy)}
    jobs_show = bool(titled) or any(ids & field_skills for i, ids in per_entry.items() if i not in brief)
    # A doctorate is research work, dated or not ("PhD Computer Science (in progress)").
    doctorate = any(tl.section == "education" and _names_doctorate(tl.text) for tl in lines)
    field_work = bool(post_roles or doctoral_time or research_posts or jobs_show or doctorate)
    # How much of the dated work is the field's (research posts are), and whether the latest is.
    jobs = [i for i in range(len(entries)) if i not in student]
    field_jobs = {i for i in jobs if per_entry.get(i, set()) & field_skills} | titled
    career = career_share(entries, jobs, field_jobs | research_posts | doctoral_posts)
    thesis = doctoral_lines(ndoc, research)
    thesis_shows = any(m.line in thesis and not m.hedged for sid, ms in held.items() if sid in field_skills for m in ms)
    beyond = bool(post_roles or jobs_show or thesis_shows)
    # The field's work now: the latest job shows it by its skills or title (a research post in
    # another field does not), or the doctorate's research or a job under a field role's name does.
    # ... or work done while studying shows it and lasts as long as the latest job or longer (an
    # MSc student's research assistantship after years of other work).
    latest = max((end for i in jobs for _, end in entries[i]), default=None)
    studying = latest is not None and any(end >= latest - 0.1 for i in student if per_entry.get(i, set()) & field_skills
                                          for _, end in entries[i])
    field_now = bool(post_roles or thesis_shows or career_share(entries, jobs, field_jobs)[2] or studying)
    # Each paper's topic, whoever its first author: how much of the record is the field's.
    share = paper_share(ndoc, [m for m in mentions if m.status == "held" or m.reason == "publication_title"],
                        field_skills | taxonomy.paper_venues)
    # The projects' share, where no job, internship, paper or thesis shows the field (dated or not).
    elsewhere = field_work or any(
        (m.section in ("experience", "publications") or m.line in research) and not m.hedged
        for sid, ms in held.items() if sid in field_skills for m in ms)
    projects = None if elsewhere else project_share(ndoc, [m for m in mentions if m.status == "held"], field_skills)
    return Profile(skills, tuple(rejected), years_total, len(entries), relevant_years, signals,
                   _contact(ndoc) if contact else {}, shown, publications, research_years, with_doctorate,
                   doctoral_skills, title_roles, post, post_roles, field_work, share, beyond,
                   career if not (doctoral_time or doctorate) else None, projects, field_now,
                   post_skills, served, published, post_years, doctoral_roles)


def _contact(ndoc: NormalDocument) -> dict[str, list[str]]:
    """The e-mail addresses and phone numbers in the text."""
    # No address spans a line, so only lines with an "@" are searched (same result, sooner).
    emails = [e for line in ndoc.text.split("\n") if "@" in line for e in _EMAIL.findall(line)]
    return {"emails": sorted(set(emails)), "phones": sorted(set(_PHONE.findall(ndoc.text)))}


def _title_roles(ndoc: NormalDocument, taxonomy: Taxonomy) -> tuple[tuple[str, ...], bool]:
    """The roles that the resume's headline (the lines under the name) or its first job entry's
    title lines name, by the role's name or an alias ("Research Scientist", "NLP Engineer"), and
    whether they name a research post ("PhD candidate", "Maître de conférences"; a research
    engineer's is an engineering post)."""
    lines = ndoc.lines
    # The headline: the top lines up to the first heading of a known section (the name itself may read as a heading).
    text = []
    for tl in lines[:_HEADLINE_LINES]:
        if tl.heading and tl.section not in ("header", "other"):
            break
        text.append(tl.text)
    first = next((k for k, tl in enumerate(lines) if tl.section == "experience" and not (tl.heading or tl.bullet)
                  and _YEAR.search(tl.text)), None)
    if first is not None:
        text += [tl.text for tl in lines[max(first - 2, 0) : first + 2] if not (tl.heading or tl.bullet)
                 and tl.section == "experience"]
    # An address's words are no title ("ana.mlengineer@mail.org", "linkedin.com/in/ana-data-scientist").
    said = _ADDRESS.sub(" ", " ".join(text))
    named, anyone, lowered = _role_names(taxonomy)
    post = any(not m.group().lower().startswith("research engineer") for m in _RESEARCH_POST.finditer(said))
    if said.isascii():
        # In ASCII text a role's pattern can match only where one of its names stands in lower
        # case, its words compacted as the gaps allow: the names are looked for first (a search of
        # each, no regex), the pattern after.
        low = compact(said.lower())
        return tuple(rid for rid, rx in named.items()
                     if ((names := lowered[rid]) is None or any(n in low for n in names)) and rx.search(said)), post
    # Many headlines name no role (99 of the 219 realistic texts): one search of every name says so.
    if anyone is None or not anyone.search(said):
        return (), post
    return tuple(rid for rid, rx in named.items() if rx.search(said)), post


_HEADLINE_LINES = 4
_ADDRESS = re.compile(r"\S*(?:@|://|www\.)\S*|\S+\.(?:com|org|net|io|edu|dev|ai|me)\b\S*", re.IGNORECASE)
_RoleNames = tuple[dict[str, re.Pattern[str]], re.Pattern[str] | None, dict[str, tuple[str, ...] | None]]
_ROLE_NAMES: dict[str, _RoleNames] = {}


def _role_names(taxonomy: Taxonomy) -> _RoleNames:
    """Per role, a pattern of its name and aliases as words, one pattern that matches where any
    of them does (None without roles), and per role its names in lower case (None when one is
    not ASCII); kept per taxonomy. Each pattern is searched behind a look-ahead for the first
    letters of the names (quick_start: same matches, twice as soon)."""
    found = _ROLE_NAMES.get(taxonomy.content_hash)
    if found is None:
        named = {r.id: quick_start(re.compile(
            r"\b(?:" + name_pattern({r.name, *r.aliases}) + r")s?\b",
            re.I)) for r in taxonomy.roles}
        every = "|".join(f"(?:{rx.pattern})" for rx in named.values())
        anyone = quick_start(re.compile(every, re.I)) if named else None
        names = {r.id: (r.name, *r.aliases) for r in taxonomy.roles}
        lowered = {rid: tuple(compact(n.lower()) for n in ns) if all(n.isascii() for n in ns) else None
                   for rid, ns in names.items()}
        found = _ROLE_NAMES[taxonomy.content_hash] = (named, anyone, lowered)
    return found


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# Skill types that are no method or tool of the field: its maths (a doctorate in statistics, a "Data
# Scientist"'s A/B tests), a credential, a soft skill.
_NO_METHOD = frozenset({"math", "credential", "soft"})
# An undated doctorate still under way ("(current)", "(in progress)", ", ongoing" at its end, a candidate);
# not a word of its thesis's title ("present-day ocean currents").
_UNDER_WAY = re.compile(r"\(\s*(?:current(?:ly)?|ongoing|in progress|present|now|expected|pursuing)\b[^)]*\)"
                        r"|[,\u2013\u2014-]\s*(?:current|ongoing|in progress|present|now)\s*$|\bcandidate\b", re.I)
# A job's title on a line that starts like a degree ("MA Consulting GmbH — Data Scientist",
# "Diplom-Informatiker, Software Engineer at SAP"): the line is a job after all.
_JOB_WORD = re.compile(r"\b(?:engineer|scientist|analyst|developer|manager|consultant|researcher|lead|officer|"
                       r"director|architect|specialist|administrator|intern|assistant|associate|head|teacher|"
                       r"lecturer|professor|postdoc)s?\b|\bat\s+[A-Z]", re.IGNORECASE)


# Work that is part of studying, not a job of its own: internships always; assistants, tutors
# and part-time posts when they fall within a bachelor's or master's studies. (quick_start: re
# passes over the letters no match starts with.)
_INTERNSHIP = quick_start(re.compile(
    r"\b(?:intern|internship|co-?op\s+(?:student|term|placement|position)|working\s+student|"
    r"werkstudent|summer\s+(?:student|analyst|associate|researcher))\b", re.IGNORECASE))
_STUDY_JOB = quick_start(re.compile(r"\b(?:assistant|tutor|part[- ]time|student|trainee|demonstrator|hiwi)\b",
                                     re.IGNORECASE))


_RESEARCH_POST = quick_start(re.compile(
    r"\b(?:ph\.?\s?d\.?\s+(?:student|candidate|researcher|fellow)|doctoral\s+(?:researcher|candidate|student|fellow)|"
    r"post-?doc(?:toral)?|research\s+(?:fellow|scientist|engineer|associate|professor|lead|director)|applied\s+scientist|professor|"
    r"lecturer|principal\s+investigator|group\s+leader|"
    # the same posts as CVs from elsewhere keep them: Spanish, Portuguese, French, Italian, German
    r"profesora?|professora|professeure?|catedr[a\u00e1]tic[oa]|investigador[a]?|pesquisador[a]?|"
    r"chercheu(?:r|se)|ma[i\u00ee]tre(?:sse)?\s+de\s+conf[e\u00e9]rences|ricercat(?:ore|rice)|dozent(?:in)?|"
    r"wissenschaftliche[rn]?\s+mitarbeiter(?:in)?|pos-?doc(?:toral)?|post-?doctorant[e]?|doctorant[e]?|"
    r"doctorand[oa]|dottorand[oa]|doutorand[oa]|doktorand(?:in)?|juniorprofessor(?:in)?|rtd-?[ab]|assegnista|"
    r"assegno\s+di\s+ricerca)\b|"
    # Chinese and Japanese posts, written without spaces around them
    r"(?:准教授|副教授|教授|助教|讲师|講師|研究員|研究员|博士后|博士研究生|博士課程)", re.IGNORECASE))


def _research_posts(entry_texts: dict[int, str]) -> set[int]:
    """Indexes of experience entries that are research posts, by the title on their first
    line or the line above it (``entry_texts``: each entry's text, see _entry_text)."""
    return {i for i, text in entry_texts.items() if _RESEARCH_POST.search(text)}


def _first_lines(entry_of_line: dict[int, int]) -> dict[int, int]:
    first: dict[int, int] = {}
    for number, i in entry_of_line.items():
        first.setdefault(i, number)
    return first


def _degree_below(ndoc: NormalDocument, number: int) -> str:
    """The line under a dated education line that names no degree itself, when that line is
    undated: the degree of a school's entry ("UCL, 2017 - today" / "Ph.D. Candidate, ...")."""
    if number >= len(ndoc.lines) or _DEGREE.search(ndoc.lines[number - 1].text):
        return ""
    below = ndoc.lines[number]
    return "" if below.section != "education" or below.heading or _YEAR.search(below.text) else below.text


def _student_jobs(ndoc: NormalDocument, entries: list[list[tuple[float, float]]], entry_texts: dict[int, str],
                  today: date) -> set[int]:
    """Indexes of experience entries that are student work: internships; assistant or tutor
    posts held during a bachelor's or master's; any job held within a finished bachelor's or
    master's, from its start to its stated end (a barista's two years while studying): their
    years are not years of experience. ``entry_texts``: each entry's text (see _entry_text)."""
    studies = [r for tl in ndoc.lines if tl.section == "education" and _DEGREE.search(tl.text)
               and not _phd(tl.text) for r in date_ranges(tl.text, today)]
    now = today.year + (today.month - 1) / 12
    finished = [(a, b) for a, b in studies if b < now - 0.05]

    def within(ranges: list[tuple[float, float]], spans: list[tuple[float, float]]) -> bool:
        return all(any(a - 0.1 <= s and e <= b + 0.1 for a, b in spans) for s, e in ranges)

    return {i for i, text in entry_texts.items() if _INTERNSHIP.search(text) or within(entries[i], finished)
            or (_STUDY_JOB.search(text) and within(entries[i], studies))}
