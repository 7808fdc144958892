"""The command-line interface, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import click
import jsonschema
import pytest
from click.testing import CliRunner

from gapcheck import __version__
from gapcheck.cli import analyze_cmd, batch_cmd, main
from gapcheck.config import MIN_MEMORY_MB

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_resumes"
FIXTURES = ROOT / "tests" / "fixtures"
SCHEMA = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _json(runner: CliRunner, *args: str) -> dict:
    res = runner.invoke(main, [*args, "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_json_has_documented_fields_and_every_role(runner, taxonomy):
    data = _json(runner, str(SAMPLES / "nlp_engineer.pdf"))
    jsonschema.validate(data, SCHEMA)
    assert data["schema_version"] == "1.8"
    assert data["fit"]["status"] == "fit" and data["fit"]["role"] == data["best_role"]["id"]
    assert len(data["fit"]["evidence"]) >= 2 and not data["fit"]["claims"]["flagged"]
    assert data["taxonomy"]["name"] == taxonomy.name and data["taxonomy"]["hash"] == taxonomy.content_hash
    assert {r["id"] for r in data["roles"]} == {r.id for r in taxonomy.roles}
    scores = [r["score"] for r in data["roles"]]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores)
    assert data["best_role"]["id"] == "nlp_engineer"
    skill = data["skills"][0]
    assert {"id", "name", "category", "match", "evidence", "years"} <= set(skill)
    assert skill["match"] in {"exact", "alias", "pattern", "fuzzy", "implied"}
    assert {"text", "section", "line"} <= set(skill["evidence"][0])
    assert {"level", "years_experience"} <= set(data["seniority"])
    assert data["learning_plan"]["role"] == "nlp_engineer"
    assert all({"phase", "name", "skills", "weeks"} <= set(p) for p in data["learning_plan"]["phases"])


@pytest.mark.parametrize("stem", [p.stem for p in sorted(SAMPLES.glob("*.txt"))])
def test_text_and_pdf_twins_agree_on_best_role(runner, stem):
    txt = _json(runner, str(SAMPLES / f"{stem}.txt"))
    pdf = _json(runner, str(SAMPLES / f"{stem}.pdf"))
    assert txt["best_role"] == pdf["best_role"]


def test_json_stdout_is_only_json_even_with_messages(runner, tmp_path):
    res = runner.invoke(main, [str(SAMPLES / "cv_scientist.txt"), "--json", "--top", "3"])
    json.loads(res.stdout)  # nothing else on stdout


def test_stdin(runner):
    text = (SAMPLES / "mlops_engineer.txt").read_text(encoding="utf-8")
    res = runner.invoke(main, ["-", "--json"], input=text)
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["source"] == "<stdin>"


def test_stdin_pdf_bytes(runner):
    res = runner.invoke(main, ["-", "--json"], input=(SAMPLES / "mlops_engineer.pdf").read_bytes())
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["best_role"]["id"] == "mlops_engineer"


def test_text_report_shows_ranked_roles_skills_gap_and_plan(runner):
    res = runner.invoke(main, [str(SAMPLES / "data_scientist_mid.txt"), "--top", "3"])
    assert res.exit_code == 0
    out = res.output
    assert "Best fit: Data Scientist" in out
    assert "Skills found" in out and "l." in out
    assert "Gap for Data Scientist" in out and "Learning plan for Data Scientist" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_top_limits_rows_in_markdown(runner):
    res = runner.invoke(main, [str(SAMPLES / "data_scientist_mid.txt"), "--format", "markdown", "--top", "2"])
    table = res.output.split("## Role fit")[1].split("\n## ")[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and line[2:3].isdigit()]
    assert len(rows) == 2


def test_role_option_changes_plan_target(runner):
    data = _json(runner, str(SAMPLES / "data_scientist_mid.txt"), "--role", "MLOps Engineer")
    assert data["learning_plan"]["role"] == "mlops_engineer"


def test_unknown_role_suggests(runner):
    res = runner.invoke(main, [str(SAMPLES / "data_scientist_mid.txt"), "--role", "mlops enginer"])
    assert res.exit_code == 1
    assert "Did you mean 'mlops_engineer'" in res.output


def test_assume_known_raises_score(runner):
    base = _json(runner, str(SAMPLES / "data_scientist_mid.txt"))
    more = _json(runner, str(SAMPLES / "data_scientist_mid.txt"), "--assume-known", "docker,kubernetes,ci/cd")
    score = {r["id"]: r["score"] for r in base["roles"]}
    after = {r["id"]: r["score"] for r in more["roles"]}
    assert after["mlops_engineer"] > score["mlops_engineer"]
    assert more["assumed_known"] == ["ci_cd", "docker", "kubernetes"]


def test_job_posting_mode(runner, tmp_path):
    job = tmp_path / "posting.txt"
    job.write_text("Senior MLOps Engineer\nRequirements:\n- Kubernetes, Docker, Terraform\n- Python\n"
                   "Nice to have:\n- Kafka\n", encoding="utf-8")
    data = _json(runner, str(SAMPLES / "data_scientist_mid.txt"), "--job", str(job))
    ids = {r["id"] for r in data["roles"]}
    assert "job_posting" in ids
    assert data["learning_plan"]["role"] == "job_posting"
    posting = {s["id"]: s["importance"] for s in data["job"]["skills"]}
    assert posting["kubernetes"] == "essential" and posting["kafka"] == "optional"


def test_taxonomy_option(runner, tmp_path, taxonomy):
    small = taxonomy.model_dump(mode="json")
    small["roles"] = [r for r in small["roles"] if r["id"] in ("ml_engineer", "data_scientist")]
    for r in small["roles"]:
        r["related"] = [x for x in r["related"] if x in ("ml_engineer", "data_scientist")]
    path = tmp_path / "small.json"
    path.write_text(json.dumps(small), encoding="utf-8")
    data = _json(runner, str(SAMPLES / "data_scientist_mid.txt"), "--taxonomy", str(path))
    assert {r["id"] for r in data["roles"]} == {"ml_engineer", "data_scientist"}


@pytest.mark.parametrize("name, fragment", [
    ("does_not_exist.pdf", "no such file"),
    ("resume.docx", "unsupported file type"),
    ("truncated.pdf", "damaged"),
    ("encrypted.pdf", "encrypted"),
    ("scanned.pdf", "no text layer; run OCR first"),
    ("image_named.pdf", "PNG image"),
    ("empty.txt", "empty"),
    ("binary.txt", "binary"),
    ("not_a_resume.txt", "no skill from the taxonomy, no section headings, dates or contact details"),
])
def test_bad_input_one_line_error_exit_1(runner, name, fragment):
    res = runner.invoke(main, [str(FIXTURES / name)])
    assert res.exit_code == 1
    assert fragment in res.output and name in res.output
    assert "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_text_in_another_script_says_gapcheck_reads_english(runner, tmp_path):
    path = tmp_path / "cv_el.txt"
    # Greek words of a CV's first lines ("Curriculum vitae", "Personal information", "Name")
    path.write_text("\u0392\u03b9\u03bf\u03b3\u03c1\u03b1\u03c6\u03b9\u03ba\u03cc\n"
                    "\u03a0\u03c1\u03bf\u03c3\u03c9\u03c0\u03b9\u03ba\u03ad\u03c2\n\u038c\u03bd\u03bf\u03bc\u03b1\n",
                    encoding="utf-8")
    res = runner.invoke(main, [str(path)])
    assert res.exit_code == 1
    assert "most of its letters are in Greek script, and gapcheck reads resumes written in English" in res.output


def test_a_resume_without_skills_is_a_result_not_an_error(runner):
    res = runner.invoke(main, [str(FIXTURES / "no_skills.txt"), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["best_role"] is None and data["skills"] == []
    assert data["verdict"].startswith("No ML role fits yet: the resume shows none of the skills")


@pytest.mark.parametrize("name, fragment", [
    ("scan.png", "an image with no text; export the resume as a PDF with text, or OCR it first"),
    ("resume.odt", "save it as PDF (or plain text) from your word processor"),
    ("resume.xyz", "use .pdf, .txt or .md"),
])
def test_unsupported_types_say_what_to_do(runner, tmp_path, name, fragment):
    (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n not a resume")
    res = runner.invoke(main, [str(tmp_path / name)])
    assert res.exit_code == 1 and fragment in res.output and name in res.output


def test_directory_given_as_file(runner):
    res = runner.invoke(main, [str(SAMPLES)])
    assert res.exit_code == 1 and "is a directory" in res.output and "gapcheck batch" in res.output


def test_encrypted_with_password(runner):
    res = runner.invoke(main, [str(FIXTURES / "encrypted.pdf"), "--password", "open-sesame", "--json"])
    assert res.exit_code == 0, res.output
    assert "pytorch" in {s["id"] for s in json.loads(res.stdout)["skills"]}


def test_usage_errors_exit_2(runner):
    assert runner.invoke(main, []).exit_code in (0, 2)  # bare group prints help
    assert runner.invoke(main, [str(SAMPLES / "cv_scientist.txt"), "--top", "-1"]).exit_code == 2
    assert runner.invoke(main, [str(SAMPLES / "cv_scientist.txt"), "--format", "pdf"]).exit_code == 2
    assert runner.invoke(main, ["taxonomy", "build"]).exit_code == 2


def test_output_file_and_force(runner, tmp_path):
    out = tmp_path / "report.md"
    res = runner.invoke(main, [str(SAMPLES / "cv_scientist.txt"), "--format", "markdown", "-o", str(out)])
    assert res.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# gapcheck report")
    again = runner.invoke(main, [str(SAMPLES / "cv_scientist.txt"), "-o", str(out)])
    assert again.exit_code == 1 and "--force" in again.output
    assert runner.invoke(main, [str(SAMPLES / "cv_scientist.txt"), "-o", str(out), "--force"]).exit_code == 0


def test_version(runner):
    res = runner.invoke(main, ["--version"])
    assert res.exit_code == 0 and __version__ in res.output


def test_python_dash_m_runs_the_same_command():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "gapcheck", str(SAMPLES / "nurse_non_ml.txt"), "--json"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["best_role"] is None
    usage = subprocess.run([sys.executable, "-m", "gapcheck", "--help"], capture_output=True, text=True, check=True)
    assert usage.stdout.startswith("Usage: gapcheck")


def test_console_command_exits_quickly_but_keeps_codes_and_output(runner, tmp_path):
    """run() skips the interpreter's teardown; exit codes, files and messages must not suffer."""
    import subprocess
    import sys

    def gapcheck(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "gapcheck", *args], capture_output=True, text=True,
                              check=False)

    out = tmp_path / "r.md"
    done = gapcheck(str(SAMPLES / "cv_scientist.txt"), "--format", "markdown", "-o", str(out))
    same = tmp_path / "same.md"
    in_process = runner.invoke(main, [str(SAMPLES / "cv_scientist.txt"), "--format", "markdown", "-o", str(same)])
    assert in_process.exit_code == 0
    assert done.returncode == 0 and out.read_bytes() == same.read_bytes()
    missing = gapcheck(str(tmp_path / "nope.pdf"))
    assert missing.returncode == 1 and "nope.pdf" in missing.stderr
    assert gapcheck("--no-such-option").returncode == 2
    # A reader that stops early ("| head") gets no traceback from the writer.
    head = subprocess.run(f'"{sys.executable}" -m gapcheck "{SAMPLES / "cv_scientist.txt"}" --json | head -c 10',
                          shell=True, capture_output=True, text=True, check=False)
    assert head.stdout == "{\n  \"schem" and "Traceback" not in head.stderr


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield (*prefix, name)
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))


