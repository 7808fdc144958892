"""Reports (the gapcheck.render package): every format for every sample, the same figures as the JSON,
plain text off a terminal, a self-contained and accessible HTML page, and that page as
headless Chromium shows it."""

from __future__ import annotations

import dataclasses
import html
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import escape
from PIL import Image, ImageColor

from gapcheck._batch_report import batch_html
from gapcheck.batch import BatchItem
from gapcheck.cli import main, use_colour
from gapcheck.render import FORMATS, _batch_html, _html, _svg, md_escape, phase_spans, render, snippet

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_resumes"
STEMS = sorted(p.stem for p in SAMPLES.glob("*.txt"))
FILES = sorted((p.stem, p.suffix[1:]) for p in SAMPLES.iterdir() if p.suffix in (".txt", ".pdf"))
ANSI = re.compile(r"\x1b\[")
SVG = re.compile(r"<svg\b([^>]*)>(.*?)</svg>", re.S)
REPORT_CHARTS = ("role-chart", "score-chart", "coverage-chart", "plan-timeline")
BATCH_CHARTS = ("heatmap", "gap-chart")


def _load_browser():
    """``scripts/_browser.py``, loaded by path: a helper of the scripts, not a module of the package."""
    spec = importlib.util.spec_from_file_location("_browser", ROOT / "scripts" / "_browser.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks the module up there
    spec.loader.exec_module(module)
    return module


# Headless Chromium runs, shared with scripts/screenshots.py and kept out of the installed package.
browser = _load_browser()


def rgb(colour: str) -> tuple[int, ...]:
    return ImageColor.getrgb(colour)


def _ws(text: str) -> str:
    """Collapse the line wrapping of a terminal report so names split across lines match."""
    return " ".join(text.split())


def _section(text: str, start: str, end: str | None) -> str:
    i = text.index(start)
    j = text.index(end, i) if end and end in text[i:] else len(text)
    return text[i:j]


# -- every format ------------------------------------------------------------------------------------


def test_samples_cover_text_and_pdf():
    assert len(STEMS) >= 10 and len(FILES) == 2 * len(STEMS)


@pytest.mark.parametrize(("stem", "ext"), FILES)
def test_every_format_renders_for_every_sample(analyzed_sample, stem, ext):
    result = analyzed_sample(stem, ext)
    out = {fmt: render(result, fmt) for fmt in FORMATS}
    assert json.loads(out["json"]) == json.loads(json.dumps(result.to_dict()))
    assert out["text"].startswith("gapcheck · ") and result.verdict.split(":")[0] in out["text"]
    assert out["markdown"].startswith("# gapcheck report: ") and "## Role fit" in out["markdown"]
    page = out["html"]
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert escape(result.verdict) in page
    for fmt, text in out.items():
        assert text.endswith("\n"), fmt
        assert not ANSI.search(text), fmt


def test_unknown_format_is_a_value_error(analyzed_sample):
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        render(analyzed_sample("nlp_engineer"), "pdf")


# -- the same figures as the JSON ---------------------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_text_report_carries_the_json_figures(analyzed_sample, stem):
    result = analyzed_sample(stem)
    data = result.to_dict()
    text = render(result, "text", width=100)
    lines = text.splitlines()
    # Ranked roles: rank, name and score to one decimal on one table row each, best first.
    for rank, role in enumerate(data["roles"], 1):
        row = re.compile(rf"^\s*{rank}\s+{re.escape(role['name'])}\s+{role['score']:.1f}\s+[█░]+")
        assert any(row.match(line) for line in lines), (rank, role["name"], role["score"])
    if data["best_role"]:
        assert f"Best fit: {data['best_role']['name']}" in text
        # The best role holds its rank by score; a lower-ranked one is best only for a reason the
        # report gives (not shown at work as it is, or the resume's title names it).
        rank = next(i for i, r in enumerate(data["roles"], 1) if r["id"] == data["best_role"]["id"])
        assert re.search(rf"^\s*{rank}\s+{re.escape(data['best_role']['name'])}\s", text, re.M)
        if rank > 1:
            assert "your title names" in text or "is not shown at work as" in text
    plan = data["learning_plan"]
    fit = next((r for r in data["roles"] if r["id"] == plan["role"]), None)
    if fit is None:
        return
    gap = _ws(_section(text, f"Gap for {fit['name']}", "Learning plan for"))
    assert f"{len(fit['missing'])} skills missing or weak" in gap
    for importance, n in Counter(m["importance"] for m in fit["missing"]).items():
        assert f"{importance} ({n})" in gap
    for m in fit["missing"]:
        assert m["name"] in gap, m["name"]
    timeline = _section(text, f"Learning plan for {plan['role_name']}", None)
    heading = f"about {plan['total_weeks']:g} weeks, estimated, at {plan['hours_per_week']:g} hours a week"
    assert heading in _ws(timeline)
    start = 0.0
    for phase in sorted(plan["phases"], key=lambda p: p["order"]):
        head = rf"^\s*{phase['order']}\. {re.escape(phase['name'])}\s+"
        if phase["status"] == "done":
            assert re.search(head + r"done\b", timeline, re.M), phase["name"]
            continue
        end = start + phase["weeks"]
        assert re.search(head + rf"{phase['weeks']:g}\s+{start:g}–{end:g}\s+[·█]+$", timeline, re.M), phase["name"]
        for item in [*phase["skills"], *phase["activities"]]:
            assert re.search(rf"• {re.escape(item['name'])}\s+about {item['weeks']:g} weeks?, estimated", timeline), \
                item["name"]
        start = end


@pytest.mark.parametrize("stem", STEMS)
def test_markdown_report_carries_the_json_figures(analyzed_sample, stem):
    result = analyzed_sample(stem)
    data = result.to_dict()
    md = render(result, "markdown")
    best = data["best_role"]["id"] if data["best_role"] else None
    for rank, role in enumerate(data["roles"], 1):
        name = md_escape(role["name"])
        name = f"**{name}**" if role["id"] == best else name
        assert f"\n| {rank} | {name} | {role['score']:.1f} | `" in md, role["name"]
    if best:
        assert f"**Best fit: {md_escape(data['best_role']['name'])}" in md
    plan = data["learning_plan"]
    fit = next((r for r in data["roles"] if r["id"] == plan["role"]), None)
    if fit is None:
        return
    gap = _section(md, f"## Gap for {md_escape(fit['name'])}", "## Learning plan")
    assert f"{len(fit['missing'])} skills missing or weak" in gap
    for m in fit["missing"]:
        assert md_escape(m["name"]) in gap, m["name"]
    body = _section(md, "## Learning plan", None)
    assert f"**About {plan['total_weeks']:g} weeks, estimated**, at {plan['hours_per_week']:g} hours a week" in body
    start = 0.0
    for phase in sorted(plan["phases"], key=lambda p: p["order"]):
        row = f"| {phase['order']}. {md_escape(phase['name'])} | "
        if phase["status"] == "done":
            assert row + "done |" in body
            continue
        end = start + phase["weeks"]
        assert f"{row}{phase['weeks']:g} | {start:g}–{end:g} | `" in body, phase["name"]
        for item in phase["skills"]:
            assert f"- {md_escape(item['name'])}, about {item['weeks']:g} week" in body, item["name"]
        for act in phase["activities"]:
            assert f"- **{md_escape(act['name'])}**, about {act['weeks']:g} week" in body, act["name"]
        start = end


@pytest.mark.parametrize("width", [80, 100, 140])
def test_text_report_fits_the_width_without_losing_columns(analyzed_sample, width):
    result = analyzed_sample("nurse_non_ml")  # long role names, a 100-week plan, a done phase
    text = render(result, "text", width=width, evidence=True)
    assert max(len(line) for line in text.splitlines()) <= width
    for rank, role in enumerate(result.roles, 1):
        assert re.search(rf"^\s*{rank}\s+{re.escape(role.name)}\s+{role.score:.1f}\s+[█░]{{10,}}", text, re.M)
    for phase, start, end in phase_spans(result.learning_plan):
        if phase.status != "done":
            assert re.search(
                rf"{re.escape(phase.name)}\s+{phase.weeks:g}\s+{start:g}–{end:g}\s+[·█]{{16,}}$", text, re.M
            ), phase.name


def test_top_limits_the_role_table_only(analyzed_sample):
    result = analyzed_sample("data_scientist_mid")
    text = render(result, "text", top=3)
    ranked = [line for line in text.splitlines() if re.match(r"^\s*\d+\s+\S.*\s\d+\.\d\s+[█░]", line)]
    assert len(ranked) == 3
    assert f"{len(result.roles) - 3} more roles not shown" in text
    md = render(result, "markdown", top=3)
    assert len([line for line in md.splitlines() if re.match(r"^\| \d+ \|", line)]) == 3


# -- terminal behaviour -------------------------------------------------------------------------------


def test_colour_only_when_asked(analyzed_sample):
    result = analyzed_sample("nlp_engineer")
    assert not ANSI.search(render(result, "text"))
    assert not ANSI.search(render(result, "text", color=False, evidence=True))
    assert ANSI.search(render(result, "text", color=True))  # the control: colour does come out when asked


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("tty", "env", "expected"),
    [
        (True, {}, True),
        (False, {}, False),
        (True, {"NO_COLOR": "1"}, False),
        (True, {"NO_COLOR": ""}, True),  # no-color.org: only a non-empty value turns colour off
        (True, {"TERM": "dumb"}, False),
    ],
)
def test_use_colour_follows_terminal_and_no_color(monkeypatch, tty, env, expected):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert use_colour(_Stream(tty)) is expected


