"""Build a taxonomy from documents plus a curation file: career guides for the curated roles
(the shipped taxonomy), or a user's job postings that make roles of their own.

Career guides (``guides=True``, ``python -m skill_taxonomy.build ../shared/seeds``):

1. Each guide is read and split at its headings; a section whose heading names a role belongs
   to that role, a guide with no such headings to the role it names most often.
2. The curated skill terms are found in each role's text with gapcheck's spaCy matcher. A term
   inside a role's name ("Machine Learning Researchers"), a negated one or one after "rather
   than" does not count.
3. A skill's importance follows what the guide says of it (:mod:`skill_taxonomy._statements`):
   essential, critical, non-negotiable, must -> essential; helpful, nice to have, bonus ->
   optional. Curated links keep a reviewer's importance only where no guide states one, or with
   a reason that says why they differ. A link a guide only mentions is optional.
4. Weights within an importance are TF-IDF over roles (scikit-learn); foundations (Python, SQL,
   maths) weigh less than a role's own field skills (:data:`FOUNDATION_SHARE`).
5. Every link and skill records the guides that name it; a skill no guide names carries its
   curated reason instead, and a reason that leans on a guide names the guide's word for it.

Job postings (the default of ``gapcheck taxonomy build``): see :mod:`skill_taxonomy._postings`.
Frequent terms that are not yet skills are listed for a person to review.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from gapcheck._fuzzy import MODEL_FILE, FuzzyModel
from gapcheck.errors import InvalidTaxonomyError
from gapcheck.taxonomy import Taxonomy, taxonomy_from_data
from skill_taxonomy import _postings
from skill_taxonomy._statements import IMPORTANCE_OF_CUE, contrasted, find_statements

DOC_SUFFIXES = (".txt", ".md", ".pdf")
BASE_WEIGHT = {"essential": 1.0, "important": 0.6, "optional": 0.3}
# Foundations (the first learning phase: Python, SQL, the maths) weigh this share of a field skill
# of the same importance. The guides call them essential for nearly every role, so they say little
# about which role fits, and resumes often leave the maths unsaid. (0.3-0.5 did equally well on
# the dev sets of benchmarks/accuracy.py; 0.4 best.)
FOUNDATION_SHARE = 0.4
RANK = {"essential": 0, "important": 1, "optional": 2}
# Votes a document's title casts for the role it names (or, naming none, for a new role).
TITLE_VOTES = 5
# A curated statement is verified when its cue word stands this close to the guide's term.
CUE_WINDOW = 250
# Keys of the curation file that the builder reads and the built taxonomy does not keep.
_CURATION_ONLY = ("not_stated",)


@dataclass(frozen=True)
class Candidate:
    """A term of the documents that is not a skill yet: how often, where, and a line it is on."""

    term: str
    count: int
    documents: tuple[str, ...]
    example: str


@dataclass
class BuildReport:
    taxonomy: Taxonomy
    candidates: list[Candidate]
    doc_roles: dict[str, list[str]]
    found_links: int = 0
    new_roles: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        tax = self.taxonomy
        lines = [f"{len(tax.roles)} roles, {len(tax.skills)} skills, "
                 f"{sum(len(r.skills) for r in tax.roles)} links ({self.found_links} found in the documents)"]
        lines += [f"  {doc}: {', '.join(roles) or '(no role)'}" for doc, roles in sorted(self.doc_roles.items())]
        for rid in self.new_roles:
            role = tax.role_by_id[rid]
            count = Counter(link.importance for link in role.skills)
            line = (f"role {rid} ({role.name}) from {len(role.sources)} document{'s' * (len(role.sources) > 1)}: "
                    f"{count['essential']} essential, {count['important']} important, {count['optional']} optional")
            if rid in self.replaced:
                line += "; it replaces the shipped role of that name"
            lines.append(line)
            for step in role.ladder:
                years = f"{step.years_min:g}+ years" + (" (estimated)" if step.years_estimated else "")
                pay = (f", {step.salary.currency} {step.salary.min:,}–{step.salary.max:,}"
                       if step.salary and step.salary.max else "")
                lines.append(f"  {step.title}: {years}{pay}")
        lines.append(f"{len(self.candidates)} candidate terms to review"
                     + (": " + ", ".join(c.term for c in self.candidates[:10]) if self.candidates else ""))
        return lines


def load_curation(path: Path | None = None) -> dict[str, Any]:
    import yaml

    resource = path or files("skill_taxonomy") / "curation.yaml"
    text = resource.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidTaxonomyError(f"{path or 'curation.yaml'}: not valid YAML ({exc}).") from exc
    if not isinstance(data, dict):
        raise InvalidTaxonomyError(f"{path or 'curation.yaml'}: expected a mapping at the top level.")
    return data


def expand_docs(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix.lower() in DOC_SUFFIXES and q.is_file()))
        else:
            out.append(p)
    return out


_HEADING = re.compile(r"^[#*\s]*([A-Z][^.!?]{3,100})[*\s]*$")


def _is_heading(line: str) -> bool:
    """A short title-like line: capitalised, at most 12 words, no sentence end or colon."""
    stripped = line.strip()
    short = 0 < len(stripped.split()) <= 12
    return short and not stripped.endswith(":") and _HEADING.match(stripped) is not None


def _segments(text: str) -> list[tuple[str, str]]:
    """Split a document into (heading, body) at short title-like lines; the body starts with its
    heading line, which may be content ("Paper Publishing" above "Critical skill for ...")."""
    segs: list[tuple[str, list[str]]] = [("", [])]
    for line in text.split("\n"):
        stripped = line.strip()
        if _is_heading(stripped):
            segs.append((stripped.strip("#* "), [line]))
        else:
            segs[-1][1].append(line)
    return [(h, "\n".join(b)) for h, b in segs]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "role"


class _Reader:
    """The spaCy tools the builder needs, made once: the skill matcher and a role-name matcher."""

    def __init__(self, base: Taxonomy) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        from gapcheck.extract import SkillMatcher

        self.nlp = spacy.blank("en")
        self.matcher = SkillMatcher(self.nlp.vocab, base, self.nlp.make_doc)
        self.roles = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for role in base.roles:
            self.roles.add(role.id, [self.nlp.make_doc(t) for t in [role.name, *role.aliases]])

    def role_hits(self, text: str) -> tuple[Counter[str], list[tuple[int, int]]]:
        """The roles ``text`` names (count per role id) and where."""
        from spacy.util import filter_spans

        doc = self.nlp.make_doc(text.replace("\n", " "))
        spans = filter_spans([doc[a:b] for _, a, b in self.roles(doc)])
        hits = Counter[str]()
        for span in spans:
            for mid, a, b in self.roles(doc[span.start:span.end].as_doc()):
                if b - a == len(span):
                    hits[self.nlp.vocab.strings[mid]] += 1
        return hits, [(s.start_char, s.end_char) for s in spans]

    def mentions(self, text: str) -> tuple[list[Any], list[tuple[int, int]]]:
        """Skill mentions of ``text`` that count (not ambiguous, negated, contrasted or part of a
        role's name), and the role names' spans."""
        found = self.matcher.find(self.nlp.make_doc(text.replace("\n", " ")), fuzzy=False)
        _, spans = self.role_hits(text)
        kept = [m for m in found if m.reason not in ("ambiguous", "negated")
                and not any(a < m.end and m.start < b for a, b in spans) and not contrasted(text, m)]
        return kept, spans

    def named(self, text: str) -> set[str]:
        """Skills ``text`` names at all (for a skill's sources)."""
        return {m.skill_id for m in self.matcher.find(self.nlp.make_doc(text.replace("\n", " ")), fuzzy=False)
                if m.reason != "ambiguous"}


def build_taxonomy(paths: list[Path], curation: Path | None = None, *, guides: bool = False,
                   extend: bool = False, role_name: str | None = None) -> BuildReport:
    """Build a taxonomy from documents and a curation file.

    Args:
        paths: files or folders of ``.txt``, ``.md`` and ``.pdf`` documents.
        curation: the curation YAML (skills, phases, roles); default: the one shipped here.
        guides: the documents are career guides that describe the curation's roles (how the
            shipped taxonomy is built). Otherwise they are job postings: postings for one job
            make one role, and the curation gives only the skill list, phases and job search.
        extend: with postings, keep the curated roles too (the shipped taxonomy's, as shipped,
            when ``curation`` is None); a role of the postings replaces one of the same name.
        role_name: with postings, make one role of all of them, with this name.

    Returns:
        A :class:`BuildReport` with the validated taxonomy and terms to review.

    Raises:
        InvalidTaxonomyError: the curation or the result fails validation, or a curated reason
            or statement claims a word its guide does not have.
        DocumentError: a document cannot be read.
    """
    from gapcheck.normalise import split_sections
    from gapcheck.read import read_document

    data = load_curation(curation)
    plain = json.loads(json.dumps(data))
    for role in plain["roles"]:
        for key in _CURATION_ONLY:
            role.pop(key, None)
    base = taxonomy_from_data(plain, str(curation or "skill_taxonomy/curation.yaml"))
    reader = _Reader(base)
    texts: dict[str, str] = {}
    for path in expand_docs(paths):
        raw = read_document(path)
        texts[path.name] = split_sections(raw.text, path.name, raw.kind).text
    if guides:
        out, doc_roles, found_links, new_roles = _from_guides(data, base, texts, reader)
        replaced: list[str] = []
    else:
        out, doc_roles, found_links, new_roles, replaced = _from_postings(
            data, base, texts, reader, extend=extend, role_name=role_name, shipped=curation is None)
    taxonomy = taxonomy_from_data(out, "built taxonomy")
    return BuildReport(taxonomy, review_candidates(texts, taxonomy), doc_roles, found_links, new_roles, replaced)


# -- career guides ------------------------------------------------------------------------------


def _assign(texts: dict[str, str], reader: _Reader) -> tuple[dict[str, list[tuple[str, str]]], dict[str, Any]]:
    """Each guide's text by role: role id -> [(document, text)], and roles no curated role covers."""
    role_texts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    new_roles: dict[str, dict[str, Any]] = {}
    for name, text in texts.items():
        segs = _segments(text)
        title = text.split("\n", 1)[0]
        title_roles, _ = reader.role_hits(title)
        doc_role = title_roles.most_common(1)[0][0] if title_roles else None
        owner: list[tuple[str | None, str]] = []
        for h, body in segs:
            named = reader.role_hits(h)[0] if h else Counter()
            # A heading naming the document's own role keeps it (FAQ headings compare roles).
            own = (doc_role if doc_role is not None and doc_role in named else named.most_common(1)[0][0]
                   if named else None)
            owner.append((own, body))
        if sum(own is not None for own, _ in owner) >= 2:
            assigned: list[tuple[str, str]] = []
            for own, body in owner:
                rid = own or doc_role
                if rid is None:
                    continue
                # Consecutive parts of one role stay one text: a line can refer to the one before.
                if assigned and assigned[-1][0] == rid:
                    assigned[-1] = (rid, assigned[-1][1] + "\n" + body)
                else:
                    assigned.append((rid, body))
        else:
            counts, _ = reader.role_hits(text)
            for rid in title_roles:
                counts[rid] += TITLE_VOTES  # the title says what the document is about
            # A document titled "Search Relevance Engineer" that mentions "our data scientists"
            # once is about a new role: a role-less title outvotes a few mentions in the body.
            titled_new = not title_roles and _is_heading(title)
            if counts and not (titled_new and counts.most_common(1)[0][1] <= TITLE_VOTES):
                assigned = [(counts.most_common(1)[0][0], text)]
            else:
                label = title.strip("#* ")[:60] or Path(name).stem
                rid = _slug(label)
                new_roles.setdefault(rid, {"name": label, "docs": []})["docs"].append(name)
                assigned = [(rid, text)]
        for rid, body in assigned:
            role_texts[rid].append((name, body))
    return role_texts, new_roles


def _verified(body: str, cue: str, terms: list[str]) -> bool:
    """The cue word stands within :data:`CUE_WINDOW` characters of one of ``terms`` in ``body``."""
    low = body.casefold()
    cue_at = [m.start() for m in re.finditer(re.escape(cue.casefold()).replace(r"\-", "[ -]?"), low)]
    for term in terms:
        for m in re.finditer(rf"(?<!\w){re.escape(term.casefold())}(?!\w)", low):
            if any(abs(m.start() - c) <= CUE_WINDOW for c in cue_at):
                return True
    return False


def _from_guides(data: dict[str, Any], base: Taxonomy, texts: dict[str, str],
                 reader: _Reader) -> tuple[dict[str, Any], dict[str, list[str]], int, list[str]]:
    from sklearn.feature_extraction.text import TfidfTransformer

    role_texts, new_roles = _assign(texts, reader)
    doc_roles = {name: sorted({rid for rid, docs in role_texts.items() for d, _ in docs if d == name})
                 for name in texts}
    role_ids = sorted(role_texts)
    skill_ids = [s.id for s in base.skills]
    col = {s: i for i, s in enumerate(skill_ids)}
    mentions = [[0] * len(skill_ids) for _ in role_ids]  # role x skill
    support: dict[tuple[str, str], set[str]] = defaultdict(set)
    said: dict[tuple[str, str], dict[tuple[str, str], str]] = defaultdict(dict)  # (role, skill) -> statements
    bodies: dict[tuple[str, str], str] = defaultdict(str)  # (role, doc) -> the doc's text for the role
    for r, rid in enumerate(role_ids):
        for doc_name, body in role_texts[rid]:
            bodies[(rid, doc_name)] += body + "\n"
            found, spans = reader.mentions(body)
            for m in found:
                mentions[r][col[m.skill_id]] += 1
                support[(rid, m.skill_id)].add(doc_name)
            for st in find_statements(body, found, spans):
                said[(rid, st.skill_id)].setdefault((doc_name, st.cue), st.importance)
    weights: dict[tuple[str, str], float] = {}
    if role_ids:
        tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(mentions).toarray()
        for r, rid in enumerate(role_ids):
            top = max(tfidf[r]) or 1.0
            for c, sid in enumerate(skill_ids):
                if mentions[r][c]:
                    weights[(rid, sid)] = round(float(tfidf[r][c] / top), 3)

    out = json.loads(json.dumps(data))  # deep copy of plain data
    foundations = {s.id for s in base.skills if s.phase == base.first_phase}
    found_links = 0
    roles_out = []
    for role in out["roles"]:
        rid = role["id"]
        for rejected in role.pop("not_stated", []):
            said[(rid, rejected["skill"])].pop((rejected["source"], rejected["cue"]), None)
        links = {link["skill"]: dict(link) for link in role["skills"]}
        for link in links.values():
            _check_curated_statements(rid, link, bodies, base, texts)
        stated_skills = {sid for (r, sid), st in said.items() if r == rid and st}
        for sid in sorted(set(links) | stated_skills | {s for (r, s) in weights if r == rid}):
            link = links.get(sid) or {"skill": sid, "curated": False}
            found_links += not link.get("curated")
            links[sid] = _settle(link, said.get((rid, sid), {}), weights.get((rid, sid)),
                                 sorted(support.get((rid, sid), set())), sid in foundations)
        role["skills"] = sorted(links.values(), key=lambda lk: lk["skill"])
        role["sources"] = sorted(set(role.get("sources", [])) | {d for d, _ in role_texts.get(rid, [])})
        roles_out.append(role)
    for rid, info in sorted(new_roles.items()):
        new_links = [_settle({"skill": sid, "curated": False}, said.get((rid, sid), {}), w,
                             sorted(support[(rid, sid)]), sid in foundations)
                     for (wr, sid), w in sorted(weights.items()) if wr == rid]
        if new_links:
            found_links += len(new_links)
            roles_out.append({"id": rid, "name": info["name"], "aliases": [], "skills": new_links,
                              "description": f"Role found in {', '.join(info['docs'])}.", "sources": info["docs"]})
    out["roles"] = roles_out
    _skill_sources(out["skills"], texts, reader)
    return out, doc_roles, found_links, sorted(new_roles)


def _check_curated_statements(rid: str, link: dict[str, Any], bodies: dict[tuple[str, str], str],
                              base: Taxonomy, texts: dict[str, str]) -> None:
    """A statement the curation adds for a link must be in its guide: the cue near the term."""
    kept = []
    for st in link.get("stated", []):
        if st["source"] not in texts:
            continue  # a guide that is not among the documents: nothing to check it against
        skill = base.skill_by_id[link["skill"]]
        terms = [st["term"]] if st.get("term") else [skill.name, *skill.aliases]
        if st["cue"] not in IMPORTANCE_OF_CUE or not _verified(bodies.get((rid, st["source"]), ""), st["cue"], terms):
            raise InvalidTaxonomyError(
                f"curation: role {rid!r}, skill {link['skill']!r}: {st['source']} does not say {st['cue']!r} "
                f"near {terms[0]!r} in its text for the role; correct or remove the statement.")
        kept.append(st)
    link["stated"] = kept


def _settle(link: dict[str, Any], said: dict[tuple[str, str], str], weight: float | None,
            sources: list[str], foundation: bool) -> dict[str, Any]:
    """A link's importance, weight and provenance: what the guides state, else the reviewer's."""
    stated = {(st["source"], st["cue"]): IMPORTANCE_OF_CUE[st["cue"]] for st in link.get("stated", [])}
    terms = {(st["source"], st["cue"]): st.get("term") for st in link.get("stated", [])}
    stated.update(said)
    out = {"skill": link["skill"], "curated": bool(link.get("curated")), "sources": sources}
    if stated:
        strongest = min(stated.values(), key=RANK.__getitem__)
        # A reviewer's importance stands against the guides' only with a reason.
        importance = link["importance"] if link.get("reason") and link.get("importance") else strongest
    elif link.get("curated"):
        importance = link["importance"]
    else:
        importance = "optional"  # a guide names the skill for the role but does not say how much it matters
    if link.get("curated") or stated:
        full = max(BASE_WEIGHT[importance], weight or 0.0)
    else:
        full = 0.3 + 0.5 * (weight or 0.0)
    out["weight"] = round(full * (FOUNDATION_SHARE if foundation else 1.0), 3)
    out["importance"] = importance
    out["stated"] = [{"source": s, "cue": c, **({"term": terms[(s, c)]} if terms.get((s, c)) else {})}
                     for s, c in sorted(stated)]
    if link.get("reason"):
        out["reason"] = link["reason"]
    return out


def _skill_sources(skills: list[dict[str, Any]], texts: dict[str, str], reader: _Reader) -> None:
    """Each skill's sources are the documents that name it; one no document names needs a
    curated reason, and a reason that leans on a document needs the document's word for it."""
    named: dict[str, set[str]] = defaultdict(set)
    for name, text in texts.items():
        for sid in reader.named(text):
            named[sid].add(name)
    problems = []
    for skill in skills:
        skill["sources"] = sorted(set(skill.get("sources") or []) | named.get(skill["id"], set()))
        doc, term = skill.get("reason_source"), skill.get("reason_term")
        if doc in texts and (not term or not re.search(rf"(?<!\w){re.escape(term.casefold())}(?!\w)",
                                                        texts[doc].casefold())):
            problems.append(f"{skill['id']}: its reason names {doc}, which does not have the word {term!r}")
        elif not skill["sources"] and not skill.get("curated_reason"):
            problems.append(f"{skill['id']}: no document names it and it has no curated_reason")
    if problems:
        raise InvalidTaxonomyError(f"{len(problems)} skills lack honest provenance: " + "; ".join(problems[:10])
                                   + "; add a `curated_reason` (and the `reason_source` and `reason_term` it "
                                   "rests on) or drop the skill.")


# -- job postings --------------------------------------------------------------------------------


def _from_postings(data: dict[str, Any], base: Taxonomy, texts: dict[str, str], reader: _Reader, *,
                   extend: bool, role_name: str | None,
                   shipped: bool) -> tuple[dict[str, Any], dict[str, list[str]], int, list[str], list[str]]:
    postings = [_postings.read_posting(name, text, Path(name).stem) for name, text in texts.items()]
    found: dict[str, dict[str, tuple[str, str | None]]] = {}
    for p in postings:
        offsets = _line_starts(p.text)
        kept, _ = reader.mentions(p.text)
        best: dict[str, tuple[str, str | None]] = {}
        for m in kept:
            line = max(i for i, start in enumerate(offsets) if start <= m.start)
            imp, cue = _postings.importance_at(p, line, m.start - offsets[line])
            if m.skill_id not in best or _postings.RANK[imp] < _postings.RANK[best[m.skill_id][0]]:
                best[m.skill_id] = (imp, cue)
        found[p.name] = best
    groups = _postings.group_postings(postings, role_name)
    if extend:
        from gapcheck.taxonomy import load_taxonomy

        kept_base = load_taxonomy() if shipped else base
        out = kept_base.model_dump(mode="json")
    else:
        out = {k: v for k, v in json.loads(json.dumps(data)).items() if k != "roles"}
        out["roles"] = []
    owners = {t.casefold(): r["id"] for r in out["roles"] for t in [r["name"], *r.get("aliases", []), r["id"]]}
    new_ids, replaced, doc_roles = [], [], {}
    found_links = 0
    for name, group in sorted(groups.items()):
        rid = owners.get(name.casefold()) or owners.get(_slug(name)) or _slug(name)
        while rid in new_ids:
            rid += "_2"
        links = _postings.posting_links(group, found)
        if not links:
            continue
        if rid in {r["id"] for r in out["roles"]}:
            replaced.append(rid)
            out["roles"] = [r for r in out["roles"] if r["id"] != rid]
        docs = sorted(p.name for p in group)
        found_links += len(links)
        out["roles"].append({
            "id": rid, "name": name, "aliases": [],
            "description": f"Built from {len(docs)} job posting{'s' * (len(docs) > 1)}: {', '.join(docs)}.",
            "skills": links, "ladder": _postings.posting_ladder(name, group), "sources": docs})
        new_ids.append(rid)
        for d in docs:
            doc_roles[d] = [rid]
    if not out["roles"]:
        raise InvalidTaxonomyError("no skill of the skill list appears in the documents; check that they are "
                                   "job postings in English, or pass --curation with your own skill list.")
    if not extend:
        _keep_needed_skills(out, base, texts, reader)
    else:
        _add_posting_sources(out["skills"], texts, reader)
        out["field_name"] = "" if new_ids else out.get("field_name", "")
    return out, doc_roles, found_links, new_ids, replaced


def _line_starts(text: str) -> list[int]:
    starts, pos = [], 0
    for line in text.split("\n"):
        starts.append(pos)
        pos += len(line) + 1
    return starts


def _keep_needed_skills(out: dict[str, Any], base: Taxonomy, texts: dict[str, str], reader: _Reader) -> None:
    """Only the skills the postings' roles use, with the skills they build on; sources are the
    postings, and nothing claims a document that was not an input."""
    need: set[str] = set()
    todo = [link["skill"] for role in out["roles"] for link in role["skills"]]
    while todo:
        sid = todo.pop()
        if sid not in need:
            need.add(sid)
            skill = base.skill_by_id[sid]
            todo += [*skill.broader, *skill.prerequisites]
    out["skills"] = [s for s in out["skills"] if s["id"] in need]
    for skill in out["skills"]:
        skill["sources"] = []
        if skill.get("reason_source") not in texts:
            skill.update(curated_reason=None, reason_source=None, reason_term=None)
    _add_posting_sources(out["skills"], texts, reader)
    for skill in out["skills"]:
        if not skill["sources"] and not skill.get("curated_reason"):
            skill["curated_reason"] = "in gapcheck's skill list as a skill that one the documents name builds on"
    role_ids = {r["id"] for r in out["roles"]}
    steps = []
    for step in out.get("job_search", []):
        # Steps for roles of the curation only (papers for research roles) go with them.
        if step.get("roles") and not role_ids & set(step["roles"]):
            continue
        steps.append(step | {"roles": [r for r in step.get("roles", []) if r in role_ids],
                             "skills": [s for s in step.get("skills", []) if s in need]})
    out["job_search"] = steps
    for part in (*out["phases"], *out["job_search"]):
        if any(s not in texts for s in part.get("sources", [])):
            # The advice stays; "(002)" would point at a guide this taxonomy does not name.
            for key in ("detail", "description"):
                if part.get(key):
                    part[key] = re.sub(r"\s*\((?:\d{3}(?:, )?)+\)", "", part[key])
        part["sources"] = [s for s in part.get("sources", []) if s in texts]
    cats = {s["category"] for s in out["skills"]}
    out["generic_categories"] = []  # the postings' own field: every category counts
    out["language_categories"] = [c for c in out.get("language_categories", []) if c in cats]
    for key in ("application_skills", "area_skills"):
        out[key] = [s for s in out.get(key, []) if s in need]
    out["field_name"] = ""
    out["name"] = f"{out['name']}-postings"
    out["description"] = f"Roles built from job postings: {', '.join(sorted(texts))}."


def _add_posting_sources(skills: list[dict[str, Any]], texts: dict[str, str], reader: _Reader) -> None:
    named: dict[str, set[str]] = defaultdict(set)
    for name, text in texts.items():
        for sid in reader.named(text):
            named[sid].add(name)
    for skill in skills:
        skill["sources"] = sorted(set(skill.get("sources") or []) | named.get(skill["id"], set()))


# -- terms to review ------------------------------------------------------------------------------


def review_candidates(texts: dict[str, str], taxonomy: Taxonomy, limit: int = 80) -> list[Candidate]:
    """Technical-looking terms (capitalised, CamelCase, acronyms) that are not skills yet, seen at
    least twice, most frequent first, each with the documents it is in and a line it is on."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    known = set(taxonomy.term_index)
    role_words = {w.casefold() for r in taxonomy.roles for t in [r.name, *r.aliases] for w in t.split()}
    counts: Counter[str] = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    example: dict[str, str] = {}
    rx = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,}[a-z]?|[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2})"
                    r"\b(?!-\w)", re.M)
    lowered = {w for text in texts.values() for w in re.findall(r"\b[a-z][a-z]+\b", text)}
    for name, text in sorted(texts.items()):
        for m in rx.finditer(text):
            term = m.group(0)
            folded = term.casefold()
            if (len(term) < 3 or folded in known or folded in ENGLISH_STOP_WORDS or folded in lowered
                    or all(w.casefold() in role_words for w in term.split())):
                continue  # a skill, a common word, an ordinary word at a line's start, or a role's name
            counts[term] += 1
            docs[term].add(name)
            if term not in example:
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                example[term] = text[line_start : line_end if line_end >= 0 else len(text)].strip()[:120]
    ranked = sorted(((t, n) for t, n in counts.items() if n >= 2), key=lambda x: (-x[1], x[0]))
    return [Candidate(t, n, tuple(sorted(docs[t])), example[t]) for t, n in ranked[:limit]]


def write_candidates(candidates: list[Candidate], path: Path) -> None:
    """Write the terms to review as a tab-separated table with a header a spreadsheet reads."""
    lines = ["# Terms in the documents that the skill list does not have yet. Add the ones that are skills",
             "# to a curation file (a copy of skill_taxonomy/curation.yaml) and build again with --curation.",
             "count\tdocuments\tterm\texample"]
    lines += [f"{c.count}\t{','.join(c.documents)}\t{c.term}\t{c.example.replace(chr(9), ' ')}" for c in candidates]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_taxonomy(taxonomy: Taxonomy, path: Path) -> None:
    """Write a taxonomy as canonical, diff-friendly JSON."""
    data = taxonomy.model_dump(mode="json", exclude_defaults=False)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")


def write_fuzzy_model(taxonomy: Taxonomy, path: Path) -> Path:
    """Fit the misspelling model on ``taxonomy`` with scikit-learn and store it beside it, so
    that analysing a resume need not import scikit-learn (see gapcheck/_fuzzy.py)."""
    path.write_text(FuzzyModel.fit(taxonomy).to_json(), encoding="utf-8")
    return path


def main() -> None:  # pragma: no cover - convenience for `python -m skill_taxonomy.build`
    import sys

    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/seeds")
    report = build_taxonomy([seeds], guides=True)
    target = Path(__file__).parent / "data" / "taxonomy.json"
    write_taxonomy(report.taxonomy, target)
    model = write_fuzzy_model(report.taxonomy, target.with_name(MODEL_FILE))
    print("\n".join(report.summary_lines()))
    print(f"wrote {target} and {model}")


if __name__ == "__main__":
    main()
