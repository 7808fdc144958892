"""Summaries of a batch: CSV matrix, Markdown summary, HTML heat map, role shortlist.

Each reads the rows' results as compact results (:mod:`gapcheck._batch_line`); a row holding a
full result (``--detail full``) is read through its compact form.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from gapcheck._batch_line import compact_from_dict, missing_of
from gapcheck._escape import csv_cell, readable
from gapcheck.batch import BatchItem
from gapcheck.taxonomy import Taxonomy

CSV_COLUMNS = ("file", "status", "best_role", "best_score", "top_missing", "error")


def compact_rows(rows: list[BatchItem]) -> list[BatchItem]:
    """``rows`` with every full result replaced by its compact form (compact ones as they are)."""
    return [replace(r, result=compact_from_dict(r.result)) if r.result and r.result.get("detail") != "compact"
            else r for r in rows]


def _ok(rows: list[BatchItem]) -> list[BatchItem]:
    return [r for r in rows if r.status == "ok" and r.result]


def _scores(result: dict[str, Any]) -> dict[str, float]:
    return result["scores"]  # type: ignore[no-any-return]


def _top_missing(result: dict[str, Any], taxonomy: Taxonomy, n: int = 3) -> list[str]:
    """The names of the first ``n`` gaps of the role the result's gaps (and plan) are for."""
    return [m["name"] for m in missing_of(result, result["target_role"], taxonomy)[:n]]


def _best_roles(ok: list[BatchItem]) -> Counter[str]:
    """How many resumes have each role as their best ("(no fit)" for none)."""
    return Counter(r.result["best_role"]["name"] if r.result["best_role"] else "(no fit)" for r in ok)  # type: ignore[index]


def _common_gaps(ok: list[BatchItem], taxonomy: Taxonomy) -> Counter[str]:
    """How many resumes miss each skill among the top five gaps of their target role."""
    return Counter(m for r in ok for m in _top_missing(r.result, taxonomy, 5))  # type: ignore[arg-type]


def role_columns(role_ids: list[str]) -> list[str]:
    """The CSV header of each role's score column: its id, or ``role_<id>`` where the id is
    also the name of a fixed column (a custom taxonomy's role ``file``)."""
    taken = set(CSV_COLUMNS)
    out = []
    for rid in role_ids:
        name = rid
        while name in taken:
            name = "role_" + name
        taken.add(name)
        out.append(name)
    return out


def csv_text(rows: list[BatchItem], taxonomy: Taxonomy) -> str:
    """Resume × role score matrix with best role and top missing skills; errors as rows too.

    Every text cell is written so that a spreadsheet shows it as text: one that starts like
    a formula (``=``, ``+``, ``-``, ``@``...) gets a leading apostrophe.
    """
    role_ids = [r.id for r in taxonomy.roles]
    rows = compact_rows(rows)
    fh = io.StringIO(newline="")
    w = csv.writer(fh)

    def row(cells: list[Any]) -> None:
        w.writerow([csv_cell(c) for c in cells])

    row(["file", "status", "best_role", "best_score", *role_columns(role_ids), "top_missing", "error"])
    for item in rows:
        if item.status != "ok" or not item.result:
            row([item.file, item.status, "", "", *[""] * len(role_ids), "", (item.error or {}).get("kind", "")])
            continue
        scores = _scores(item.result)
        best = item.result["best_role"]
        row([item.file, "ok", best["id"] if best else "", max(scores.values()),
             *[scores.get(r, "") for r in role_ids], "; ".join(_top_missing(item.result, taxonomy)), ""])
    return fh.getvalue()


def write_csv(rows: list[BatchItem], path: Path, taxonomy: Taxonomy) -> None:
    """Write :func:`csv_text` to ``path``, whole or not at all."""
    from gapcheck._output import write_atomic

    write_atomic(path, csv_text(rows, taxonomy))