def test_cli_colours_through_use_colour_and_not_into_files(monkeypatch, tmp_path):
    sample = str(SAMPLES / "cv_scientist.txt")
    runner = CliRunner()
    res = runner.invoke(main, [sample], color=True)
    assert res.exit_code == 0 and not ANSI.search(res.stdout)  # CliRunner's stdout is not a terminal
    monkeypatch.setattr("gapcheck.cli.use_colour", lambda stream: True)
    res = runner.invoke(main, [sample], color=True)
    assert res.exit_code == 0 and ANSI.search(res.stdout)
    out = tmp_path / "report.txt"
    res = runner.invoke(main, [sample, "-o", str(out)], color=True)
    assert res.exit_code == 0 and not ANSI.search(out.read_text(encoding="utf-8"))


def test_evidence_lists_the_lines_with_the_matched_words(analyzed_sample):
    result = analyzed_sample("nlp_engineer")
    plain = _ws(render(result, "text"))
    full = _ws(render(result, "text", evidence=True))
    shown = 0
    for skill in result.skills:
        if skill.match == "implied" or not skill.evidence:
            continue
        ev = skill.evidence[0]
        tag = f"line {ev.line} ({ev.section}):"
        before, term, after = snippet(ev.text, ev.term)
        assert f"{tag} {_ws(before + term + after)}" in full, skill.name
        shown += 1
    assert shown >= 10
    assert not re.search(r"line \d+ \(", plain.split("Skills found")[1].split("Mentions not counted")[0])
    implied = next(s for s in result.skills if s.match == "implied")
    assert f"{implied.name} implied by" in full
    res = CliRunner().invoke(main, [str(SAMPLES / "nlp_engineer.txt"), "--evidence"])
    assert res.exit_code == 0 and re.search(r"line \d+ \(experience\): ", res.stdout)


