"""Summaries of a batch: CSV matrix, Markdown summary, HTML heat map, role shortlist."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from gapcheck.batch import BatchItem
from gapcheck.taxonomy import Taxonomy


def _ok(rows: list[BatchItem]) -> list[BatchItem]:
    return [r for r in rows if r.status == "ok" and r.result]


def _scores(result: dict[str, Any]) -> dict[str, float]:
    return {r["id"]: r["score"] for r in result["roles"]}


def _top_missing(result: dict[str, Any], n: int = 3) -> list[str]:
    target = result["learning_plan"]["role"]
    fit = next((r for r in result["roles"] if r["id"] == target), None)
    return [m["name"] for m in fit["missing"][:n]] if fit else []


def write_csv(rows: list[BatchItem], path: Path, taxonomy: Taxonomy) -> None:
    """Resume × role score matrix with best role and top missing skills; errors as rows too."""
    role_ids = [r.id for r in taxonomy.roles]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "status", "best_role", "best_score", *role_ids, "top_missing", "error"])
        for row in rows:
            if row.status != "ok" or not row.result:
                w.writerow([row.file, row.status, "", "", *[""] * len(role_ids), "",
                            (row.error or {}).get("kind", "")])
                continue
            scores = _scores(row.result)
            best = row.result["best_role"]
            w.writerow([row.file, "ok", best["id"] if best else "", max(scores.values()),
                        *[scores.get(r, "") for r in role_ids], "; ".join(_top_missing(row.result)), ""])


def summary_markdown(rows: list[BatchItem], taxonomy: Taxonomy) -> str:
    """Counts, score distribution and the most common gaps, as Markdown."""
    ok = _ok(rows)
    errors = Counter((r.error or {}).get("kind", "error") for r in rows if r.status != "ok")
    best = Counter(r.result["best_role"]["name"] if r.result["best_role"] else "(no fit)" for r in ok)  # type: ignore[index]
    bins = Counter(min(int(max(_scores(r.result).values()) // 10), 9) for r in ok)  # type: ignore[arg-type]
    gaps = Counter(m for r in ok for m in _top_missing(r.result, 5))  # type: ignore[arg-type]
    out = ["# gapcheck batch summary", "", f"- files: {len(rows)}", f"- scored: {len(ok)}",
           f"- errors: {sum(errors.values())}" + (f" ({', '.join(f'{k}: {v}' for k, v in sorted(errors.items()))})" if errors else ""),
           "", "## Best role", "", "| Role | Resumes |", "|---|---:|"]
    out += [f"| {name} | {n} |" for name, n in best.most_common()]
    out += ["", "## Best-score distribution", "", "| Score | Resumes |", "|---|---:|"]
    out += [f"| {b * 10}–{b * 10 + 9 if b < 9 else 100} | {bins.get(b, 0)} |" for b in range(10)]
    out += ["", "## Most common gaps (top 5 missing skills of each resume's target role)", "",
            "| Skill | Resumes |", "|---|---:|"]
    out += [f"| {name} | {n} |" for name, n in gaps.most_common(15)]
    return "\n".join(out) + "\n"


def shortlist(rows: list[BatchItem], role_id: str, top: int) -> list[tuple[str, float, list[str]]]:
    ranked = []
    for r in _ok(rows):
        fit = next(x for x in r.result["roles"] if x["id"] == role_id)  # type: ignore[index]
        ranked.append((r.file, fit["score"], [m["name"] for m in fit["missing"] if m["importance"] == "essential"]))
    return sorted(ranked, key=lambda x: (-x[1], x[0]))[:top]


def shortlist_text(rows: list[BatchItem], role_id: str, top: int, taxonomy: Taxonomy) -> str:
    name = taxonomy.role_by_id[role_id].name
    lines = [f"Top {top} for {name}:"]
    for i, (file, score, missing) in enumerate(shortlist(rows, role_id, top), 1):
        lines.append(f"{i:>3}. {score:5.1f}  {file}" + (f"  (missing essential: {', '.join(missing[:4])})" if missing else ""))
    return "\n".join(lines)


def batch_html(rows: list[BatchItem], taxonomy: Taxonomy) -> str:
    """A self-contained HTML page: resume × role heat map and the most common gaps."""
    import html

    ok = _ok(rows)
    roles = taxonomy.roles
    cell_w, cell_h, label_w, head_h = 46, 22, 260, 150
    width, height = label_w + cell_w * len(roles) + 20, head_h + cell_h * len(ok) + 20

    def color(score: float) -> str:
        # Light to dark blue; text colour flips for contrast.
        t = max(0.0, min(1.0, score / 100))
        r, g, b = int(240 - 200 * t), int(246 - 150 * t), int(255 - 90 * t)
        return f"rgb({r},{g},{b})"

    svg = [f'<svg role="img" aria-labelledby="hm-t hm-d" width="{width}" height="{height}" id="heatmap">',
           '<title id="hm-t">Role-fit heat map</title>',
           f'<desc id="hm-d">Scores of {len(ok)} resumes for {len(roles)} roles; darker is a better fit.</desc>']
    for j, role in enumerate(roles):
        x = label_w + j * cell_w + cell_w / 2
        svg.append(f'<text transform="translate({x:.0f},{head_h - 6}) rotate(-55)" font-size="11">{html.escape(role.name)}</text>')
    for i, row in enumerate(ok):
        y = head_h + i * cell_h
        scores = _scores(row.result)  # type: ignore[arg-type]
        svg.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="11">{html.escape(Path(row.file).name)}</text>')
        for j, role in enumerate(roles):
            s = scores.get(role.id, 0.0)
            x = label_w + j * cell_w
            svg.append(f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{color(s)}">'
                       f'<title>{html.escape(Path(row.file).name)} · {html.escape(role.name)}: {s:.1f}</title></rect>')
            svg.append(f'<text x="{x + cell_w / 2 - 1}" y="{y + 15}" text-anchor="middle" font-size="10" '
                       f'fill="{"#fff" if s >= 55 else "#1b1f24"}">{s:.0f}</text>')
    svg.append("</svg>")
    gaps = Counter(m for r in ok for m in _top_missing(r.result, 5))  # type: ignore[arg-type]
    gap_rows = "".join(f"<tr><td>{html.escape(n)}</td><td>{c}</td></tr>" for n, c in gaps.most_common(15))
    errors = [r for r in rows if r.status != "ok"]
    err_rows = "".join(f"<tr><td>{html.escape(r.file)}</td><td>{html.escape((r.error or {}).get('kind', ''))}</td>"
                       f"<td>{html.escape((r.error or {}).get('message', ''))}</td></tr>" for r in errors)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>gapcheck batch report</title>
<style>body{{font:14px system-ui,sans-serif;margin:24px;color:#1b1f24}}table{{border-collapse:collapse}}
td,th{{padding:3px 8px;border-bottom:1px solid #eaeef2;text-align:left}}svg text{{font-family:system-ui,sans-serif}}</style>
</head><body><h1>gapcheck batch report</h1><p>{len(rows)} files: {len(ok)} scored, {len(errors)} errors.</p>
<h2>Role fit heat map</h2>{''.join(svg)}
<h2>Most common gaps</h2><table><tr><th>Skill</th><th>Resumes</th></tr>{gap_rows}</table>
{'<h2>Errors</h2><table><tr><th>File</th><th>Kind</th><th>Message</th></tr>' + err_rows + '</table>' if errors else ''}
</body></html>
"""
