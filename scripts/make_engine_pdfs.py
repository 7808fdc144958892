#!/usr/bin/env python3
"""Render the invented people of tests/data/engines/people/ with real typesetting engines.

    python scripts/make_engine_pdfs.py                   # every person, every style
    python scripts/make_engine_pdfs.py --style latex-jake --person amara_osei
    python scripts/make_engine_pdfs.py --list            # the styles and their engines

Writes, per (person, style), the engine's source and the PDF to
``tests/data/engines/<style>/<person>.<ext>`` and ``<style>/<person>.pdf``, and one text twin
per person to ``tests/data/engines/text/<person>.txt``: the resume as plain text in reading
order, with the same words as every PDF. ``benchmarks/reading.py`` compares the two.

The engines are development tools only, never dependencies of gapcheck; the PDFs are
committed so that CI and the benchmark need none of them. A missing engine is skipped with a
message. What the styles need (Debian bookworm package names):

    apt-get install texlive-latex-extra texlive-xetex texlive-fonts-recommended lmodern \
        libreoffice-writer-nogui hyphen-en-us chromium fonts-dejavu fonts-font-awesome \
        fonts-crosextra-carlito fonts-liberation2
    python3 -m venv /work/enginevenv
    /work/enginevenv/bin/pip install typst "rendercv[full]" click python-docx weasyprint pyyaml

Run it with the engine venv's Python (``/work/enginevenv/bin/python scripts/make_engine_pdfs.py``),
which has python-docx, WeasyPrint and rendercv; ``--rendercv`` names another rendercv binary.

rendercv's Typst themes import the ``@preview/fontawesome:0.5.0`` package, which Typst would
download at build time; this script instead provides a small stand-in package of that name
(``fa-icon`` drawing FontAwesome 4.7 glyphs from the Debian font) through ``XDG_DATA_HOME``, so
the themes render offline unchanged.

Output is deterministic where the engines allow it: SOURCE_DATE_EPOCH (and FORCE_SOURCE_DATE
for pdfTeX) pins the dates that TeX, Typst and WeasyPrint write; LibreOffice and Chromium
still write their own creation dates and document ids.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "engines"
PEOPLE = DATA / "people"
TEXT = DATA / "text"
EPOCH = "1795392000"  # 2026-11-23 00:00 UTC, the date "Present" stands for in the benchmarks
ENV = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "FORCE_SOURCE_DATE": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"}


# ---------------------------------------------------------------------------------------------
# The people and their text twins


def load_person(path: Path) -> dict[str, Any]:
    person = yaml.safe_load(path.read_text(encoding="utf-8"))
    person["id"] = path.stem
    return person


def dates(person: dict[str, Any], entry: dict[str, Any]) -> str:
    """The entry's date range as the person writes it, with their own separator."""
    start, end = str(entry.get("start", "")), str(entry.get("end", ""))
    if start and end and start != end:
        return f"{start}{person['date_separator']}{end}"
    return start or end


def where(entry: dict[str, Any]) -> str:
    return ", ".join(x for x in (entry.get("organisation"), entry.get("location")) if x)


def contact_items(person: dict[str, Any]) -> list[str]:
    c = person["contact"]
    return [c["location"], c["email"], c["phone"], *c.get("links", [])]