def test_resume_text_is_printed_verbatim_not_as_markup(analyzed_sample):
    result = analyzed_sample("nlp_engineer")
    skill = next(s for s in result.skills if s.evidence and s.match != "implied")
    odd = "[b]C[++][/b] [link=x]Go[/link] *x* `y` | <b>"
    ev = dataclasses.replace(skill.evidence[0], text=odd + " " + skill.evidence[0].term)
    result = dataclasses.replace(result, skills=(dataclasses.replace(skill, evidence=(ev,)),))
    assert odd in _ws(render(result, "text", evidence=True))
    md = render(result, "markdown")
    assert md_escape(odd) in md and "<b>" not in md
    page = render(result, "html")
    assert escape(odd) in page and odd not in page


HOSTILE = """<script>alert("x")</script> & 'y' <img src=x onerror=alert(1)>"""


def test_html_escapes_every_name_it_shows(analyzed_sample, taxonomy):
    result = analyzed_sample("nlp_engineer")
    skills, roles = result.skills, result.roles
    result = dataclasses.replace(
        result,
        source=HOSTILE,
        skills=(dataclasses.replace(skills[0], name=HOSTILE), *skills[1:]),
        roles=(dataclasses.replace(roles[0], name=HOSTILE), *roles[1:]),
    )
    rows = [
        BatchItem(f"folder/{HOSTILE}", None, "ok", result.to_dict()),
        BatchItem("x.pdf", None, "error", error={"kind": HOSTILE, "message": HOSTILE}),
    ]
    for page in (render(result, "html"), batch_html(rows, taxonomy)):
        assert HOSTILE not in page and escape(HOSTILE) in page
        assert not re.search(r"<(?:script|img)\b", page, re.I)