@pytest.mark.parametrize("path", [(), *list(_commands(main))], ids=lambda p: " ".join(p) or "gapcheck")
def test_every_command_has_help(runner, path):
    res = runner.invoke(main, [*path, "--help"])
    assert res.exit_code == 0
    assert "Usage:" in res.output and len(res.output) > 100


def test_taxonomy_commands(runner, taxonomy):
    res = runner.invoke(main, ["taxonomy", "validate"])
    assert res.exit_code == 0 and "valid" in res.output
    roles = runner.invoke(main, ["taxonomy", "roles"]).output
    assert all(r.id in roles for r in taxonomy.roles)
    skills = runner.invoke(main, ["taxonomy", "skills", "--role", "mlops_engineer"]).output
    assert "kubernetes" in skills and "essential" in skills
    assert len(runner.invoke(main, ["taxonomy", "skills"]).output.splitlines()) == len(taxonomy.skills)


def test_taxonomy_validate_broken_file_exit_1(runner, tmp_path, taxonomy):
    data = taxonomy.model_dump(mode="json")
    data["roles"][0]["skills"][0]["skill"] = "pytorchh"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    res = runner.invoke(main, ["taxonomy", "validate", str(bad)])
    assert res.exit_code == 1
    assert "bad.json" in res.output and "pytorchh" in res.output and "Did you mean 'pytorch'" in res.output