def twin(person: dict[str, Any]) -> str:
    """The resume as plain text, in the reading order every style keeps within a section."""
    out = [person["name"], person["headline"], " | ".join(contact_items(person)), ""]
    for sec in person["sections"]:
        out.append(sec["title"])
        kind = sec["kind"]
        if kind == "text":
            out.append(sec["text"])
        elif kind == "entries":
            for e in sec["entries"]:
                out += [e["title"], where(e), dates(person, e)]
                if e.get("paragraph"):
                    out.append(e["paragraph"])
                out += [f"- {b}" for b in e.get("bullets") or []]
        elif kind == "skills":
            out += [f"{g['label']}: {g['items']}" for g in sec["groups"]]
        elif kind == "list":
            out += list(sec["items"])
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def split_sides(person: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(main sections, sidebar sections) for the two-column styles."""
    main = [s for s in person["sections"] if not s.get("sidebar")]
    side = [s for s in person["sections"] if s.get("sidebar")]
    return main, side


# ---------------------------------------------------------------------------------------------
# LaTeX

_TEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def tex(s: str) -> str:
    return "".join(_TEX.get(ch, ch) for ch in str(s))


def tex_bullets(items: list[str], opts: str = "") -> str:
    if not items:
        return ""
    body = "\n".join(rf"  \item {tex(b)}" for b in items)
    return f"\\begin{{itemize}}{opts}\n{body}\n\\end{{itemize}}\n"


# pdfLaTeX's utf8 input knows the en dash and the soft hyphen but not U+2010: a writer who
# pastes one gets an error, and the usual fix is to declare it as a hyphen.
PDFTEX_UNICODE = r"\DeclareUnicodeCharacter{2010}{-}"


def moderncv(person: dict[str, Any]) -> str:
    first, _, last = person["name"].partition(" ")
    c = person["contact"]
    out = [
        r"\documentclass[11pt,a4paper,sans]{moderncv}",
        # The style's default icons need fontawesome5 (texlive-fonts-extra, 1.4 GB): take its
        # letters set and the marvosym glyphs of moderncviconsmarvosym.sty instead.
        r"\moderncvstyle[nosymbols]{classic}",
        r"\moderncvcolor{blue}",
        r"\renewcommand*{\mobilephonesymbol}{\marvosymbol{72}~}",
        r"\renewcommand*{\emailsymbol}{\marvosymbol{66}~}",
        r"\renewcommand*{\homepagesymbol}{{\Large\marvosymbol{205}}~}",
        r"\usepackage[utf8]{inputenc}",
        r"\usepackage[T1]{fontenc}",
        PDFTEX_UNICODE,
        r"\usepackage{lmodern}",
        r"\usepackage[scale=0.8]{geometry}",
        rf"\name{{{tex(first)}}}{{{tex(last)}}}",
        rf"\title{{{tex(person['headline'])}}}",
        rf"\address{{{tex(c['location'])}}}{{}}{{}}",
        rf"\phone[mobile]{{{tex(c['phone'])}}}",
        rf"\email{{{tex(c['email'])}}}",
    ]
    out += [rf"\homepage{{{tex(link)}}}" for link in c.get("links", [])[:1]]
    out += [r"\begin{document}", r"\makecvtitle"]
    for sec in person["sections"]:
        out.append(rf"\section{{{tex(sec['title'])}}}")
        if sec["kind"] == "text":
            out.append(rf"\cvitem{{}}{{{tex(sec['text'])}}}")
        elif sec["kind"] == "entries":
            for e in sec["entries"]:
                desc = tex(e["paragraph"]) + "\n" if e.get("paragraph") else ""
                desc += tex_bullets(e.get("bullets") or [])
                out.append(
                    rf"\cventry{{{tex(dates(person, e))}}}{{{tex(e['title'])}}}{{{tex(e['organisation'])}}}"
                    rf"{{{tex(e['location'])}}}{{}}{{{desc}}}"
                )
        elif sec["kind"] == "skills":
            out += [rf"\cvitem{{{tex(g['label'])}}}{{{tex(g['items'])}}}" for g in sec["groups"]]
        elif sec["kind"] == "list":
            out += [rf"\cvlistitem{{{tex(i)}}}" for i in sec["items"]]
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


JAKE_PREAMBLE = (
    r"""\documentclass[letterpaper,11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{latexsym}
\usepackage[empty]{fullpage}
\usepackage{titlesec}
\usepackage[usenames,dvipsnames]{color}
\usepackage{enumitem}
\usepackage[hidelinks]{hyperref}
\usepackage{fancyhdr}
\usepackage[english]{babel}
\usepackage{tabularx}
\input{glyphtounicode}
\pdfgentounicode=1
"""
    + PDFTEX_UNICODE
    + r"""
\pagestyle{fancy}
\fancyhf{}
\renewcommand{\headrulewidth}{0pt}
\renewcommand{\footrulewidth}{0pt}
\addtolength{\oddsidemargin}{-0.5in}
\addtolength{\evensidemargin}{-0.5in}
\addtolength{\textwidth}{1in}
\addtolength{\topmargin}{-.5in}
\addtolength{\textheight}{1.0in}
\urlstyle{same}
\raggedbottom
\setlength{\tabcolsep}{0in}
\titleformat{\section}{\vspace{-4pt}\scshape\raggedright\large}{}{0em}{}[\color{black}\titlerule \vspace{-5pt}]
\newcommand{\resumeItem}[1]{\item\small{#1 \vspace{-2pt}}}
\newcommand{\resumeSubheading}[4]{
  \vspace{-2pt}\item
    \begin{tabular*}{0.97\textwidth}[t]{l@{\extracolsep{\fill}}r}
      \textbf{#1} & #2 \\
      \textit{\small#3} & \textit{\small #4} \\
    \end{tabular*}\vspace{-7pt}
}
\renewcommand\labelitemii{$\vcenter{\hbox{\tiny$\bullet$}}$}
\newcommand{\resumeSubHeadingListStart}{\begin{itemize}[leftmargin=0.15in, label={}]}
\newcommand{\resumeSubHeadingListEnd}{\end{itemize}}
\newcommand{\resumeItemListStart}{\begin{itemize}}
\newcommand{\resumeItemListEnd}{\end{itemize}\vspace{-5pt}}
"""
)


def jake(person: dict[str, Any]) -> str:
    """Article class, one column, dates right-aligned in a tabular* (the widely copied layout)."""
    out = [
        JAKE_PREAMBLE,
        r"\begin{document}",
        r"\begin{center}",
        rf"  \textbf{{\Huge \scshape {tex(person['name'])}}} \\ \vspace{{1pt}}",
        rf"  {tex(person['headline'])} \\ \vspace{{1pt}}",
        "  \\small " + r" $|$ ".join(tex(x) for x in contact_items(person)),
        r"\end{center}",
    ]
    for sec in person["sections"]:
        out.append(rf"\section{{{tex(sec['title'])}}}")
        if sec["kind"] == "text":
            out.append(r"\small " + tex(sec["text"]))
        elif sec["kind"] == "entries":
            out.append(r"\resumeSubHeadingListStart")
            for e in sec["entries"]:
                out.append(
                    rf"\resumeSubheading{{{tex(e['title'])}}}{{{tex(dates(person, e))}}}"
                    rf"{{{tex(e['organisation'])}}}{{{tex(e['location'])}}}"
                )
                items = ([e["paragraph"]] if e.get("paragraph") else []) + list(e.get("bullets") or [])
                if items:
                    out.append(r"\resumeItemListStart")
                    out += [rf"  \resumeItem{{{tex(b)}}}" for b in items]
                    out.append(r"\resumeItemListEnd")
            out.append(r"\resumeSubHeadingListEnd")
        elif sec["kind"] == "skills":
            out.append(r"\begin{itemize}[leftmargin=0.15in, label={}]\small{\item{")
            out.append(" \\\\\n".join(rf"\textbf{{{tex(g['label'])}}}{{: {tex(g['items'])}}}" for g in sec["groups"]))
            out.append(r"}}\end{itemize}")
        elif sec["kind"] == "list":
            out.append(r"\begin{itemize}[leftmargin=0.15in, label={}]\small")
            out += [rf"\item {tex(i)}" for i in sec["items"]]
            out.append(r"\end{itemize}")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def _tex_entry(person: dict[str, Any], e: dict[str, Any], size: str = r"\small") -> str:
    """One entry with the dates where the person puts them: right, left of the title, or below."""
    title, when = rf"\textbf{{{tex(e['title'])}}}", tex(dates(person, e))
    pos = person.get("date_position", "right")
    if pos == "right":
        head = rf"{title}\hfill {{{size} {when}}}\\" + "\n" + rf"\textit{{{tex(where(e))}}}\\"
    elif pos == "left":
        head = rf"{{{size}\textsc{{{when}}}}}\quad {title}\\" + "\n" + rf"\textit{{{tex(where(e))}}}\\"
    else:
        head = rf"{title}\\" + "\n" + rf"\textit{{{tex(where(e))}}}\\" + "\n" + rf"{{{size}\color{{gray}} {when}}}\\"
    body = ""
    if e.get("paragraph"):
        body += tex(e["paragraph"]) + "\n\n"
    body += tex_bullets(e.get("bullets") or [], "[leftmargin=1.2em,itemsep=0pt,topsep=2pt]")
    return r"\noindent " + head + "\n" + body + r"\medskip" + "\n"


def _tex_section(person: dict[str, Any], sec: dict[str, Any], heading: Callable[[str], str]) -> list[str]:
    out = [heading(sec["title"])]
    if sec["kind"] == "text":
        out.append(tex(sec["text"]) + "\n")
    elif sec["kind"] == "entries":
        out += [_tex_entry(person, e) for e in sec["entries"]]
    elif sec["kind"] == "skills":
        out += [rf"\noindent\textbf{{{tex(g['label'])}:}} {tex(g['items'])}\par\smallskip" for g in sec["groups"]]
    elif sec["kind"] == "list":
        out.append(r"\begin{itemize}[leftmargin=1.2em,itemsep=1pt]")
        out += [rf"\item {tex(i)}" for i in sec["items"]]
        out.append(r"\end{itemize}")
    return out


def _pdftex_head(geometry: str) -> list[str]:
    """The first lines of a pdfLaTeX article: 10 pt A4, UTF-8 input, T1 Latin Modern, the page's
    geometry (``geometry``: the package's options)."""
    return [
        r"\documentclass[10pt,a4paper]{article}",
        r"\usepackage[utf8]{inputenc}",
        r"\usepackage[T1]{fontenc}",
        PDFTEX_UNICODE,
        r"\usepackage{lmodern}",
        rf"\usepackage[{geometry}]{{geometry}}",
    ]


def latex_sidebar(person: dict[str, Any]) -> str:
    """pdfLaTeX, paracol: a shaded sidebar (contact, skills, education) left of the main column."""
    main, side = split_sides(person)
    out = [
        *_pdftex_head("margin=1.6cm"),
        r"\usepackage{paracol}",
        r"\usepackage{xcolor}",
        r"\usepackage{enumitem}",
        r"\usepackage{titlesec}",
        r"\definecolor{side}{gray}{0.93}",
        r"\columnratio{0.31}",
        r"\setlength{\columnsep}{1.4em}",
        r"\backgroundcolor{c[0](6pt,6pt)}{side}",
        r"\pagestyle{empty}",
        r"\titleformat{\section}{\large\bfseries\color{teal}}{}{0pt}{}[\vspace{-4pt}\rule{\linewidth}{0.4pt}]",
        r"\titlespacing*{\section}{0pt}{8pt}{4pt}",
        r"\begin{document}",
        rf"{{\Huge\bfseries {tex(person['name'])}}}\\[2pt]",
        rf"{{\large {tex(person['headline'])}}}\par\bigskip",
        r"\begin{paracol}{2}",
        r"\small",
        r"\section*{Contact}",
    ]
    out += [tex(x) + r"\\" for x in contact_items(person)]
    for sec in side:
        out += _tex_section(person, sec, lambda t: rf"\section*{{{tex(t)}}}")
    out.append(r"\switchcolumn")
    for sec in main:
        out += _tex_section(person, sec, lambda t: rf"\section*{{{tex(t)}}}")
    out += [r"\end{paracol}", r"\end{document}"]
    return "\n".join(out) + "\n"


def _aside_entries(person: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    """A section's entries as friggeri-cv sets them: one table, the dates in a column as wide as
    the widest of them, left of each entry's title and text."""
    rows = []
    for e in entries:
        rows.append(rf"{{\small {tex(dates(person, e))}}} & \textbf{{{tex(e['title'])}}} \hfill "
                    rf"{{\small {tex(where(e))}}}\\")
        if e.get("paragraph"):
            rows.append(rf"& {tex(e['paragraph'])}\\")
        rows += [rf"& \textbullet\ {tex(b)}\\" for b in e.get("bullets") or []]
        rows.append(r"\noalign{\medskip}")
    return "\n".join([r"\noindent\begin{tabular}{@{}l@{\hspace{0.5cm}}p{10.4cm}@{}}", *rows, r"\end{tabular}"]) + "\n"


def latex_aside(person: dict[str, Any]) -> str:
    """pdfLaTeX, textpos: friggeri-cv's layout. An aside at the page's left edge set flush right
    (contact, skills), beside a body whose entries put their dates in a column of their own
    left of the text: three bands, the middle one of dates only."""
    main, side = split_sides(person)
    out = [
        *_pdftex_head("left=5.6cm,right=1.2cm,top=1.4cm,bottom=1.4cm"),
        r"\usepackage[absolute]{textpos}",
        r"\usepackage{enumitem}",
        r"\setlength{\TPHorizModule}{1cm}",
        r"\setlength{\TPVertModule}{1cm}",
        r"\usepackage{xcolor}",
        r"\usepackage{titlesec}",
        r"\pagestyle{empty}",
        r"\titleformat{\section}{\LARGE\color{teal}}{}{0pt}{}",
        r"\titlespacing*{\section}{0pt}{10pt}{4pt}",
        r"\begin{document}",
        r"\begin{textblock}{4.4}(0.6,3.2)",
        r"\raggedleft\small",
        r"{\large\color{teal} contact}\\[2pt]",
    ]
    out += [tex(x) + r"\\" for x in contact_items(person)]
    for sec in side:
        out.append(rf"\par\medskip{{\large\color{{teal}} {tex(sec['title'].lower())}}}\\[2pt]")
        if sec["kind"] == "skills":
            out += [rf"\textbf{{{tex(g['label'])}}}\\ {tex(g['items'])}\\" for g in sec["groups"]]
        elif sec["kind"] == "list":
            out += [tex(i) + r"\\" for i in sec["items"]]
        elif sec["kind"] == "text":
            out.append(tex(sec["text"]) + r"\\")
        elif sec["kind"] == "entries":
            out += [rf"{tex(e['title'])}\\ {tex(where(e))}\\ {tex(dates(person, e))}\\" for e in sec["entries"]]
    out += [
        r"\end{textblock}",
        rf"{{\Huge {tex(person['name'])}}}\\[2pt]",
        rf"{{\large {tex(person['headline'])}}}\par\bigskip",
    ]
    for sec in main:
        out.append(rf"\section*{{{tex(sec['title'].lower())}}}")
        if sec["kind"] == "entries":
            out.append(_aside_entries(person, sec["entries"]))
        else:
            out += _tex_section(person, sec, lambda t: "")[1:]
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def latex_margin(person: dict[str, Any]) -> str:
    """pdfLaTeX, longtable: res.cls's layout. Each section's heading stands in the left margin in
    capitals, a word a line, on the baselines of the section's first lines; no heading stands
    over the text."""
    out = [
        *_pdftex_head("margin=1.5cm"),
        r"\usepackage{longtable}",
        r"\pagestyle{empty}",
        r"\setlength{\LTpre}{0pt}\setlength{\LTpost}{6pt}",
        r"\begin{document}",
        rf"{{\Large\bfseries {tex(person['name'])}}} \hfill {tex(person['headline'])}\par\medskip",
        r"\begin{longtable}{@{}p{3.6cm}p{14.0cm}@{}}",
    ]
    for sec in person["sections"]:
        rows: list[str] = []
        if sec["kind"] == "text":
            rows.append(tex(sec["text"]))
        elif sec["kind"] == "entries":
            for e in sec["entries"]:
                rows.append(rf"\textbf{{{tex(e['title'])}}}, {tex(where(e))} \hfill {tex(dates(person, e))}")
                if e.get("paragraph"):
                    rows.append(tex(e["paragraph"]))
                rows += [rf"\textbullet\ {tex(b)}" for b in e.get("bullets") or []]
        elif sec["kind"] == "skills":
            rows += [rf"\textbf{{{tex(g['label'])}:}} {tex(g['items'])}" for g in sec["groups"]]
        elif sec["kind"] == "list":
            rows += [tex(i) for i in sec["items"]]
        # The heading wraps in its margin, a word a line, beside the text's own lines (smashed:
        # the rows keep the text's height), as res.cls's \section does.
        words = [rf"\textbf{{{tex(w)}}}" for w in sec["title"].upper().split()]
        rows += [""] * max(0, len(words) - len(rows))
        label = r"\smash{\parbox[t]{3cm}{" + r"\\".join(words) + "}}"
        for k, row in enumerate(rows):
            out.append(rf"{label if k == 0 else ''} & {row} \\")
        out.append(r"\noalign{\medskip}")
    out += [r"\end{longtable}", r"\end{document}"]
    return "\n".join(out) + "\n"


# FontAwesome 4.7 code points (the Debian fonts-font-awesome font) for the header icons.
FA = {"location": "F041", "email": "F0E0", "phone": "F095", "link": "F0C1"}


def xelatex_twocol(person: dict[str, Any]) -> str:
    """XeLaTeX with fontspec: system fonts, FontAwesome icons in the header, body in two columns."""
    c = person["contact"]
    icons = [("location", c["location"]), ("email", c["email"]), ("phone", c["phone"])]
    icons += [("link", x) for x in c.get("links", [])]
    header = r" \quad ".join('{\\FA\\symbol{"' + FA[k] + "}}~" + tex(v) for k, v in icons)
    out = [
        r"\documentclass[10pt,a4paper]{article}",
        r"\usepackage{fontspec}",
        r"\setmainfont{Liberation Serif}",
        r"\setsansfont{DejaVu Sans}",
        r"\newfontfamily\FA{FontAwesome}",
        r"\usepackage[margin=1.5cm]{geometry}",
        r"\usepackage{multicol}",
        r"\usepackage{xcolor}",
        r"\usepackage{enumitem}",
        r"\usepackage{titlesec}",
        r"\setlength{\columnsep}{1.5em}",
        r"\pagestyle{empty}",
        r"\titleformat{\section}{\sffamily\bfseries\color{violet}\MakeUppercase}{}{0pt}{}",
        r"\titlespacing*{\section}{0pt}{8pt}{3pt}",
        r"\begin{document}",
        r"\begin{center}",
        rf"{{\sffamily\fontsize{{24}}{{28}}\selectfont {tex(person['name'])}}}\\[3pt]",
        rf"{{\large\itshape {tex(person['headline'])}}}\\[4pt]",
        r"{\small " + header + "}",
        r"\end{center}",
        r"\begin{multicols}{2}",
    ]
    for sec in person["sections"]:
        out += _tex_section(person, sec, lambda t: rf"\section*{{{tex(t)}}}")
    out += [r"\end{multicols}", r"\end{document}"]
    return "\n".join(out) + "\n"


def run_tex(engine: str, src: Path, runs: int = 1) -> Path:
    for _ in range(runs):
        proc = subprocess.run(
            [engine, "-interaction=nonstopmode", "-halt-on-error", src.name],
            cwd=src.parent,
            env=ENV,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=180,
        )
        if proc.returncode != 0:
            tail = "\n".join(proc.stdout.splitlines()[-15:])
            raise RuntimeError(f"{engine} failed on {src.name}:\n{tail}")
    return src.with_suffix(".pdf")


# ---------------------------------------------------------------------------------------------
# rendercv (Typst)

FA_STUB_TOML = """[package]
name = "fontawesome"
version = "0.5.0"
entrypoint = "lib.typ"
authors = ["gapcheck make_engine_pdfs.py"]
license = "MIT"
description = "Offline stand-in for the fontawesome package: fa-icon() with the FontAwesome 4.7 font."
"""
FA_STUB_LIB = """#let _fa-codes = (
  "location-dot": "\\u{f041}", "envelope": "\\u{f0e0}", "phone": "\\u{f095}", "link": "\\u{f0c1}",
  "linkedin": "\\u{f08c}", "github": "\\u{f09b}", "external-link": "\\u{f08e}", "globe": "\\u{f0ac}",
)
#let fa-icon(name, size: 1em, ..args) = text(font: "FontAwesome", size: size, _fa-codes.at(name, default: "\\u{f0c1}"))
"""


def rendercv_yaml(person: dict[str, Any], theme: str) -> str:
    c = person["contact"]
    cv: dict[str, Any] = {
        "name": person["name"],
        # rendercv 2.3 has no headline field: it goes first in the location, which the themes
        # print first in the header line, so the words keep the twin's order.
        "location": f"{person['headline']} | {c['location']}",
        "email": c["email"],
        "phone": c["phone"],
    }
    if c.get("links"):
        cv["website"] = "https://" + c["links"][0]
    sections: dict[str, list[Any]] = {}
    for sec in person["sections"]:
        kind = sec["kind"]
        if kind == "text":
            items: list[Any] = [sec["text"]]
        elif kind == "entries":
            items = []
            for e in sec["entries"]:
                entry: dict[str, Any] = {
                    "company": e["organisation"],
                    "position": e["title"],
                    "location": e["location"],
                    "date": dates(person, e),
                }
                if e.get("paragraph"):
                    entry["summary"] = e["paragraph"]
                if e.get("bullets"):
                    entry["highlights"] = list(e["bullets"])
                items.append(entry)
        elif kind == "skills":
            items = [{"label": g["label"], "details": g["items"]} for g in sec["groups"]]
        else:
            items = [{"bullet": i} for i in sec["items"]]
        sections[sec["title"]] = items
    cv["sections"] = sections
    doc = {
        "cv": cv,
        "design": {"theme": theme, "page": {"show_page_numbering": False, "show_last_updated_date": False}},
        "rendercv_settings": {"date": "2026-11-23"},
    }
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def typst_home() -> Path:
    home = Path(tempfile.mkdtemp(prefix="typst-home-"))
    pkg = home / "typst" / "packages" / "preview" / "fontawesome" / "0.5.0"
    pkg.mkdir(parents=True)
    (pkg / "typst.toml").write_text(FA_STUB_TOML, encoding="utf-8")
    (pkg / "lib.typ").write_text(FA_STUB_LIB, encoding="utf-8")
    return home


# ---------------------------------------------------------------------------------------------
# Word (python-docx, converted by LibreOffice)


def _docx_base() -> Any:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    doc.core_properties.author = "gapcheck test corpus"
    import datetime as _dt

    stamp = _dt.datetime(2026, 11, 23)
    doc.core_properties.created = stamp
    doc.core_properties.modified = stamp
    doc.core_properties.last_printed = stamp
    doc.core_properties.revision = 1
    for s in doc.sections:
        s.page_height, s.page_width = Cm(27.94), Cm(21.59)
        s.left_margin = s.right_margin = Cm(1.8)
        s.top_margin = s.bottom_margin = Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.space_after = Pt(2)
    # Word's automatic hyphenation is a document setting.
    settings = doc.settings.element
    auto = OxmlElement("w:autoHyphenation")
    settings.append(auto)
    for name in ("Heading 1", "Title"):
        st = doc.styles[name]
        st.font.name = "Calibri"
        rpr = st.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attr), None)
    doc.styles["Heading 1"].font.size = Pt(13)
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(8)
    return doc


def _docx_entry(
    doc_or_cell: Any, person: dict[str, Any], e: dict[str, Any], width_cm: float, *, tabs: bool, narrow: bool = False
) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    # A narrow sidebar has no room for a date beside the title.
    pos = "below" if narrow else person.get("date_position", "right")
    when = dates(person, e)
    p = doc_or_cell.add_paragraph()
    p.paragraph_format.space_before = Pt(5)
    if tabs or pos == "right":
        p.paragraph_format.tab_stops.add_tab_stop(Cm(width_cm), WD_TAB_ALIGNMENT.RIGHT)
        p.add_run(e["title"]).bold = True
        p.add_run("\t" + when)
    elif pos == "left":
        p.paragraph_format.tab_stops.add_tab_stop(Cm(3.2))
        p.add_run(when + "\t")
        p.add_run(e["title"]).bold = True
    else:
        p.add_run(e["title"]).bold = True
    q = doc_or_cell.add_paragraph()
    q.add_run(where(e)).italic = True
    if not tabs and pos == "below":
        doc_or_cell.add_paragraph(when)
    if e.get("paragraph"):
        doc_or_cell.add_paragraph(e["paragraph"])
    for b in e.get("bullets") or []:
        doc_or_cell.add_paragraph(b, style="List Bullet")


def _docx_section(
    target: Any, person: dict[str, Any], sec: dict[str, Any], width_cm: float, *, tabs: bool, narrow: bool = False
) -> None:
    target.add_paragraph(sec["title"], style="Heading 1")
    if sec["kind"] == "text":
        target.add_paragraph(sec["text"])
    elif sec["kind"] == "entries":
        for e in sec["entries"]:
            _docx_entry(target, person, e, width_cm, tabs=tabs, narrow=narrow)
    elif sec["kind"] == "skills":
        for g in sec["groups"]:
            p = target.add_paragraph()
            p.add_run(g["label"] + ": ").bold = True
            p.add_run(g["items"])
    elif sec["kind"] == "list":
        for i in sec["items"]:
            target.add_paragraph(i, style="List Bullet")


def docx_tabs(person: dict[str, Any], out: Path) -> None:
    """One column; the dates sit at a right-aligned tab stop on the title line."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = _docx_base()
    t = doc.add_paragraph(person["name"], style="Title")
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    h = doc.add_paragraph(person["headline"])
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    c = doc.add_paragraph(" | ".join(contact_items(person)))
    c.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for sec in person["sections"]:
        _docx_section(doc, person, sec, 17.99, tabs=True)
    doc.save(str(out))


def docx_table(person: dict[str, Any], out: Path) -> None:
    """A two-cell table: a shaded sidebar (contact, skills, education) and the main column."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    doc = _docx_base()
    main, side = split_sides(person)
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    # LibreOffice lays a table out by its grid columns, Word by its cell widths: set both.
    for col, cell, width in ((table.columns[0], left, Cm(5.6)), (table.columns[1], right, Cm(12.4))):
        col.width = cell.width = width
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:fill"), "E8EEF4")
    left._tc.get_or_add_tcPr().append(shade)
    # Name and headline at the top of the sidebar, as many Word templates have them.
    left.paragraphs[0].text = person["name"]
    left.paragraphs[0].style = doc.styles["Title"]
    left.add_paragraph(person["headline"])
    left.add_paragraph("Contact", style="Heading 1")
    for x in contact_items(person):
        left.add_paragraph(x)
    for sec in side:
        _docx_section(left, person, sec, 5.0, tabs=False, narrow=True)
    right.paragraphs[0].text = ""
    for sec in main:
        _docx_section(right, person, sec, 11.6, tabs=False)
    doc.save(str(out))


# ---------------------------------------------------------------------------------------------
# HTML + CSS

CSS = """
@page { size: A4; margin: 13mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.35; margin: 0;
       color: #1d232b; text-align: justify; hyphens: auto; -webkit-hyphens: auto; }
header { margin-bottom: 5mm; }
header h1 { font-size: 24pt; margin: 0; letter-spacing: .02em; }
header .headline { font-size: 12pt; color: #335c81; margin: 1mm 0 0; }
.grid { display: grid; grid-template-columns: 31% 1fr; gap: 7mm; }
aside { background: #eef2f6; padding: 4mm; border-radius: 2mm; }
aside p { margin: 0 0 1.2mm; text-align: left; }
h2 { font-size: 10.5pt; text-transform: uppercase; letter-spacing: .08em; color: #335c81;
     border-bottom: 1px solid #9fb3c8; margin: 4mm 0 2mm; padding-bottom: .6mm; }
aside h2:first-child, main h2:first-child { margin-top: 0; }
.entry { margin-bottom: 3mm; }
.head { display: flex; justify-content: space-between; gap: 3mm; font-weight: bold; }
.head.left { justify-content: flex-start; }
.when { font-weight: normal; color: #53606e; white-space: nowrap; }
.org { font-style: italic; margin: 0; }
ul { margin: 1mm 0 0; padding-left: 4.5mm; }
li { margin-bottom: .6mm; }
p { margin: 0 0 1.5mm; }
"""


def _html_entry(person: dict[str, Any], e: dict[str, Any]) -> str:
    esc = html.escape
    pos = person.get("date_position", "right")
    when = f'<span class="when">{esc(dates(person, e))}</span>'
    title = f'<span class="title">{esc(e["title"])}</span>'
    if pos == "right":
        head = f'<div class="head">{title}{when}</div><p class="org">{esc(where(e))}</p>'
    elif pos == "left":
        head = f'<div class="head left">{when}{title}</div><p class="org">{esc(where(e))}</p>'
    else:
        head = f'<div class="head">{title}</div><p class="org">{esc(where(e))}</p><p>{when}</p>'
    body = f"<p>{esc(e['paragraph'])}</p>" if e.get("paragraph") else ""
    if e.get("bullets"):
        body += "<ul>" + "".join(f"<li>{esc(b)}</li>" for b in e["bullets"]) + "</ul>"
    return f'<div class="entry">{head}{body}</div>'


def _html_section(person: dict[str, Any], sec: dict[str, Any]) -> str:
    esc = html.escape
    parts = [f"<section><h2>{esc(sec['title'])}</h2>"]
    if sec["kind"] == "text":
        parts.append(f"<p>{esc(sec['text'])}</p>")
    elif sec["kind"] == "entries":
        parts += [_html_entry(person, e) for e in sec["entries"]]
    elif sec["kind"] == "skills":
        parts += [f"<p><b>{esc(g['label'])}:</b> {esc(g['items'])}</p>" for g in sec["groups"]]
    elif sec["kind"] == "list":
        parts.append("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in sec["items"]) + "</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def html_grid(person: dict[str, Any]) -> str:
    """A CSS grid page: a shaded sidebar (contact, skills, education) and the main column."""
    esc = html.escape
    main, side = split_sides(person)
    contact = "".join(f"<p>{esc(x)}</p>" for x in contact_items(person))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(person["name"])} - Resume</title>
<meta name="author" content="{esc(person["name"])}">
<meta name="dcterms.created" content="2026-11-23T00:00:00Z">
<meta name="dcterms.modified" content="2026-11-23T00:00:00Z">
<style>{CSS}</style>
</head>
<body>
<header><h1>{esc(person["name"])}</h1><p class="headline">{esc(person["headline"])}</p></header>
<div class="grid">
<aside><section><h2>Contact</h2>{contact}</section>
{"".join(_html_section(person, s) for s in side)}
</aside>
<main>
{"".join(_html_section(person, s) for s in main)}
</main>
</div>
</body>
</html>
"""


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--no-pdf-header-footer",
]


# ---------------------------------------------------------------------------------------------
# The styles


@dataclass(frozen=True)
class Style:
    name: str
    engine: str  # what must be installed
    ext: str  # the engine source's extension
    note: str


STYLES = [
    Style("latex-moderncv", "pdflatex", "tex", "moderncv, classic style, marvosym icons"),
    Style("latex-jake", "pdflatex", "tex", "article class, one column, dates right-aligned in a tabular*"),
    Style("latex-sidebar", "pdflatex", "tex", "paracol two columns, shaded sidebar on the left"),
    Style("latex-margin", "pdflatex", "tex", "longtable, each section's heading in the left margin, a word a row"),
    Style("latex-aside", "pdflatex", "tex", "textpos aside flush right at the left edge, dates in a band of their own"),
    Style("xelatex-twocol", "xelatex", "tex", "fontspec system fonts, FontAwesome header icons, multicol body"),
    Style("rendercv-classic", "rendercv", "yaml", "rendercv (Typst) classic theme"),
    Style("rendercv-sb2nov", "rendercv", "yaml", "rendercv (Typst) sb2nov theme"),
    Style("rendercv-engineeringresumes", "rendercv", "yaml", "rendercv (Typst) engineeringresumes theme"),
    Style("rendercv-moderncv", "rendercv", "yaml", "rendercv (Typst) moderncv theme"),
    Style("docx-tabs", "libreoffice", "docx", "python-docx, one column, right tab stop for dates; LibreOffice"),
    Style("docx-table", "libreoffice", "docx", "python-docx, two-cell table sidebar; LibreOffice"),
    Style("html-chromium", "chromium", "html", "CSS grid sidebar, printed by headless Chromium"),
    Style("html-weasyprint", "weasyprint", "html", "CSS grid sidebar, printed by WeasyPrint"),
]


def have(engine: str, rendercv: str) -> str | None:
    """None when the engine is usable, else why not."""
    if engine in ("pdflatex", "xelatex", "chromium"):
        return None if shutil.which(engine) else f"{engine} not on PATH"
    if engine == "libreoffice":
        if not (shutil.which("soffice") or shutil.which("libreoffice")):
            return "LibreOffice (soffice) not on PATH"
        try:
            import docx  # noqa: F401
        except ImportError:
            return "python-docx not importable (run with the engine venv's Python)"
        return None
    if engine == "weasyprint":
        try:
            import weasyprint  # noqa: F401
        except ImportError:
            return "weasyprint not importable (run with the engine venv's Python)"
        return None
    if engine == "rendercv":
        return None if shutil.which(rendercv) or Path(rendercv).exists() else f"rendercv not found ({rendercv})"
    return f"unknown engine {engine}"


def build(style: Style, people: list[dict[str, Any]], args: argparse.Namespace) -> list[str]:
    """Render every person in one style; return the problems met (one line each)."""
    folder = DATA / style.name
    folder.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix=f"engine-{style.name}-") as tmpdir:
        tmp = Path(tmpdir)
        if style.engine in ("pdflatex", "xelatex"):
            maker = {
                "latex-moderncv": moderncv,
                "latex-jake": jake,
                "latex-sidebar": latex_sidebar,
                "latex-aside": latex_aside,
                "latex-margin": latex_margin,
                "xelatex-twocol": xelatex_twocol,
            }[style.name]
            for p in people:
                src = tmp / f"{p['id']}.tex"
                src.write_text(maker(p), encoding="utf-8")
                shutil.copy(src, folder / src.name)
                try:
                    pdf = run_tex(style.engine, src, runs=2 if style.name == "latex-sidebar" else 1)
                    shutil.copy(pdf, folder / pdf.name)
                except (RuntimeError, subprocess.TimeoutExpired) as exc:
                    problems.append(f"{style.name}/{p['id']}: {exc}")
        elif style.engine == "rendercv":
            theme = style.name.split("-", 1)[1]
            home = typst_home()
            env = {**ENV, "XDG_DATA_HOME": str(home), "XDG_CACHE_HOME": str(home / "cache")}
            for p in people:
                src = folder / f"{p['id']}.yaml"
                src.write_text(rendercv_yaml(p, theme), encoding="utf-8")
                work = tmp / p["id"]
                work.mkdir()
                shutil.copy(src, work / src.name)
                proc = subprocess.run(
                    [args.rendercv, "render", src.name, "-nomd", "-nohtml", "-nopng", "-o", "out"],
                    cwd=work,
                    env=env,
                    capture_output=True,
                    text=True,
                    errors="replace",
                    timeout=300,
                )
                pdfs = list((work / "out").glob("*.pdf"))
                if proc.returncode != 0 or not pdfs:
                    problems.append(f"{style.name}/{p['id']}: rendercv failed: {proc.stdout[-600:]}")
                    continue
                shutil.copy(pdfs[0], folder / f"{p['id']}.pdf")
            shutil.rmtree(home, ignore_errors=True)
        elif style.engine == "libreoffice":
            maker_docx = docx_tabs if style.name == "docx-tabs" else docx_table
            for p in people:
                maker_docx(p, folder / f"{p['id']}.docx")
            soffice = shutil.which("soffice") or shutil.which("libreoffice")
            profile = tmp / "profile"
            proc = subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(tmp),
                    *[str(folder / f"{p['id']}.docx") for p in people],
                ],
                env=ENV,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=900,
            )
            for p in people:
                pdf = tmp / f"{p['id']}.pdf"
                if pdf.exists():
                    shutil.copy(pdf, folder / pdf.name)
                else:
                    problems.append(f"{style.name}/{p['id']}: LibreOffice made no PDF: {proc.stderr[-300:]}")
        elif style.engine in ("chromium", "weasyprint"):
            for p in people:
                src = folder / f"{p['id']}.html"
                src.write_text(html_grid(p), encoding="utf-8")
                out = folder / f"{p['id']}.pdf"
                if style.engine == "chromium":
                    proc = subprocess.run(
                        [
                            "chromium",
                            *CHROMIUM_FLAGS,
                            f"--user-data-dir={tmp / 'chrome'}",
                            f"--print-to-pdf={out}",
                            src.resolve().as_uri(),
                        ],
                        env=ENV,
                        capture_output=True,
                        text=True,
                        errors="replace",
                        timeout=180,
                    )
                    if not out.exists():
                        problems.append(f"{style.name}/{p['id']}: Chromium made no PDF: {proc.stderr[-300:]}")
                else:
                    import weasyprint

                    weasyprint.HTML(filename=str(src)).write_pdf(str(out))
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", action="append", help="only this style (repeatable)")
    ap.add_argument("--person", action="append", help="only this person id (repeatable)")
    ap.add_argument("--list", action="store_true", help="list the styles and exit")
    ap.add_argument(
        "--rendercv",
        default=str(Path(sys.executable).with_name("rendercv")),
        help="the rendercv executable (default: next to this Python)",
    )
    args = ap.parse_args(argv)
    if args.list:
        for s in STYLES:
            print(f"{s.name:30} {s.engine:12} .{s.ext:5} {s.note}")
        return 0
    people = [load_person(p) for p in sorted(PEOPLE.glob("*.yaml"))]
    if args.person:
        people = [p for p in people if p["id"] in args.person]
    TEXT.mkdir(parents=True, exist_ok=True)
    for p in people:
        (TEXT / f"{p['id']}.txt").write_text(twin(p), encoding="utf-8")
    problems: list[str] = []
    for style in STYLES:
        if args.style and style.name not in args.style:
            continue
        missing = have(style.engine, args.rendercv)
        if missing:
            print(f"skipping {style.name}: {missing}", file=sys.stderr)
            continue
        print(f"{style.name}: {len(people)} resume(s) ...", file=sys.stderr, flush=True)
        problems += build(style, people, args)
    for line in problems:
        print("problem:", line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