def test_snippet_centres_the_term_and_marks_cuts():
    text = " ".join(f"word{i}" for i in range(60)) + " PyTorch " + " ".join(f"tail{i}" for i in range(60))
    before, term, after = snippet(text, "pytorch", 80)
    assert term == "PyTorch" and before.startswith("…") and after.endswith("…")
    assert len(before + term + after) <= 82 and " word" in before and " tail" in after
    assert snippet("short line with Docker", "docker") == ("short line with ", "Docker", "")
    assert snippet("no match here", "kubernetes") == ("", "", "no match here")


# -- HTML: self-contained and accessible ---------------------------------------------------------------


def test_every_template_ships_in_the_wheel():
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "gapcheck.render" in config["packages"]
    globs = config["package-data"]["gapcheck.render"]
    folder = ROOT / "gapcheck" / "render" / "templates"
    files = [p.relative_to(folder.parent) for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert len(files) >= 5
    assert [p for p in files if not any(p.match(g) for g in globs)] == []
    assert {p.name for p in files} <= set(_html.environment().list_templates())


def _batch_rows(analyzed_sample) -> list[BatchItem]:
    rows = [BatchItem(f"sample_resumes/{stem}.txt", None, "ok", analyzed_sample(stem).to_dict()) for stem in STEMS]
    rows.append(BatchItem("broken.pdf", None, "error", error={"kind": "unreadable", "message": "broken.pdf: bad"}))
    return rows


def _pages(analyzed_sample, taxonomy) -> dict[str, str]:
    pages = {stem: render(analyzed_sample(stem), "html") for stem in STEMS}
    pages["batch"] = batch_html(_batch_rows(analyzed_sample), taxonomy)
    return pages


def _contrast(a: str, b: str) -> float:
    def lum(colour: str) -> float:
        def channel(v: int) -> float:
            c = v / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b_ = ImageColor.getrgb(colour)
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b_)

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_html_is_self_contained(analyzed_sample, taxonomy):
    for name, page in _pages(analyzed_sample, taxonomy).items():
        assert not re.search(r"<script\b", page, re.I), name
        assert not re.search(r"\b(?:src|href|xlink:href|action|srcset)\s*=\s*[\"']?\s*(?:https?:)?//", page, re.I), name
        assert not re.search(r"<(?:link|iframe|object|embed|img|video|audio|base)\b", page, re.I), name
        assert "@import" not in page and "@font-face" not in page, name
        assert all(ref.startswith("#") for ref in re.findall(r"url\(\s*['\"]?([^)'\"]*)", page)), name
        assert f'<meta http-equiv="Content-Security-Policy" content="{escape(_html.CSP)}">' in page, name
    assert "script-src" not in _html.CSP and "default-src 'none'" in _html.CSP


def test_every_chart_has_a_text_alternative(analyzed_sample, taxonomy):
    for name, page in _pages(analyzed_sample, taxonomy).items():
        charts = SVG.findall(page)
        ids = [re.search(r'\bid="([^"]+)"', attrs).group(1) for attrs, _ in charts]  # type: ignore[union-attr]
        assert set(ids) >= set(BATCH_CHARTS if name == "batch" else REPORT_CHARTS), name
        for (attrs, body), chart in zip(charts, ids, strict=True):
            assert 'role="img"' in attrs, chart
            assert f'aria-labelledby="{chart}-title {chart}-desc"' in attrs, chart
            title = re.search(rf'^<title id="{chart}-title">([^<]{{10,}})</title>', body)
            desc = re.search(rf'<desc id="{chart}-desc">([^<]{{20,}})</desc>', body)
            assert title and desc, (name, chart)