def test_html_option_writes_the_html_report(runner, tmp_path):
    out = tmp_path / "report.html"
    res = runner.invoke(main, [str(SAMPLES / "nlp_engineer.txt"), "--html", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    clash = runner.invoke(main, [str(SAMPLES / "nlp_engineer.txt"), "--html", str(out), "--json"])
    assert clash.exit_code == 2 and "--html FILE" in clash.output


def test_as_of_fixes_what_present_means(runner):
    resume = str(SAMPLES / "ml_engineer_senior.txt")  # "Staff ML Engineer, ... | Jan 2020 – Present"
    early = _json(runner, resume, "--as-of", "2025-07-01")
    late = _json(runner, resume, "--as-of", "2027-07-01")
    assert (early["as_of"], late["as_of"]) == ("2025-07-01", "2027-07-01")
    assert early["seniority"]["years_experience"] < late["seniority"]["years_experience"]
    years = [{s["id"]: s["years"] for s in d["skills"]} for d in (early, late)]
    assert years[0]["kubernetes"] < years[1]["kubernetes"]
    assert _json(runner, resume, "--as-of", "2025-07-01") == early  # the same input, the same output


@pytest.mark.parametrize("value, fragment", [
    ("2025-13-01", "'2025-13-01' is not a date: month must be in 1..12"),
    ("2025-02-30", "day is out of range for month"),
    ("yesterday", "'yesterday' is not a date written YYYY-MM-DD, such as 2025-07-01"),
    ("20250701", "written YYYY-MM-DD"),
    ("2025-7-1", "written YYYY-MM-DD"),
])
def test_bad_as_of_is_a_usage_error(runner, tmp_path, value, fragment):
    for command in ([str(SAMPLES / "cv_scientist.txt")], ["batch", str(SAMPLES), "-o", str(tmp_path / "o.jsonl")]):
        res = runner.invoke(main, [*command, "--as-of", value])
        assert res.exit_code == 2 and "Invalid value for '--as-of'" in res.output and fragment in res.output
    assert not (tmp_path / "o.jsonl").exists()


# Options of `analyze` that shape its one report; `batch` has its own --role/--top (a shortlist).
REPORT_OPTIONS = {"resume", "as_json", "fmt", "output", "html_out", "force", "evidence", "role", "top", "job"}


def test_batch_takes_every_analysis_option_of_analyze():
    batch = {p.name: p for p in batch_cmd.params}
    analysis = [p for p in analyze_cmd.params if p.name not in REPORT_OPTIONS]
    assert len(analysis) >= 16
    for param in analysis:
        assert param.name in batch, f"gapcheck batch has no {param.opts[0]}"
        # The same option from the same decorator: names, type and range, default and help.
        assert batch[param.name].to_info_dict() == param.to_info_dict()


@pytest.mark.parametrize("args, fragment", [
    (["--max-chars", "1000001"], "1<=x<=1000000"),
    (["--max-memory", "64"], f"x>={MIN_MEMORY_MB}"),
    (["--hours-per-week", "0"], "1<=x<=80"),
])
def test_values_that_could_only_fail_are_usage_errors(runner, args, fragment):
    for command in ([str(SAMPLES / "cv_scientist.txt")], ["batch", str(SAMPLES), "-o", "unused.jsonl"]):
        res = runner.invoke(main, [*command, *args])
        assert res.exit_code == 2 and fragment in res.output, res.output


def test_group_help_shows_how_to_analyse_a_resume(runner):
    res = runner.invoke(main, ["--help"], prog_name="gapcheck")
    assert res.exit_code == 0
    out = res.output
    assert out.startswith("Usage: gapcheck RESUME [OPTIONS]\n   or: gapcheck COMMAND [ARGS]...")
    main_options = out.split("Main options of gapcheck RESUME")[1]
    for option in ("--json", "--format", "--output", "--role", "--top", "--job", "--hours-per-week", "--as-of"):
        assert option in main_options
    assert "gapcheck analyze --help" in out