def summary_markdown(rows: list[BatchItem], taxonomy: Taxonomy) -> str:
    """Counts, score distribution and the most common gaps, as Markdown (names escaped: a
    custom taxonomy's may hold ``|``, ``<`` or ``*``)."""
    from gapcheck.render import md_escape
    ok = _ok(compact_rows(rows))
    errors = Counter((r.error or {}).get("kind", "error") for r in rows if r.status != "ok")
    best = _best_roles(ok)
    bins = Counter(min(int(max(_scores(r.result).values()) // 10), 9) for r in ok)  # type: ignore[arg-type]
    gaps = _common_gaps(ok, taxonomy)
    out = ["# gapcheck batch summary", "", f"- files: {len(rows)}", f"- scored: {len(ok)}",
           f"- errors: {sum(errors.values())}"
           + (f" ({', '.join(f'{k}: {v}' for k, v in sorted(errors.items()))})" if errors else ""),
           "", "## Best role", "", "| Role | Resumes |", "|---|---:|"]
    out += [f"| {md_escape(name)} | {n} |" for name, n in best.most_common()]
    out += ["", "## Best-score distribution", "", "| Score | Resumes |", "|---|---:|"]
    out += [f"| {b * 10}–{b * 10 + 9 if b < 9 else 100} | {bins.get(b, 0)} |" for b in range(10)]
    out += ["", "## Most common gaps (top 5 missing skills of each resume's target role)", "",
            "| Skill | Resumes |", "|---|---:|"]
    out += [f"| {md_escape(name)} | {n} |" for name, n in gaps.most_common(15)]
    return "\n".join(out) + "\n"


def shortlist(rows: list[BatchItem], role_id: str, top: int, taxonomy: Taxonomy) -> list[tuple[str, float, list[str]]]:
    """The ``top`` resumes for a role: (file, score, names of the essential skills it misses).
    A line without the role's gaps (made without ``--role``) has them worked out from its skills."""
    ranked = []
    for r in _ok(compact_rows(rows)):
        result: dict[str, Any] = r.result  # type: ignore[assignment]
        if role_id not in result["scores"]:  # made with a taxonomy without the role
            continue
        missing = [m["name"] for m in missing_of(result, role_id, taxonomy) if m["importance"] == "essential"]
        ranked.append((r.file, result["scores"][role_id], missing))
    return sorted(ranked, key=lambda x: (-x[1], x[0]))[:top]


def shortlist_text(rows: list[BatchItem], role_id: str, top: int, taxonomy: Taxonomy) -> str:
    name = taxonomy.role_by_id[role_id].name
    lines = [f"Top {top} for {name}:"]
    for i, (file, score, missing) in enumerate(shortlist(rows, role_id, top, taxonomy), 1):
        gap = f"  (missing essential: {', '.join(missing[:4])})" if missing else ""
        lines.append(f"{i:>3}. {score:5.1f}  {file}{gap}")
    return "\n".join(lines)


def batch_html(rows: list[BatchItem], taxonomy: Taxonomy) -> str:
    """A self-contained HTML page: resume × role heat map, the most common gaps and the errors."""
    from gapcheck.render._batch_html import batch_page

    rows = compact_rows(rows)
    ok = _ok(rows)
    names = [readable(Path(r.file).name) for r in ok]
    # Show bare file names unless two resumes in different folders share one.
    files = names if len(set(names)) == len(names) else [readable(r.file) for r in ok]
    best = _best_roles(ok)
    gaps = _common_gaps(ok, taxonomy)
    errors = [
        (readable(r.file), (r.error or {}).get("kind", "error"), readable((r.error or {}).get("message", "")))
        for r in rows
        if r.status != "ok" or not r.result
    ]
    return batch_page(
        total=len(rows),
        files=files,
        roles=[(role.id, role.name) for role in taxonomy.roles],
        scores=[_scores(r.result) for r in ok],  # type: ignore[arg-type]
        best=[(r.result["best_role"] or {}).get("id") for r in ok],  # type: ignore[index]
        # "(no fit)" is not a role: list it after the roles, whatever its count.
        best_roles=sorted(best.most_common(), key=lambda kv: kv[0] == "(no fit)"),
        gaps=gaps.most_common(15),
        errors=errors,
    )
