"""Build a taxonomy from documents (career guides or job postings) plus a curation file.

1. Each document is read (text or PDF) and split at its headings. A section whose heading
   names a role belongs to that role; a document with no such headings belongs to the
   role it names most often; a posting naming no known role becomes a role of its own.
2. The curated skill terms are matched in each role's text with gapcheck's spaCy matcher.
3. Role-skill weights are TF-IDF over roles (scikit-learn): a skill that one role's text
   mentions often and other roles' texts rarely weighs more for that role.
4. Curated links (reviewed importance) are merged with the found ones; every link records
   the documents that support it, every skill the documents that mention it.
5. Frequent terms that are not yet skills are listed for a person to review.
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

DOC_SUFFIXES = (".txt", ".md", ".pdf")
BASE_WEIGHT = {"essential": 1.0, "important": 0.6, "optional": 0.3}
# A found-only link is "important" when its normalised TF-IDF is at least this, else optional.
IMPORTANT_AT = 0.75
# Votes a document's title casts for the role it names (or, naming none, for a new role).
TITLE_VOTES = 5


@dataclass
class BuildReport:
    taxonomy: Taxonomy
    candidates: list[tuple[str, int]]
    doc_roles: dict[str, list[str]]
    found_links: int = 0
    new_roles: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        tax = self.taxonomy
        lines = [f"{len(tax.roles)} roles, {len(tax.skills)} skills, "
                 f"{sum(len(r.skills) for r in tax.roles)} links ({self.found_links} found in the documents)"]
        lines += [f"  {doc}: {', '.join(roles) or '(no role)'}" for doc, roles in sorted(self.doc_roles.items())]
        if self.new_roles:
            lines.append("new roles from documents: " + ", ".join(self.new_roles))
        lines.append(f"{len(self.candidates)} candidate terms to review")
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
    """Split a document into (heading, body) at short title-like lines."""
    segs: list[tuple[str, list[str]]] = [("", [])]
    for line in text.split("\n"):
        stripped = line.strip()
        if _is_heading(stripped):
            segs.append((stripped.strip("#* "), []))
        else:
            segs[-1][1].append(line)
    return [(h, "\n".join(b)) for h, b in segs]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "role"


def build_taxonomy(paths: list[Path], curation: Path | None = None) -> BuildReport:
    """Build a taxonomy from documents and a curation file.

    Args:
        paths: files or folders of ``.txt``, ``.md`` and ``.pdf`` documents.
        curation: the curation YAML; default: the one shipped in this package.

    Returns:
        A :class:`BuildReport` with the validated taxonomy and review candidates.

    Raises:
        InvalidTaxonomyError: the curation or the result fails validation.
        DocumentError: a document cannot be read.
    """
    import spacy
    from sklearn.feature_extraction.text import TfidfTransformer
    from spacy.matcher import PhraseMatcher
    from spacy.util import filter_spans

    from gapcheck.normalise import split_sections
    from gapcheck.read import read_document

    data = load_curation(curation)
    base = taxonomy_from_data(data, str(curation or "skill_taxonomy/curation.yaml"))
    nlp = spacy.blank("en")
    from gapcheck.extract import SkillMatcher

    matcher = SkillMatcher(nlp.vocab, base, nlp.make_doc)
    role_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for role in base.roles:
        role_matcher.add(role.id, [nlp.make_doc(t) for t in [role.name, *role.aliases]])

    docs = expand_docs(paths)
    role_texts: dict[str, list[tuple[str, str]]] = defaultdict(list)  # role -> [(doc, text)]
    doc_roles: dict[str, list[str]] = {}
    skill_docs: dict[str, set[str]] = defaultdict(set)
    new_roles: dict[str, dict[str, Any]] = {}
    texts: dict[str, str] = {}
    for path in docs:
        raw = read_document(path)
        name = path.name
        text = split_sections(raw.text, name, raw.kind).text
        texts[name] = text

        def roles_in(s: str) -> Counter[str]:
            d = nlp.make_doc(s)
            spans = filter_spans([d[a:b] for _, a, b in role_matcher(d)])
            hits = Counter[str]()
            for span in spans:
                for mid, a, b in role_matcher(d[span.start:span.end].as_doc()):
                    if b - a == len(span):
                        hits[nlp.vocab.strings[mid]] += 1
            return hits

        segs = _segments(text)
        title = text.split("\n", 1)[0]
        title_roles = roles_in(title)
        doc_role = title_roles.most_common(1)[0][0] if title_roles else None
        headed: list[tuple[str, str, str]] = []
        for h, body in segs:
            named = roles_in(h) if h else Counter()
            if named:
                # A heading naming the document's own role keeps it (FAQ headings compare roles).
                own = doc_role if doc_role is not None and doc_role in named else named.most_common(1)[0][0]
                headed.append((own, h, body))
        if len(headed) >= 2:
            assigned = [(rid, body) for rid, _, body in headed]
            if doc_role:
                assigned += [(doc_role, body) for h, body in segs if not (h and roles_in(h))]
        else:
            counts = roles_in(text)
            for rid in title_roles:
                counts[rid] += TITLE_VOTES  # the title says what the document is about
            # A posting titled "Search Relevance Engineer" that mentions "our data scientists"
            # once is about a new role: a role-less title outvotes a few mentions in the body.
            titled_new = not title_roles and _is_heading(title)
            if counts and not (titled_new and counts.most_common(1)[0][1] <= TITLE_VOTES):
                assigned = [(counts.most_common(1)[0][0], text)]
            else:
                title = title.strip("#* ")[:60] or path.stem
                rid = _slug(title)
                new_roles.setdefault(rid, {"name": title, "docs": []})["docs"].append(name)
                assigned = [(rid, text)]
        for rid, body in assigned:
            role_texts[rid].append((name, body))
        doc_roles[name] = sorted({rid for rid, _ in assigned})
        for m in matcher.find(nlp.make_doc(text.replace("\n", " ")), fuzzy=False):
            if m.reason != "ambiguous":
                skill_docs[m.skill_id].add(name)

    # Count skill mentions per role and which documents support each pair.
    role_ids = sorted(role_texts)
    skill_ids = [s.id for s in base.skills]
    col = {s: i for i, s in enumerate(skill_ids)}
    mentions = [[0] * len(skill_ids) for _ in role_ids]  # role x skill
    support: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r, rid in enumerate(role_ids):
        for doc_name, body in role_texts[rid]:
            for m in matcher.find(nlp.make_doc(body.replace("\n", " ")), fuzzy=False):
                if m.reason == "ambiguous":
                    continue
                mentions[r][col[m.skill_id]] += 1
                support[(rid, m.skill_id)].add(doc_name)
    weights: dict[tuple[str, str], float] = {}
    if role_ids:
        tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(mentions).toarray()
        for r, rid in enumerate(role_ids):
            top = max(tfidf[r]) or 1.0
            for c, sid in enumerate(skill_ids):
                if mentions[r][c]:
                    weights[(rid, sid)] = round(float(tfidf[r][c] / top), 3)

    out = json.loads(json.dumps(data))  # deep copy of plain data
    found_links = 0
    roles_out = []
    for role in out["roles"]:
        rid = role["id"]
        links = {link["skill"]: dict(link) for link in role["skills"]}
        for link in links.values():
            link["sources"] = sorted(support.get((rid, link["skill"]), set()))
            if (rid, link["skill"]) in weights:
                link["weight"] = round(max(link["weight"], weights[(rid, link["skill"])]), 3)
        for (wr, sid), w in weights.items():
            if wr != rid or sid in links:
                continue
            found_links += 1
            links[sid] = {"skill": sid, "importance": "important" if w >= IMPORTANT_AT else "optional",
                          "weight": round(0.3 + 0.5 * w, 3), "sources": sorted(support[(rid, sid)]), "curated": False}
        role["skills"] = sorted(links.values(), key=lambda lk: lk["skill"])
        role["sources"] = sorted(set(role.get("sources", [])) | {d for d, _ in role_texts.get(rid, [])})
        roles_out.append(role)
    for rid, info in sorted(new_roles.items()):
        new_links: list[dict[str, Any]] = [
            {"skill": sid, "importance": "important" if w >= IMPORTANT_AT else "optional",
             "weight": round(0.3 + 0.5 * w, 3), "sources": sorted(support[(rid, sid)]), "curated": False}
            for (wr, sid), w in sorted(weights.items()) if wr == rid]
        if new_links:
            found_links += len(new_links)
            # The most distinctive third of a new role's skills are taken as essential.
            ranked = sorted(new_links, key=lambda lk: -lk["weight"])
            for lk in ranked[: max(1, len(ranked) // 3)]:
                lk["importance"] = "essential"
            roles_out.append({"id": rid, "name": info["name"], "aliases": [], "skills": new_links,
                              "description": f"Role found in {', '.join(info['docs'])}.", "sources": info["docs"]})
    out["roles"] = roles_out
    for skill in out["skills"]:
        skill["sources"] = sorted(set(skill.get("sources") or []) | skill_docs.get(skill["id"], set()))
    if curation is None:
        _inherit_seed_sources(out["skills"], set(texts))
    missing = [s["id"] for s in out["skills"] if not s["sources"]]
    if missing:
        raise InvalidTaxonomyError(
            f"{len(missing)} skills have no source: {', '.join(missing[:10])}; add `sources` and "
            "`curated_reason` to them in the curation file."
        )
    taxonomy = taxonomy_from_data(out, "built taxonomy")
    return BuildReport(taxonomy, review_candidates(texts, taxonomy), doc_roles, found_links, sorted(new_roles))


def _inherit_seed_sources(skills: list[dict[str, Any]], doc_names: set[str]) -> None:
    """Give skills no document names the seed guides the shipped taxonomy records for them.

    The shipped curation leaves ``sources`` empty for skills the seed guides name, so a
    folder of job postings cannot be expected to name all of them. A rebuild that includes
    any seed guide stays strict, so the shipped copy never carries stale sources.
    """
    if all(skill["sources"] for skill in skills):
        return
    from gapcheck.taxonomy import load_taxonomy

    shipped = load_taxonomy()
    seeds = {doc for skill in shipped.skills for doc in skill.sources}
    if doc_names & seeds:
        return
    for skill in skills:
        if not skill["sources"] and skill["id"] in shipped.skill_by_id:
            skill["sources"] = list(shipped.skill_by_id[skill["id"]].sources)


def review_candidates(texts: dict[str, str], taxonomy: Taxonomy, limit: int = 80) -> list[tuple[str, int]]:
    """Technical-looking terms (capitalised, CamelCase, acronyms) that are not skills yet."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    known = set(taxonomy.term_index)
    role_words = {w.casefold() for r in taxonomy.roles for t in [r.name, *r.aliases] for w in t.split()}
    counts: Counter[str] = Counter()
    rx = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,}[a-z]?|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})\b",
                    re.M)
    for text in texts.values():
        for m in rx.finditer(text):
            term = m.group(0)
            folded = term.casefold()
            if folded in known or folded in ENGLISH_STOP_WORDS or all(w.casefold() in role_words for w in term.split()):
                continue
            counts[term] += 1
    ranked = sorted(((t, n) for t, n in counts.items() if n >= 2), key=lambda x: (-x[1], x[0]))
    return ranked[:limit]


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
    report = build_taxonomy([seeds])
    target = Path(__file__).parent / "data" / "taxonomy.json"
    write_taxonomy(report.taxonomy, target)
    model = write_fuzzy_model(report.taxonomy, target.with_name(MODEL_FILE))
    print("\n".join(report.summary_lines()))
    print(f"wrote {target} and {model}")


if __name__ == "__main__":
    main()
