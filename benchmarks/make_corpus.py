#!/usr/bin/env python3
"""Generate a deterministic corpus of varied synthetic resumes for the speed benchmarks.

    python benchmarks/make_corpus.py                 # 300 resumes, .txt and .pdf
    python benchmarks/make_corpus.py --n 50 --seed 3
    python benchmarks/make_corpus.py --n 2000 --no-pdf --out benchmarks/out/corpus_text

Output (git-ignored), under ``--out`` (default ``benchmarks/out/corpus``):

    txt/rNNNN.txt       the resume as plain text, in one of several heading/bullet/date styles
    pdf/rNNNN.pdf       the same person rendered by scripts/make_pdfs.py (single, two-column
                        or sidebar layout); its source text is kept in pdf_src/rNNNN.txt
    manifest.json       seed, profile, layout and page count of every file

Resumes vary the way real ones do where it costs time or accuracy: twelve kinds of candidate
(three of them outside ML), six heading styles, six bullet markers, six date formats, three
PDF layouts, skills written as lists, pipes or bullets, occasional misspelt skill names, and
the text that trips spaCy's tokenizer (em dashes, "C++", "Ph.D.", "e.g.", contractions, URLs).

Every name, employer and sentence is assembled here from small word lists; nothing is
taken from real resumes or from the seed documents. The same ``--n`` and ``--seed`` give
byte-identical files.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "out" / "corpus"

FIRST = ("Amara Bilal Chiara Dmitri Esme Farid Greta Hiroshi Ines Jonas Kavya Lorenzo Maren Nikhil Odile "
         "Pavel Quinn Rosa Sanjay Tove Ulrich Valeria Wen Ximena Yusuf Zofia Adaeze Bruno Camille Darius "
         "Elif Felix Gita Hamza Ilse Joaquin Keiko Lars Mei Nadia Oskar Priya Rafael Sunniva Tariq Uma "
         "Viktor Wilhelmina Xavier Yara Zeno").split()
LAST = ("Abernathy Brandvold Castellanos Delacroix Eriksen Fonseca Galloway Haddad Ivanova Jaramillo "
        "Kowalczyk Lindqvist Marchetti Nakagawa Okonkwo Petrakis Quintero Rasmussen Szabo Thorsen "
        "Udeh Varga Whitlock Xu Yilmaz Zamora Achterberg Bergstrom Chaudhry Dragomir Ekwueme Falk "
        "Gunawardena Hollis Iwu Jovanovic Kinsella Lemaire Mbeki Nordin Ortega Pfeiffer").split()
CITIES = ("Leeds; Porto; Tallinn; Austin, TX; Toronto, ON; Lyon; Kraków; Melbourne; Denver, CO; Dublin; "
          "Utrecht; Bengaluru; Nairobi; Montréal, QC; Raleigh, NC; Gothenburg; Bilbao; Wellington").split("; ")
CO_A = ("North Brightline Copper Tidal Lumen Harbor Quarry Cobalt Fernway Granite Silverleaf Mosaic "
        "Kestrel Driftwood Orchid Summit Ironbark Parallax Nimbus Larkspur").split()
CO_B = ("Analytics; Labs; Health; Systems; Logistics; Robotics; Insurance; Bank; Retail Group; Energy; "
        "Media; Biosciences; Mobility; Capital; Software; Telecom").split("; ")
UNI = ("University of Northbridge; Eastvale Institute of Technology; Kingsmoor University; "
       "Polytechnic of Alderney; Rivergate State University; Technical University of Vessmark; "
       "Calloway College; Université de Saint-Aubin; Halden University; Mirefield Institute").split("; ")


@dataclass(frozen=True)
class Profile:
    """A kind of candidate: job titles, skills they use, degrees and the things they build."""

    key: str
    titles: tuple[str, ...]
    core: tuple[str, ...]
    extra: tuple[str, ...]
    things: tuple[str, ...]
    degrees: tuple[str, ...]
    ml: bool = True


PROFILES = (
    Profile("ml_engineer", ("Machine Learning Engineer", "ML Engineer", "Senior ML Engineer", "Applied ML Engineer"),
            ("Python", "PyTorch", "Docker", "Kubernetes", "scikit-learn", "SQL", "MLflow", "FastAPI"),
            ("AWS", "Airflow", "Git", "CI/CD", "Spark", "TensorFlow", "ONNX", "Redis", "Terraform", "Ray",
             "feature engineering", "model serving", "unit testing", "Linux"),
            ("a ranking model for search results", "a real-time fraud scoring service",
             "the feature store for the pricing team", "a batch inference pipeline", "a demand forecasting model"),
            ("BSc Computer Science", "MSc Machine Learning", "MEng Software Engineering")),
    Profile("data_scientist", ("Data Scientist", "Senior Data Scientist", "Data Scientist II", "Analytics Scientist"),
            ("Python", "pandas", "SQL", "scikit-learn", "statistics", "A/B testing", "XGBoost", "Tableau"),
            ("R", "Matplotlib", "Seaborn", "Jupyter", "causal inference", "regression analysis", "LightGBM",
             "Snowflake", "dbt", "Looker", "time series analysis", "hypothesis testing", "Power BI"),
            ("a churn model for subscription customers", "the experimentation platform's metrics",
             "a price elasticity study", "customer segmentation for marketing", "a lifetime value model"),
            ("BSc Statistics", "MSc Data Science", "MA Economics", "BSc Mathematics")),
    Profile("nlp_engineer", ("NLP Engineer", "Machine Learning Engineer, NLP", "Conversational AI Engineer"),
            ("Python", "PyTorch", "Hugging Face Transformers", "spaCy", "BERT", "natural language processing"),
            ("LangChain", "named entity recognition", "text classification", "retrieval-augmented generation",
             "prompt engineering", "NLTK", "vector databases", "FastAPI", "sentiment analysis",
             "large language models"),
            ("a support-ticket classifier", "an entity extractor for contracts", "a multilingual search index",
             "a summarisation service for call notes", "a question answering assistant"),
            ("MSc Computational Linguistics", "BSc Linguistics and Computer Science",
             "PhD Natural Language Processing")),
    Profile("cv_scientist", ("Computer Vision Scientist", "Computer Vision Engineer", "Perception Engineer"),
            ("Python", "PyTorch", "OpenCV", "computer vision", "convolutional neural networks", "object detection"),
            ("image segmentation", "CUDA", "C++", "TensorRT", "ROS", "sensor fusion", "image classification",
             "transfer learning", "model compression", "diffusion models"),
            ("a defect detector for a production line", "a pedestrian tracking model", "a satellite image segmenter",
             "an on-device face blurring model", "a shelf monitoring camera system"),
            ("MSc Computer Vision", "PhD Electrical Engineering", "BEng Mechatronics")),
    Profile("mlops_engineer", ("MLOps Engineer", "ML Platform Engineer", "Machine Learning Infrastructure Engineer"),
            ("Kubernetes", "Docker", "Terraform", "MLflow", "Kubeflow", "Python", "CI/CD", "AWS"),
            ("Prometheus", "Grafana", "Airflow", "model monitoring", "Argo", "Helm", "GCP", "Bash", "Linux",
             "SageMaker", "feature stores", "data drift detection", "Go"),
            ("the model registry and release process", "GPU autoscaling for training jobs",
             "a canary rollout system for models", "drift alerts for 40 production models", "the training cluster"),
            ("BSc Computer Engineering", "BSc Information Systems", "MSc Distributed Systems")),
    Profile("rl_researcher",
            ("Reinforcement Learning Researcher", "Research Engineer, RL", "Robotics Learning Scientist"),
            ("Python", "reinforcement learning", "PyTorch", "JAX", "OpenAI Gym", "policy gradient methods"),
            ("Q-learning", "multi-armed bandits", "robotics", "ROS", "Markov decision processes", "C++",
             "distributed training", "NumPy", "Monte Carlo methods"),
            ("a grasping policy for a warehouse arm", "a bidding agent for ad auctions",
             "a simulator for traffic signal control", "an offline RL benchmark"),
            ("PhD Computer Science", "MSc Robotics", "MSc Applied Mathematics")),
    Profile("quant", ("Quantitative Analyst", "Quant ML Analyst", "Quantitative Researcher"),
            ("Python", "statistics", "time series analysis", "pandas", "NumPy", "SQL", "machine learning"),
            ("stochastic calculus", "derivatives pricing", "portfolio optimization", "C++", "kdb+", "risk modeling",
             "algorithmic trading", "Monte Carlo methods", "XGBoost", "econometrics"),
            ("an intraday volatility model", "a credit default model", "a factor model for equities",
             "a market-making signal", "a stress testing framework"),
            ("MSc Financial Engineering", "PhD Physics", "BSc Mathematics and Economics")),
    Profile("health_ml", ("Clinical Data Scientist", "Healthcare ML Specialist", "Medical Imaging Scientist"),
            ("Python", "PyTorch", "medical image analysis", "electronic health records", "statistics", "SQL"),
            ("DICOM", "HIPAA", "survival analysis", "clinical NLP", "R", "clinical trials", "scikit-learn",
             "radiology", "genomics", "image segmentation"),
            ("a sepsis early-warning score", "a chest X-ray triage model", "a readmission risk model",
             "a cohort selection tool for trials", "a pathology slide classifier"),
            ("MSc Health Data Science", "MD", "PhD Biomedical Engineering", "BSc Biostatistics")),
    Profile("research_scientist", ("Research Scientist", "AI Research Scientist", "Machine Learning Researcher"),
            ("Python", "PyTorch", "deep learning", "transformers", "paper publishing", "JAX"),
            ("LaTeX", "generative models", "graph neural networks", "variational autoencoders", "optimization",
             "probability", "linear algebra", "peer review", "distributed training", "CUDA"),
            ("a sparse attention method", "a benchmark for long-context reasoning", "a self-supervised image encoder",
             "a theory of implicit regularisation"),
            ("PhD Machine Learning", "PhD Statistics", "MSc Mathematics")),
    Profile("frontend", ("Frontend Developer", "Senior Web Developer", "UI Engineer"),
            ("JavaScript", "TypeScript", "React", "CSS", "HTML", "Git"),
            ("Vue", "Webpack", "Figma", "Jest", "Node.js", "accessibility", "GraphQL", "Storybook"),
            ("a design system", "the checkout flow", "an analytics dashboard UI", "a booking widget"),
            ("BSc Web Development", "BA Interaction Design"), ml=False),
    Profile("nurse", ("Registered Nurse", "Charge Nurse", "Clinical Nurse Specialist"),
            ("patient care", "triage", "medication administration", "electronic charting", "Microsoft Excel"),
            ("wound care", "ICU", "patient education", "infection control", "mentoring", "communication"),
            ("a falls-prevention rota", "the night-shift handover checklist", "a discharge teaching leaflet"),
            ("BSc Nursing", "Diploma in Adult Nursing"), ml=False),
    Profile("accountant", ("Accountant", "Senior Financial Analyst", "Audit Associate"),
            ("Microsoft Excel", "IFRS", "financial reporting", "reconciliations", "SAP"),
            ("Power BI", "budgeting", "forecasting", "VBA", "tax", "stakeholder management", "SQL"),
            ("the month-end close", "a cost allocation model", "the audit evidence tracker"),
            ("BA Accounting", "ACCA", "BSc Finance"), ml=False),
)

VERBS = ("Built", "Designed", "Shipped", "Led", "Owned", "Rebuilt", "Prototyped", "Scaled", "Maintained",
         "Introduced", "Automated", "Migrated", "Co-developed", "Delivered")
RESULTS = ("cutting latency by {p}%", "saving {k} engineer-hours a month", "raising recall by {p} points",
           "serving {m}M requests a day", "for {k} internal teams", "reducing cost by {p}%",
           "adopted across {k} product lines", "with {p}% fewer incidents", "ahead of schedule",
           "and documented it for new joiners")
GLUE = ("using {a} and {b}", "with {a}, {b} and {c}", "on {a}", "in {a} on {b}", "({a}, {b})",
        "with {a} (e.g. {b} for testing)", "using {a} — and later {b} —",
        "built on {a} with {b} for deployment", "using {a}; tested with {b}")
SUMMARY = ("{title} with {y} years of experience in {a} and {b}.",
           "I'm a {title} who doesn't stop at the notebook: {a}, {b} and the release that follows.",
           "I turn messy data into {thing}; most recently with {a}.",
           "{title} who enjoys {a}, {b} and clear writing.",
           "Focused on {a} for {domain}; comfortable owning work end to end.",
           "Career changer from {old} now working in {a} and {b}.")
DOMAINS = ("retail", "logistics", "insurance", "public health", "energy trading", "e-commerce", "telecoms",
           "manufacturing", "media", "agriculture")
OLD_JOBS = ("teaching", "chemistry", "hospitality", "journalism", "civil engineering", "music production")
CAVEATS = ("No hands-on experience with {a} yet.", "Currently learning {a} through evening classes.",
           "Familiar with {a} from a short course.", "Exposure to {a} during an internship.",
           "Planning to study {a} next year.", "Recruited and interviewed engineers skilled in {a}.")
INTERESTS = ("trail running", "chess", "sourdough baking", "choir", "bouldering", "film photography",
             "volunteer coding club", "birdwatching", "cycling", "board games")
MONTHS = ("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec").split()
MONTHS_LONG = ("January February March April May June July August September October November December").split()

SECTION_NAMES = {
    "summary": ("SUMMARY", "PROFILE", "PROFESSIONAL SUMMARY", "ABOUT ME"),
    "experience": ("EXPERIENCE", "WORK EXPERIENCE", "PROFESSIONAL EXPERIENCE", "EMPLOYMENT HISTORY"),
    "skills": ("SKILLS", "TECHNICAL SKILLS", "CORE SKILLS", "SKILLS & TOOLS"),
    "education": ("EDUCATION", "EDUCATION & TRAINING", "ACADEMIC BACKGROUND"),
    "projects": ("PROJECTS", "SELECTED PROJECTS", "SIDE PROJECTS"),
    "certifications": ("CERTIFICATIONS", "CERTIFICATES", "AWARDS"),
    "interests": ("INTERESTS", "HOBBIES"),
    "languages": ("LANGUAGES",),
}
CERTS = ("AWS Certified Machine Learning - Specialty", "Certified Kubernetes Administrator",
         "Google Professional Data Engineer", "Azure Data Scientist Associate", "First Aid at Work",
         "Tableau Desktop Specialist", "PRINCE2 Foundation")
LANGS = ("English (native)", "Spanish (fluent)", "German (B2)", "French (conversational)", "Hindi (native)",
         "Portuguese (C1)", "Japanese (basic)", "Polish (native)")

# Heading styles, bullet markers and date formats for the text variant.
HEADING_STYLES = ("upper", "title", "colon", "markdown", "underline", "spaced")
BULLETS = ("- ", "• ", "* ", "· ", "– ", "▪ ")
DATE_STYLES = ("mon", "long", "numeric", "years", "dotted", "to")


@dataclass
class Resume:
    """One synthetic person, before it is written out as text or PDF."""

    ident: str
    profile: str
    name: str
    header: list[str]
    # (section key, heading, lines); a line starting with "- " is a bullet.
    sections: list[tuple[str, str, list[str]]] = field(default_factory=list)
    layout: str = "single"
    text_style: tuple[str, str, str] = ("upper", "- ", "mon")


def _misspell(rnd: random.Random, word: str) -> str:
    # Swap two inner letters of a long single word, the typo the fuzzy matcher targets.
    if " " in word or len(word) < 7 or not word.isalpha():
        return word
    i = rnd.randint(1, len(word) - 3)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def _date(style: str, y0: int, m0: int, end_year: int | None, m1: int) -> str:
    if style == "mon":
        a, b = f"{MONTHS[m0 - 1]} {y0}", f"{MONTHS[m1 - 1]} {end_year}" if end_year else "Present"
        return f"{a} - {b}"
    if style == "long":
        a, b = f"{MONTHS_LONG[m0 - 1]} {y0}", f"{MONTHS_LONG[m1 - 1]} {end_year}" if end_year else "present"
        return f"{a} – {b}"
    if style == "numeric":
        return f"{m0:02d}/{y0} - " + (f"{m1:02d}/{end_year}" if end_year else "current")
    if style == "years":
        return f"{y0}–{end_year}" if end_year else f"{y0} - Present"
    if style == "dotted":
        a = f"{MONTHS[m0 - 1]}. {y0}"
        return f"{a} — " + (f"{MONTHS[m1 - 1]}. {end_year}" if end_year else "Now")
    return f"{MONTHS[m0 - 1]} {y0} to " + (f"{MONTHS[m1 - 1]} {end_year}" if end_year else "date")


def _skills_section(rnd: random.Random, skills: list[str]) -> list[str]:
    form = rnd.randrange(4)
    if form == 0:
        return [", ".join(skills)]
    if form == 1:
        half = max(1, len(skills) // 2)
        return [f"Languages & libraries: {', '.join(skills[:half])}", f"Tools: {', '.join(skills[half:])}"]
    if form == 2:
        return [" | ".join(skills)]
    return [f"- {s}" for s in skills[:8]]


def make_resume(rnd: random.Random, index: int) -> Resume:
    """Draw one resume; all randomness comes from ``rnd`` so the corpus is reproducible."""
    prof = PROFILES[rnd.randrange(len(PROFILES))] if rnd.random() < 0.85 else rnd.choice(PROFILES[:9])
    name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
    user = name.lower().replace(" ", ".")
    title = rnd.choice(prof.titles)
    header = [title, f"{rnd.choice(CITIES)} · {user}@example.com · +1 555-01{rnd.randint(10, 99)}"]
    if rnd.random() < 0.5:
        header.append(f"github.com/{user.replace('.', '')} · linkedin.com/in/{user.replace('.', '-')}")
    elif rnd.random() < 0.3:
        header.append(f"Portfolio: https://{user.replace('.', '-')}.example.dev/work?tab=ml")
    pool = list(prof.core) + rnd.sample(prof.extra, k=min(len(prof.extra), rnd.randint(3, 7)))
    rnd.shuffle(pool)

    def pick(k: int) -> list[str]:
        return [rnd.choice(pool) for _ in range(k)]

    date_style = rnd.choice(DATE_STYLES)
    sections: list[tuple[str, str, list[str]]] = []
    years = rnd.randint(1, 14)
    a, b = pick(2)
    summary = rnd.choice(SUMMARY).format(title=title, y=years, a=a, b=b, thing=rnd.choice(prof.things),
                                         domain=rnd.choice(DOMAINS), old=rnd.choice(OLD_JOBS))
    sections.append(("summary", rnd.choice(SECTION_NAMES["summary"]), [summary]))

    exp: list[str] = []
    end_year: int | None = None
    year = 2026
    for job in range(rnd.randint(2, 3)):
        length = rnd.randint(1, 4)
        start = year - length
        m0, m1 = rnd.randint(1, 12), rnd.randint(1, 12)
        company = f"{rnd.choice(CO_A)} {rnd.choice(CO_B)}"
        role = title if job == 0 else rnd.choice(prof.titles + ("Analyst", "Software Engineer", "Intern"))
        dates = _date(date_style, start, m0, end_year, m1)
        head = rnd.choice((f"{role}, {company} ({dates})", f"{role} | {company} | {dates}",
                           f"{company} - {role}, {dates}"))
        exp.append(head)
        for _ in range(rnd.randint(2, 4)):
            a, b, c = pick(3)
            if rnd.random() < 0.08:
                a = _misspell(rnd, a)
            glue = rnd.choice(GLUE).format(a=a, b=b, c=c)
            result = rnd.choice(RESULTS).format(p=rnd.randint(5, 60), k=rnd.randint(2, 30), m=rnd.randint(1, 90))
            exp.append(f"- {rnd.choice(VERBS)} {rnd.choice(prof.things)} {glue}, {result}.")
        if job < 2:
            exp.append("")
        end_year = start - rnd.randint(0, 1) if rnd.random() < 0.7 else start
        year = end_year
    sections.append(("experience", rnd.choice(SECTION_NAMES["experience"]), exp[:-1] if exp[-1] == "" else exp))

    skills = list(dict.fromkeys(pool))
    if rnd.random() < 0.3:
        skills.append(rnd.choice(("Go-to person for data questions", "Excel at teamwork", "Spark of curiosity")))
    sections.append(("skills", rnd.choice(SECTION_NAMES["skills"]), _skills_section(rnd, skills)))

    if prof.ml and rnd.random() < 0.6:
        proj = []
        for _ in range(rnd.randint(1, 2)):
            a, b = pick(2)
            proj.append(f"{rnd.choice(prof.things).capitalize()} (open source)")
            proj.append(f"- {rnd.choice(VERBS)} it with {a} and {b}; {rnd.randint(20, 900)} GitHub stars.")
        sections.append(("projects", rnd.choice(SECTION_NAMES["projects"]), proj))

    grad = (year or 2020) - rnd.randint(0, 2)
    degree = rnd.choice(prof.degrees)
    if degree.startswith("PhD") and rnd.random() < 0.5:
        degree = "Ph.D." + degree[3:]  # the dotted form is a tokenizer special case
    edu = [f"{degree}, {rnd.choice(UNI)}, {grad}"]
    if rnd.random() < 0.4:
        edu.append(f"Coursework: {', '.join(pick(2))}")
    sections.append(("education", rnd.choice(SECTION_NAMES["education"]), edu))
    if rnd.random() < 0.4:
        sections.append(("certifications", rnd.choice(SECTION_NAMES["certifications"]),
                         rnd.sample(CERTS, k=rnd.randint(1, 2))))
    if rnd.random() < 0.35:
        caveat = rnd.choice(CAVEATS).format(a=rnd.choice(PROFILES[rnd.randrange(9)].core))
        sections[0][2].append(caveat)
    if rnd.random() < 0.4:
        sections.append(("languages", "LANGUAGES", [", ".join(rnd.sample(LANGS, k=2))]))
    if rnd.random() < 0.5:
        sections.append(("interests", rnd.choice(SECTION_NAMES["interests"]),
                         [", ".join(rnd.sample(INTERESTS, k=3))]))
    # Most people lead with a summary and experience; some put skills or education first.
    if rnd.random() < 0.3:
        head, rest = sections[:1], sections[1:]
        rnd.shuffle(rest)
        sections = head + rest
    layout = rnd.choices(("single", "two-column", "sidebar"), weights=(5, 3, 2))[0]
    style = (rnd.choice(HEADING_STYLES), rnd.choice(BULLETS), date_style)
    return Resume(f"r{index:04d}", prof.key, name, header, sections, layout, style)


def _heading(title: str, style: str) -> list[str]:
    pretty = title.title().replace("&", "and") if style != "upper" else title
    if style == "colon":
        return [f"{pretty}:"]
    if style == "markdown":
        return [f"## {pretty}"]
    if style == "underline":
        return [pretty, "-" * len(pretty)]
    if style == "spaced":
        return [" ".join(title)] if len(title) <= 12 else [title]
    return [pretty]


def to_text(r: Resume) -> str:
    """The resume as a plain-text file, in the resume's own heading, bullet and date style."""
    heading_style, bullet, _ = r.text_style
    out = [r.name, *r.header, ""]
    for _, title, lines in r.sections:
        out += _heading(title, heading_style)
        out += [bullet + line[2:] if line.startswith("- ") else line for line in lines]
        out.append("")
    return "\n".join(out)