def test_chart_descriptions_state_the_figures(analyzed_sample):
    result = analyzed_sample("data_scientist_mid")
    page = render(result, "html")
    desc = html.unescape(re.search(r'<desc id="role-chart-desc">([^<]*)</desc>', page).group(1))  # type: ignore[union-attr]
    for role in result.roles:
        assert f"{role.name}: {role.score:.1f}" in desc
    plan = html.unescape(re.search(r'<desc id="plan-timeline-desc">([^<]*)</desc>', page).group(1))  # type: ignore[union-attr]
    for phase in result.learning_plan.phases:
        assert f"{phase.order}. {phase.name}" in plan
        assert all(f"{s.name} {s.weeks:g}" in plan for s in (*phase.skills, *phase.activities))


def test_text_colours_reach_aa_contrast(analyzed_sample, taxonomy):
    for fg, bg in _svg.TEXT_COLOURS:
        assert _contrast(fg, bg) >= 4.5, (fg, bg, round(_contrast(fg, bg), 2))
    for tenth in range(1001):
        fill, ink = _batch_html.heat(tenth / 10)
        assert _contrast(fill, ink) >= 4.5, (tenth / 10, fill, ink)
    # Every text colour the pages use is one of the checked pairs (heat-map cells aside).
    checked = {rgb(fg) for fg, _ in _svg.TEXT_COLOURS} | {rgb("#000"), rgb("#fff")}
    for name, page in _pages(analyzed_sample, taxonomy).items():
        used = re.findall(r'<text\b[^>]*\bfill="(#[0-9a-fA-F]{3,6})"', page)
        used += re.findall(r'<svg\b[^>]*\bfill="(#[0-9a-fA-F]{3,6})"', page)
        used += re.findall(r"(?<![-\w])color:(#[0-9a-fA-F]{3,6})", page)
        assert used and {rgb(c) for c in used} <= checked, name


def test_contrast_check_can_fail():
    assert _contrast("#ffffff", "#ffffff") == 1.0
    assert _contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert _contrast("#d4a72c", "#ffffff") < 4.5  # the old "weak" amber, too light for text


def test_html_shows_found_skills_with_highlighted_evidence(analyzed_sample):
    result = analyzed_sample("nlp_engineer")
    page = render(result, "html")
    marked = {m.lower() for m in re.findall(r"<mark>([^<]*)</mark>", page)}
    findable = [
        s
        for s in result.skills
        if s.match != "implied" and s.evidence and s.evidence[0].term.lower() in s.evidence[0].text.lower()
    ]
    assert len(findable) >= 10
    for skill in findable:
        assert escape(skill.evidence[0].term).lower() in marked, skill.name
    assert '<details class="more"><summary>' in page  # further lines open without a script


def test_batch_html_has_heat_map_and_common_gaps(analyzed_sample, taxonomy):
    rows = _batch_rows(analyzed_sample)
    page = batch_html(rows, taxonomy)
    heat = re.search(r'<svg id="heatmap".*?</svg>', page, re.S).group(0)  # type: ignore[union-attr]
    for row in rows[:-1]:
        assert row.result is not None
        name = Path(row.file).name
        for role in row.result["roles"]:
            assert f"{escape(name)} · {escape(role['name'])}: {role['score']:.1f}" in heat
        best = row.result["best_role"]
        if best:
            assert f"{escape(name)} · {escape(best['name'])}: " in heat
    outlined = len(re.findall(r'stroke-width="3"><title>[^<]*\(best fit\)', heat))
    assert outlined == sum(1 for r in rows[:-1] if r.result and r.result["best_role"])
    # The most common gaps, counted here independently from the batch code.
    gaps: Counter[str] = Counter()
    for row in rows[:-1]:
        assert row.result is not None
        target = row.result["learning_plan"]["role"]
        fit = next((r for r in row.result["roles"] if r["id"] == target), None)
        gaps.update(m["name"] for m in (fit["missing"][:5] if fit else []))
    chart = re.search(r'<svg id="gap-chart".*?</svg>', page, re.S).group(0)  # type: ignore[union-attr]
    top_name, top_count = gaps.most_common(1)[0]
    assert f"{escape(top_name)}: missing for {top_count} of {len(rows) - 1} resumes" in chart
    assert "broken.pdf" in page and "unreadable" in page
    assert f"<b>{len(rows)}</b><span>files</span>" in page and f"<b>{len(rows) - 1}</b><span>scored</span>" in page


