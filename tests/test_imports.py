"""Start-up cost: commands that analyse nothing must not import spaCy, the PDF engines or scikit-learn.

Each check runs in a fresh interpreter (as click's own test_imports.py does), because this test
session has long since imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Top-level packages that take from 0.1 s (pdfplumber) to over 1 s (scikit-learn, with scipy) to import.
HEAVY = {"spacy", "thinc", "pdfplumber", "pdfminer", "pypdfium2", "sklearn", "scipy", "dask", "distributed"}

_PROBE = """
import json, sys
from gapcheck.cli import main
try:
    main(sys.argv[1:], prog_name="gapcheck")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def _loaded(*args: str) -> tuple[int, set[str]]:
    """Run the CLI with ``args`` in a new interpreter; return its exit code and top-level modules."""
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=False)
    last = proc.stdout.strip().splitlines()[-1]
    data = json.loads(last)
    return data["code"] or 0, set(data["modules"])


def _all_command_paths() -> list[tuple[str, ...]]:
    import click

    from gapcheck.cli import main

    paths: list[tuple[str, ...]] = [()]

    def walk(group: click.Group, prefix: tuple[str, ...]) -> None:
        for name, cmd in group.commands.items():
            paths.append((*prefix, name))
            if isinstance(cmd, click.Group):
                walk(cmd, (*prefix, name))

    walk(main, ())
    return paths


def test_import_gapcheck_is_light() -> None:
    proc = subprocess.run([sys.executable, "-c", "import sys, gapcheck, gapcheck.cli; "
                           "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=True)
    assert not HEAVY & set(proc.stdout.split())


@pytest.mark.parametrize("path", _all_command_paths(), ids=lambda p: " ".join(p) or "gapcheck")
def test_help_imports_nothing_heavy(path: tuple[str, ...]) -> None:
    code, modules = _loaded(*path, "--help")
    assert code == 0
    assert not HEAVY & modules, f"gapcheck {' '.join(path)} --help imported {sorted(HEAVY & modules)}"


@pytest.mark.parametrize("args", [
    ("--version",),
    ("taxonomy", "roles"),
    ("taxonomy", "skills"),
    ("taxonomy", "skills", "--role", "MLOps Engineer"),
    ("taxonomy", "validate"),
])
def test_taxonomy_and_version_import_nothing_heavy(args: tuple[str, ...]) -> None:
    code, modules = _loaded(*args)
    assert code == 0
    assert not HEAVY & modules, f"gapcheck {' '.join(args)} imported {sorted(HEAVY & modules)}"


def test_probe_sees_heavy_imports_when_a_resume_is_analysed() -> None:
    # The checks above pass trivially if the probe cannot see imports; an analysis must show them.
    code, modules = _loaded("analyze", str(ROOT / "sample_resumes" / "data_scientist_mid.pdf"), "--json")
    assert code == 0
    assert {"spacy", "pdfplumber"} <= modules


_BUILT_ONCE = """
import json, sys
from gapcheck import extract
from gapcheck.pipeline import analyze

built = {"matcher": 0, "fuzzy": 0}
init, fit = extract.SkillMatcher.__init__, extract.SkillMatcher._fuzzy_model

def counting_init(self, *a, **k):
    built["matcher"] += 1
    init(self, *a, **k)

def counting_fit(self):
    if self._fuzzy is None:
        built["fuzzy"] += 1
    return fit(self)

extract.SkillMatcher.__init__, extract.SkillMatcher._fuzzy_model = counting_init, counting_fit
for path in sys.argv[1:]:
    analyze(path)
print(json.dumps(built))
"""


def test_matcher_and_fuzzy_model_are_built_once_per_process() -> None:
    samples = ROOT / "sample_resumes"
    files = [str(samples / f) for f in ("nlp_engineer.txt", "mlops_engineer.pdf", "cv_scientist.txt")]
    proc = subprocess.run([sys.executable, "-c", _BUILT_ONCE, *files], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=True)
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {"matcher": 1, "fuzzy": 1}


def test_batch_workers_inherit_the_prepared_matcher() -> None:
    from gapcheck import extract
    from gapcheck.batch import _prepare
    from gapcheck.config import Options
    from gapcheck.taxonomy import load_taxonomy

    _prepare(Options())
    matcher = extract.get_matcher(extract.default_nlp(), load_taxonomy())
    assert matcher._fuzzy is not None  # fitted before the fork, so workers share it


_SPACY_CLI_PROBE = """
import json, sys
from gapcheck import _spacy_cli
if sys.argv[1] == "command":
    _spacy_cli.defer()  # what the gapcheck command does first
from gapcheck import analyze_text
analyze_text("EXPERIENCE\\nBuilt PyTorch models in Python.")
skipped = sorted(m for m in ("typer", "weasel", "requests") if m in sys.modules)
import spacy
attribute = spacy.cli.download.__module__  # through the attribute, with no import of spacy.cli
import spacy.cli
from spacy.cli import download
info = spacy.info()
print(json.dumps({"skipped_loaded": skipped, "cli_real": hasattr(spacy.cli, "setup_cli"), "attribute": attribute,
                  "download": download.__module__, "info": type(info).__name__}))
"""


@pytest.mark.parametrize("mode", ["command", "library"])
def test_the_command_skips_spacys_cli_package_and_it_still_works_later(mode) -> None:
    proc = subprocess.run([sys.executable, "-c", _SPACY_CLI_PROBE, mode], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=True)
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    # The command never loads spaCy's CLI dependencies (a library user's import is left as spaCy makes it).
    if mode == "command":
        assert data["skipped_loaded"] == []
    # Either way the real spacy.cli, its commands and spacy.info work afterwards.
    assert data["cli_real"] and data["download"] == "spacy.cli.download" and data["info"] == "dict"
    assert data["attribute"] == "spacy.cli.download"