def to_pdf_source(r: Resume) -> str:
    """The resume in the text format scripts/make_pdfs.py renders (capital headings, "- " bullets)."""
    out = [r.name, *r.header, ""]
    for _, title, lines in r.sections:
        out += [title, *lines, ""]
    return "\n".join(out)


def generate(n: int, seed: int = 7) -> list[Resume]:
    """Return ``n`` resumes drawn from one seeded generator."""
    rnd = random.Random(seed)
    return [make_resume(rnd, i + 1) for i in range(n)]


def _pdf_renderer():  # noqa: ANN202 - a module loaded from scripts/, not a package
    spec = importlib.util.spec_from_file_location("make_pdfs", ROOT / "scripts" / "make_pdfs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="number of resumes (default 300)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--no-pdf", action="store_true", help="write only the .txt files")
    args = ap.parse_args(argv)
    resumes = generate(args.n, args.seed)
    txt_dir, pdf_dir, src_dir = args.out / "txt", args.out / "pdf", args.out / "pdf_src"
    for d in (txt_dir, pdf_dir, src_dir) if not args.no_pdf else (txt_dir,):
        d.mkdir(parents=True, exist_ok=True)
    render = None if args.no_pdf else _pdf_renderer()
    manifest = {"seed": args.seed, "n": args.n, "files": []}
    for r in resumes:
        (txt_dir / f"{r.ident}.txt").write_text(to_text(r), encoding="utf-8")
        entry = {"id": r.ident, "profile": r.profile, "text_style": list(r.text_style)}
        if render is not None:
            src = src_dir / f"{r.ident}.txt"
            src.write_text(to_pdf_source(r), encoding="utf-8")
            entry.update(layout=r.layout, pages=render(src, r.layout, pdf_dir / f"{r.ident}.pdf"))
        manifest["files"].append(entry)
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    files = manifest["files"]
    summary = f"wrote {len(files)} resumes to {args.out}"
    if render is not None:
        one = sum(1 for f in files if f["pages"] == 1)
        layouts = {k: sum(1 for f in files if f["layout"] == k) for k in ("single", "two-column", "sidebar")}
        summary += f" ({one} one-page PDFs; layouts {layouts})"
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