def test_batch_cli_writes_the_html(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for stem in ("nlp_engineer", "nurse_non_ml"):
        (folder / f"{stem}.txt").write_text((SAMPLES / f"{stem}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out, page = tmp_path / "o.jsonl", tmp_path / "report.html"
    res = CliRunner().invoke(
        main, ["batch", str(folder), "-o", str(out), "--html", str(page), "--workers", "0", "--progress", "quiet"]
    )
    assert res.exit_code == 0, res.output
    text = page.read_text(encoding="utf-8")
    assert '<svg id="heatmap"' in text and '<svg id="gap-chart"' in text and "no role fits" in text


# -- HTML in headless Chromium ------------------------------------------------------------------------

# Injected into a copy of the page (whose CSP would block it): measures every chart as laid out
# and every label in it, and logs one line so the test knows console capture works.
_PROBE = """<script>
const charts = [...document.querySelectorAll('svg[role="img"]')].map(svg => {
  const box = svg.getBoundingClientRect(), style = getComputedStyle(svg);
  const clipped = [...svg.querySelectorAll('text')].filter(t => {
    const r = t.getBoundingClientRect();
    return r.width === 0 || r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
      || r.bottom > box.bottom + 1;
  }).map(t => t.textContent);
  return {id: svg.id, width: box.width, height: box.height, top: box.top + scrollY,
          shown: style.display !== 'none' && style.visibility === 'visible' && Number(style.opacity) > 0,
          marks: svg.querySelectorAll('rect, circle, path').length,
          texts: svg.querySelectorAll('text').length, clipped};
});
document.body.setAttribute('data-charts', JSON.stringify(charts));
console.log('gapcheck-probe');
</script>"""


@pytest.fixture(scope="module")
def chromium() -> str:
    path = browser.find_chromium()
    if path is None:
        pytest.skip("no chromium binary on PATH (Debian: apt-get install chromium; .ci/run installs it)")
    return path


def test_console_messages_are_parsed():
    log = (
        '[1:1:1123/094417.96:INFO:CONSOLE:1] "boom", source: file:///r.html (1)\n'
        "[1:1:1123/094417.96:ERROR:dbus/bus.cc:405] Failed to connect to the bus\n"
        '[2:2:0101/000000.00:INFO:CONSOLE(7)] "Uncaught ReferenceError: x", source: file:///r.html (7)\n'
    )
    assert browser.console_messages(log) == (
        '"boom", source: file:///r.html (1)',
        '"Uncaught ReferenceError: x", source: file:///r.html (7)',
    )


def _screenshot_problems(png: Path, colours: dict[str, str]) -> list[str]:
    """Why a screenshot does not look drawn: few colours, one colour nearly everywhere, a chart colour missing."""
    with Image.open(png) as shot:
        image = shot.convert("RGB")
    pixels = image.width * image.height
    counts = Counter({colour: n for n, colour in image.getcolors(pixels) or []})
    problems = [f"only {len(counts)} colours"] if len(counts) <= 100 else []
    colour, n = counts.most_common(1)[0]
    if n >= 0.8 * pixels:
        problems.append(f"{colour} covers {n / pixels:.0%} of the page")
    problems += [
        f"{what} ({hex_}): {counts[rgb(hex_)]} pixels" for what, hex_ in colours.items() if counts[rgb(hex_)] <= 300
    ]
    return problems


def test_screenshot_check_fails_on_a_blank_page(tmp_path):
    png = tmp_path / "blank.png"
    Image.new("RGB", (1280, 300), _svg.PAGE).save(png)
    assert len(_screenshot_problems(png, {"best role bar": _svg.BEST, "other role bars": _svg.OTHER})) == 4


def _check_in_browser(
    chromium: str, tmp_path: Path, name: str, page: str, charts: tuple[str, ...], colours: dict[str, str], height: int
) -> None:
    file, png = tmp_path / f"{name}.html", tmp_path / f"{name}.png"
    file.write_text(page, encoding="utf-8")
    run = browser.load_page(chromium, file, height=height, screenshot=png, timeout=30)
    # (a) the page as shipped loads without a single console message: no error, no blocked load.
    assert run.console == (), run.console
    # (b) the charts survive parsing and loading.
    for chart in charts:
        assert re.search(rf'<svg id="{chart}" role="img"', run.dom), chart
    # (c) the screenshot is a page, not a blank: many colours, and the chart colours drawn.
    with Image.open(png) as shot:
        assert shot.size == (1280, height)
    assert _screenshot_problems(png, colours) == []
    # (d) the CSP as written (its quotes escaped) is in force: a script slipped into the page is refused.
    blocked = tmp_path / f"{name}-blocked.html"
    blocked.write_text(page.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    run = browser.load_page(chromium, blocked, height=900, dump_dom=True, timeout=30)
    assert not re.search(r'data-charts="', run.dom)
    assert any("Content Security Policy" in message for message in run.console), run.console

    # Every chart laid out at a readable size, shown, with marks drawn and no label cut off.
    csp = f'<meta http-equiv="Content-Security-Policy" content="{escape(_html.CSP)}">'
    probe = tmp_path / f"{name}-probe.html"
    probe.write_text(page.replace(csp, "").replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    run = browser.load_page(chromium, probe, height=900, timeout=30)
    assert len(run.console) == 1 and "gapcheck-probe" in run.console[0], run.console
    found = re.search(r'data-charts="([^"]*)"', run.dom)
    assert found, "the probe did not run"
    laid_out = {c["id"]: c for c in json.loads(html.unescape(found.group(1)))}
    assert set(charts) <= set(laid_out)
    for chart in laid_out.values():
        assert chart["shown"] and chart["width"] >= 600 and chart["height"] >= 100, chart
        assert chart["marks"] >= 5 and chart["texts"] >= 5, chart
        assert chart["clipped"] == [], chart


@pytest.mark.slow
def test_html_report_in_headless_chromium(chromium, analyzed_sample, tmp_path):
    result = analyzed_sample("nlp_engineer")
    phases = sorted(result.learning_plan.phases, key=lambda p: p.order)
    colours = {"best role bar": _svg.BEST, "other role bars": _svg.OTHER, "score track": _svg.TRACK}
    colours.update({f"phase {p.order}": _svg.PHASE_COLOURS[i] for i, p in enumerate(phases) if p.status != "done"})
    _check_in_browser(chromium, tmp_path, "report", render(result, "html"), REPORT_CHARTS, colours, 2200)


@pytest.mark.slow
def test_batch_html_in_headless_chromium(chromium, analyzed_sample, taxonomy, tmp_path):
    page = batch_html(_batch_rows(analyzed_sample), taxonomy)
    # Odd steps of the heat-map legend carry no label, so each has 540 pixels of its colour at least.
    colours = {"gap bars": _svg.OTHER, **{f"heat {k}": _batch_html.heat(k)[0] for k in (10, 30, 50, 70, 90)}}
    _check_in_browser(chromium, tmp_path, "batch", page, BATCH_CHARTS, colours, 1600)


def test_batch_tile_names_every_role_tied_for_first():
    def tile(best_roles: list[tuple[str, int]]) -> str:
        page = _batch_html.batch_page(
            total=3, files=[], roles=[], scores=[], best=[], best_roles=best_roles, gaps=[], errors=[]
        )
        return re.findall(r'<div class="tile"><b>([^<]*)</b><span>([^<]*)</span>', page)[-1]

    assert tile([("MLOps Engineer", 2), ("Data Scientist", 2), ("(no fit)", 1)]) == (
        "MLOps Engineer · Data Scientist",
        "most common best role (2 resumes each)",
    )
    assert tile([("Data Scientist", 1)]) == ("Data Scientist", "most common best role (1 resume)")
    assert tile([("A", 1), ("B", 1), ("C", 1)])[0] == "3 roles tie"
