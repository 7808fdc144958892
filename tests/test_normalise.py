"""Stage 2: normalising text and labelling every line with its resume section."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gapcheck.normalise import _GLUED_HINT, _GLUED_RANGE, SECTIONS, heading_section, normalise_text, split_sections

SAMPLES = Path(__file__).resolve().parent.parent / "sample_resumes"


def _sections(text: str) -> list[tuple[str, str, bool]]:
    return [(tl.text, tl.section, tl.heading) for tl in split_sections(text).lines]


@pytest.mark.parametrize(("raw", "clean"), [
    ("classi\ufb01ers", "classifiers"),  # fi ligature
    ("work\ufb02ows", "workflows"),  # fl ligature
    ("\uff30\uff59\uff54\uff48\uff4f\uff4e", "Python"),  # full-width letters
    ("hyper\u00adparameter", "hyperparameter"),  # soft hyphen
    ("Aug 2023\u00adPresent", "Aug 2023 - Present"),  # a soft hyphen between two dates is their dash
    ("2019\u00ad2021", "2019 - 2021"),
    ("Aug 2023Present", "Aug 2023 - Present"),  # ... and so is none, where a PDF dropped it
    ("Sep 2020Jan 2022", "Sep 2020 - Jan 2022"),
    ("in 2023\u00adwe", "in 2023we"),
    ("zero\u200bwidth", "zerowidth"),
    ("\ufeffPython", "Python"),
    ("a\r\nb\rc\fd", "a\nb\nc\nd"),
    ("tab\tseparated", "tab separated"),
    ("bell\x07char", "bellchar"),
    ("nul\x00, esc\x1b, vt\x0b and fs\x1c go; tab\tstays a space", "nul, esc, vt and fs go; tab stays a space"),
    ("\u2013 dash\x1f and \U0001f600 stay, the control goes", "\u2013 dash and \U0001f600 stay, the control goes"),
])
def test_normalise_text(raw, clean):
    assert normalise_text(raw) == clean


def test_ligature_is_folded_before_matching_lines():
    lines = _sections("Jane\nEXPERIENCE\nBuilt classi\ufb01ers for \ufb01nance.")
    assert lines[-1] == ("Built classifiers for finance.", "experience", False)


@pytest.mark.parametrize(("text", "joined"), [
    ("Software engin-\neering at Acme", "Software engineering at Acme"),
    ("Built recommen-\ndation systems", "Built recommendation systems"),
    ("  Worked on optimi-\n   sation of pipelines", "Worked on optimisation of pipelines"),
    ("Models in PyT\u2010\norch and JAX", "Models in PyTorch and JAX"),  # U+2010 HYPHEN, as WeasyPrint writes it
    ("feature engi\u2011\nneering", "feature engineering"),  # U+2011 (NFKC makes it U+2010)
    ("model build\ufffe\ning", "model building"),  # PDFium's mark of a hyphen at a line end
    ("ML: XGBoost, Light-\nGBM, scikit-learn", "ML: XGBoost, LightGBM, scikit-learn"),  # a product name
    ("locomotion in Mu\u2010\nJoCo; sim-to-real", "locomotion in MuJoCo; sim-to-real"),
    ("Tools: XG\u2010\nBoost, pandas", "Tools: XGBoost, pandas"),
    ("PyTorch and Ope-\nnAI Gym", "PyTorch and OpenAI Gym"),
    ("Enseignant en Mathé-\nmatiques", "Enseignant en Mathématiques"),  # letters outside ASCII
    ("suites numé-\nriques", "suites numériques"),
])
def test_end_of_line_hyphenation_is_joined(text, joined):
    lines = [tl.text for tl in split_sections(text).lines]
    assert lines == [joined]


@pytest.mark.parametrize("text", [
    "Worked on pre-\nTrained models",  # capital after the break: two lines
    "Skills: C-\n2 licence",
    "Lead: X-\nray imaging",  # one letter before the hyphen
])
def test_hyphen_not_joined_when_it_is_not_a_broken_word(text):
    assert len(split_sections(text).lines) == 2


@pytest.mark.parametrize(("line", "section", "closed"), [
    ("S K I L L S", "skills", "SKILLS"),
    ("E X P E R I E N C E", "experience", "EXPERIENCE"),
    ("W O R K  E X P E R I E N C E", "experience", "WORK EXPERIENCE"),
    ("E D U C A T I O N", "education", "EDUCATION"),
])
def test_letter_spaced_headings_are_closed_up(line, section, closed):
    lines = _sections(f"Jane Doe\n{line}\nPython, SQL")
    assert lines[1] == (closed, section, True)
    assert lines[2] == ("Python, SQL", section, False)


HEADINGS = [
    ("SKILLS", "skills"),
    # other countries' CVs: Europass, India, the UK
    ("Personal skills", "skills"), ("DIGITAL SKILLS", "skills"), ("Personal information", "other"),
    ("Project Undertaken", "projects"), ("Declaration", "other"), ("Education and Qualifications", "education"),
    ("Referees", "other"),
    ("Technical Skills", "skills"),
    ("Technical Skills:", "skills"),
    ("## Experience", "experience"),
    ("# EDUCATION", "education"),
    ("=== APPOINTMENTS ===", "experience"),
    ("**Projects**", "projects"),
    ("Work History", "experience"),
    ("RELEVANT WORK EXPERIENCE", "experience"),
    ("MACHINE LEARNING EXPERIENCE", "experience"),
    ("KAGGLE PROJECTS", "projects"),
    ("Selected Publications", "publications"),
    ("Licenses & Certifications", "certifications"),
    ("Relevant Coursework", "courses"),
    ("Hobbies and Interests", "interests"),
    ("Professional Summary", "summary"),
    ("References", "other"),
    ("VOLUNTEERING", "other"),
    # A qualifier in brackets after the heading.
    ("Publications (selected)", "publications"),
    ("SELECTED PUBLICATIONS (3 of 14)", "publications"),
    ("EXPERIENCE (continued)", "experience"),
    ("## Toolbox", "skills"),
    ("Tech Stack", "skills"),
    ("KEY ACHIEVEMENTS", "experience"),
    ("TEACHING", "experience"),
    ("Supervised Students", "supervision"),
    ("INVITED TALKS", "publications"),
    ("GRANTS", "other"),
    ("Professional Service", "other"),
    # research CVs: papers, talks and service under headings that name no "publication"
    ("Refereed Conference Papers", "publications"),
    ("Journal Articles", "publications"),
    ("Invited Talks", "publications"),
    ("Conferences Attended", "other"),
    ("Conference Service", "other"),
    ("Reviewing", "other"),
    ("Research overview", "summary"),
    ("Organization of scientific meetings", "other"),
    ("Other services and review activities", "other"),
    # studies joined with posts: the posts are the work (degree lines stay degrees there)
    ("EDUCATION AND POSITIONS", "experience"),
    ("FORMAÇÃO E CARGOS / EDUCATION AND POSITIONS", "experience"),
    ("Employment & Education", "experience"),
    ("EDUCATION AND TRAINING", "education"),
    # students a researcher supervises
    ("STUDENTS", "supervision"),
    ("CURRENT STUDENTS", "supervision"),
    # headings of portfolio sites and of Indian and academic CVs
    ("Career Timeline", "experience"),
    ("Professional Appointments", "experience"),
    ("Positions of Responsibility", "other"),
    ("Scholastic Achievements", "certifications"),
]


@pytest.mark.parametrize(("line", "section"), HEADINGS)
def test_heading_section_good(line, section):
    assert heading_section(line) == section


@pytest.mark.parametrize("line", [
    "Jane Doe",
    "Python, SQL, Docker",
    "Built models with PyTorch and served them with Docker on AWS.",
    "Machine Learning Engineer, Acme, 2019 - Present",
    "Experience with large language models is a plus and we value it highly in every single team",
    "skills that pay the bills",  # lower case, no heading style
    "Data Scientist (contract)",
    "Python (5 years)",
    "",
])
def test_heading_section_bad(line):
    assert heading_section(line) is None


def test_markdown_and_banner_headings_split_sections():
    text = "Jane\n## Experience\nAcme Corp\n=== EDUCATION ===\nPhD\n## Skills\nPython"
    assert _sections(text) == [
        ("Jane", "header", False),
        ("## Experience", "experience", True),
        ("Acme Corp", "experience", False),
        ("=== EDUCATION ===", "education", True),
        ("PhD", "education", False),
        ("## Skills", "skills", True),
        ("Python", "skills", False),
    ]


@pytest.mark.parametrize("first, second, section", [
    ("Projects and", "Developments", "projects"),  # a known heading, a link word, then the rest
    ("Scholastic", "Achievements", "certifications"),  # a known heading over two lines
    ("Head of", "Customer Service", None),  # a job's title wrapped in a narrow column
    ("Director of", "Graduate Students", None),
])
def test_a_heading_wrapped_onto_two_lines(first, second, section):
    from gapcheck.normalise import wrapped_heading

    assert wrapped_heading(first, second, "experience") == section


def test_a_heading_wrapped_in_a_narrow_margin_is_one_heading():
    # A known heading over two lines, or a first line that ends in a link word; an entry's two
    # lines ("Python and" / "Java", "Data" / "Science") stay lines.
    text = ("Ana Lima\nEducation\nBSc CS, Kanpur University, 2014\nScholastic\nAchievements\nRank 187 in an exam.\n"
            "Internship\nAcme, 2013\nBuilt web APIs.\nProjects and\nDevelopments\n[Web] A site, 2013\n"
            "Built a site in Python and\nJava for a festival.\nPositions of\nResponsibility\nWebmaster, 2013\n")
    assert [(t, s) for t, s, heading in _sections(text) if heading] == [
        ("Education", "education"), ("Scholastic Achievements", "certifications"), ("Internship", "experience"),
        ("Projects and Developments", "projects"), ("Positions of Responsibility", "other")]
    assert ("Built a site in Python and", "projects", False) in _sections(text)


def test_inline_skills_label_in_header_is_a_skills_line_not_a_heading():
    lines = _sections("Jane Doe\nSkills: Python, SQL\nEXPERIENCE\nAcme\nSkills: Java")
    assert lines[1] == ("Skills: Python, SQL", "skills", False)
    # Inside a real section the label does not move the line.
    assert lines[-1] == ("Skills: Java", "experience", False)
    # And the section that follows the inline line is unchanged.
    assert lines[2] == ("EXPERIENCE", "experience", True)


@pytest.mark.parametrize("line, section", [
    ("Interests: reinforcement learning for dispatch (reading only), trail running.", "interests"),
    ("İlgi alanı (interest): quantum NLP.", "interests"),  # a label glossed in English
    ("Currently learning: Kubernetes", "plans"),
    ("Frameworks: PyTorch, JAX", "skills"),  # a skills label stays in the list
    ("Training: PyTorch Lightning, DeepSpeed, Ray", "skills"),
    ("Personal: Git, Docker, Linux", "skills"),
])
def test_a_labelled_line_at_the_end_of_a_skills_list_takes_its_labels_section(line, section):
    lines = _sections(f"Jane Doe\nSKILLS\nPython, SQL, Docker\n{line}")
    assert lines[-1] == (line, section, False)


def test_a_heading_in_the_margin_opens_its_section_on_the_line_of_the_first_entry():
    lines = _sections("Jo Lin\nEDUCATION | UCL, PhD Candidate | 2017 - today\n"
                      "PUBLICATIONS Forecasting with sktime. NeurIPS workshop 2019.\n"
                      "INVITED TALKS DSSGx, \"Machine Learning with Time Series\" | Aug 2020")
    assert lines[1:] == [("EDUCATION", "education", True), ("UCL, PhD Candidate | 2017 - today", "education", False),
                         ("PUBLICATIONS", "publications", True),
                         ("Forecasting with sktime. NeurIPS workshop 2019.", "publications", False),
                         ("INVITED TALKS", "publications", True),
                         ("DSSGx, \"Machine Learning with Time Series\" | Aug 2020", "publications", False)]


@pytest.mark.parametrize("line", ["PROJECT MANAGER | Acme Corp | 2019 - 2021", "RESEARCH ASSISTANT | Univ. of X",
                                  "SELECTED PUBLICATIONS ((s) = student I supervise)", "ML ENGINEER, Acme",
                                  # a known heading, but the CV's headings stand on lines of their own
                                  "TECH STACK PyTorch, Kubeflow, Airflow", "GOALS Met: cut latency 40% with TensorRT"])
def test_capitals_that_are_no_known_heading_stay_one_line(line):
    lines = _sections(f"Jo Lin\nEXPERIENCE\nBuilt models.\n{line}")
    assert len(lines) == 4 and lines[-1][0] == line


@pytest.mark.parametrize("bullet", ["•", "-", "*", "▪", "◦", "●", "►", "■", "➢", "✓", "–", "—", "·", "1.", "2)"])
def test_bullets_are_stripped(bullet):
    tl = split_sections(f"EXPERIENCE\n{bullet} Built models with PyTorch").lines[-1]
    assert tl.text == "Built models with PyTorch"
    assert tl.bullet is True and tl.section == "experience"


@pytest.mark.parametrize("line", ["1.5x faster inference with TensorRT", "12.3% lift in retention"])
def test_numbers_are_not_bullets(line):
    tl = split_sections(f"EXPERIENCE\n{line}").lines[-1]
    assert tl.text == line and tl.bullet is False


def test_bulleted_heading_word_is_not_a_heading():
    lines = _sections("EXPERIENCE\n- Skills\n- Built things")
    assert lines[1] == ("Skills", "experience", False)


def test_blank_lines_and_spaces_are_dropped():
    doc = split_sections("  \n\n\nJane   Doe\u00a0\u00a0Smith\n\n\n")
    assert [tl.text for tl in doc.lines] == ["Jane Doe Smith"]


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_line_of_every_sample_has_a_section_and_offsets_hold(path):
    doc = split_sections(path.read_text(encoding="utf-8"), path.name)
    assert doc.lines, "no lines"
    assert doc.text == "\n".join(tl.text for tl in doc.lines)
    assert [tl.number for tl in doc.lines] == list(range(1, len(doc.lines) + 1))
    for tl, start in zip(doc.lines, doc.line_starts, strict=True):
        assert tl.section in SECTIONS
        assert tl.text and tl.text == tl.text.strip()
        assert doc.text[start:start + len(tl.text)] == tl.text
    # Each sample has at least experience and skills sections.
    found = {tl.section for tl in doc.lines}
    assert {"experience", "skills"} <= found


@pytest.mark.parametrize("tail", ["training", "learning"])
def test_wrapped_word_in_skills_is_not_a_heading(tail):
    lines = _sections(f"SKILLS\nGPU: CUDA, profiling, multi-GPU\n{tail}\nTools: Python, Docker, Git")
    assert lines[-1] == ("Tools: Python, Docker, Git", "skills", False)


def test_all_caps_employer_line_stays_in_experience():
    lines = _sections("EXPERIENCE\nACME CORP\nMachine Learning Engineer, 2019 - 2024\n- Trained PyTorch models")
    assert [section for _, section, _ in lines] == ["experience"] * 4


def test_dashes_around_a_heading_are_decoration_not_a_bullet():
    doc = split_sections("ANA LIMA\n--- WORK EXPERIENCE ---\nNLP Engineer, Acme, 2021 - 2024\n"
                         "- Built parsers\n-- EDUCATION --\nBSc")
    heads = [(tl.text, tl.section) for tl in doc.lines if tl.heading]
    assert ("--- WORK EXPERIENCE ---", "experience") in heads and ("-- EDUCATION --", "education") in heads
    assert [tl.bullet for tl in doc.lines if tl.text == "Built parsers"] == [True]


def test_a_paragraph_under_the_name_or_an_unknown_heading_reads_as_a_summary():
    para = ("At Halcyon I lead a group of six researchers and we built the deduplication pipeline "
            "for our pretraining corpus in JAX.")
    doc = split_sections(f"YEVGENIA S\nStaff Research Scientist\n\nIN SHORT\n{para}\n\nLanguages: Russian, English")
    sections = {tl.text[:10]: tl.section for tl in doc.lines}
    assert sections[para[:10]] == "summary"
    assert sections["Staff Rese"] != "summary"  # a short title line stays where it is


def test_sections_come_from_the_data_file():
    import yaml

    from gapcheck.normalise import SECTIONS, USE_SECTIONS, SectionsFile, heading_section

    assert SECTIONS[0] == "header" and "other" in SECTIONS
    assert USE_SECTIONS == {"experience", "projects", "publications", "summary"}
    assert heading_section("TECH STACK") == "skills" and heading_section("Research Experience:") == "experience"
    data = yaml.safe_load((Path(__file__).resolve().parent.parent / "skill_taxonomy" / "sections.yaml").read_text())
    data["keywords"].append(["hobby", "hobbies"])
    with pytest.raises(ValueError, match="keywords: unknown section"):
        SectionsFile.model_validate(data)


def test_a_wrapped_labelled_list_keeps_its_section():
    doc = split_sections("Ann Lee\nSUMMARY\nAnalyst moving on.\n"
                         "Planned coursework (2027): Deep Learning, Natural Language\n"
                         "Processing, Computer Vision\nEXPERIENCE\nAnalyst, 2019 - 2024")
    by_text = {tl.text: tl.section for tl in doc.lines}
    assert by_text["Planned coursework (2027): Deep Learning, Natural Language"] == "plans"
    assert by_text["Processing, Computer Vision"] == "plans"


def test_papers_under_a_venue_heading_are_not_jobs():
    text = ("Jane Roe\nAppointments\nPostdoctoral Researcher, Badger State University, 2024 - Present\n"
            "Refereed Conference Papers\nJ. Roe, A. Smith. Seasonal contrast. In CVPR, 2019 - 2020.\n"
            "Conferences Attended\nNeurIPS 2023, New Orleans\n")
    sections = {tl.text: tl.section for tl in split_sections(text).lines}
    assert sections["J. Roe, A. Smith. Seasonal contrast. In CVPR, 2019 - 2020."] == "publications"
    assert sections["NeurIPS 2023, New Orleans"] == "other"


@pytest.mark.parametrize(("line", "current", "section"), [
    # An unknown heading is placed by its head noun, whatever modifies it.
    ("INVITED AND PLENARY TALKS", "other", "publications"),
    ("EDITORIAL AND PROFESSIONAL SERVICE", "experience", "other"),
    ("DOCTORAL SUPERVISION", "education", "supervision"),
    ("AWARDS AND GRANTS", "publications", "certifications"),
    ("## Selected conference papers", "education", "publications"),
    ("Invited and Plenary Talks", "summary", "publications"),
    # Sentence case, as many research CVs write their headings.
    ("Research appointments", "header", "experience"),
    ("Grants and awards", "publications", "other"),
    ("Teaching and supervision", "other", "experience"),
    # A qualifier of any length in brackets is set aside before the heading is read.
    ("SELECTED PUBLICATIONS (alphabetical authorship unless marked +; over 80 articles)", "education",
     "publications"),
])
def test_a_heading_is_read_by_its_head_noun(line, current, section):
    from gapcheck.normalise import heading_section

    assert heading_section(line, current) == section


@pytest.mark.parametrize(("line", "current"), [
    ("Customer Service", "experience"),  # a job title inside an entry section
    ("Customer Service", "header"),  # a headline under the name
    ("Field Service Engineer", "summary"),  # the head noun is "engineer"
    ("Talks to customers about service", "other"),  # a sentence, not Title Case
])
def test_head_nouns_do_not_turn_titles_or_sentences_into_headings(line, current):
    from gapcheck.normalise import heading_section

    assert heading_section(line, current, near_top=current == "header") is None


def test_a_combined_heading_takes_the_first_part_it_names():
    from gapcheck.normalise import heading_section

    assert heading_section("TEACHING AND SUPERVISION", "other") == "experience"
    assert heading_section("TALKS & SERVICE", "projects") == "publications"


def test_two_columns_of_plain_text_are_read_one_after_the_other():
    text = ("ANA LIMA\n"
            "ACADEMIC POSITIONS                        | EDUCATION\n"
            "Lecturer, Example University              | PhD Computer Vision, Example\n"
            "   2021-                                  |    Institute of Technology, 2015-2019\n"
            "                                          | MSc Robotics, Example, 2014\n"
            "RESEARCH\nDepth estimation from video.\n")
    doc = split_sections(text)
    by_text = {tl.text: tl.section for tl in doc.lines}
    assert by_text["Lecturer, Example University"] == "experience"
    assert by_text["2021-"] == "experience"
    assert by_text["PhD Computer Vision, Example"] == "education"
    assert by_text["Depth estimation from video."] == "experience"


def test_two_columns_with_a_gutter_of_spaces_are_read_one_after_the_other():
    left = ["CONTACT", "Umea, Sweden", "lars@example.com", "", "SKILLS", "Slurm", "Ansible", "Grafana", "", "", ""]
    right = ["EXPERIENCE", "HPC Systems Engineer, Norrland University", "Aug 2018 - present",
             "- Run a 310-node GPU cluster for", "  900 users from 40 groups.", "- Plan kernel upgrades with",
             "  zero unplanned downtime.", "- Monitoring with Grafana.", "Systems Administrator, City IT",
             "Jan 2014 - Jul 2018", "- Ran 220 servers."]
    text = "\n".join(f"{a:<38}{b}".rstrip() for a, b in zip(left, right, strict=True))
    doc = split_sections(text)
    by_text = {tl.text: tl.section for tl in doc.lines}
    assert by_text["Slurm"] == "skills"
    assert by_text["HPC Systems Engineer, Norrland University"] == "experience"
    texts = [tl.text for tl in doc.lines]
    assert texts.index("Run a 310-node GPU cluster for") + 1 == texts.index("900 users from 40 groups.")


@pytest.mark.parametrize("text", [
    # dates set flush right: one column with its dates, not two columns
    "\n".join(f"{t:<50}{d}" for t, d in [("Data Scientist, Acme", "2020 - 2024"), ("- Built churn models.", ""),
                                          ("- Ran A/B tests.", ""), ("Analyst, Beta", "2018 - 2020"),
                                          ("- SQL reports.", ""), ("- Dashboards.", ""), ("Intern, Gamma", "2017"),
                                          ("- Data entry.", ""), ("- Filing.", "")]),
    # a hanging indent: dates on the left belong to the text beside them
    "\n".join(f"{d:<14}{t}" for d, t in [("2019-2022", "Research fellow, Example Institute"), ("", "Depth from video."),
                                          ("", "Stereo matching."), ("2015-2019", "PhD student, Example University"),
                                          ("", "Thesis on optical flow."), ("", "Taught two courses."),
                                          ("2014", "MSc Robotics"), ("", "Distinction."), ("", "Exchange term.")]),
])
def test_aligned_text_that_is_no_two_columns_keeps_its_lines(text):
    from gapcheck._columns import unfold_columns

    assert unfold_columns(text.split("\n")) == text.split("\n")


@pytest.mark.parametrize("text", [
    "Skills: Python | SQL | Docker\nTools: Git | Jira | Excel\nCloud: AWS | GCP | Azure\n",  # lists, not columns
    "Data Scientist | Acme | 2020\n- Built models.\nAnalyst | Beta | 2018\n",  # entry headers
])
def test_pipes_that_are_no_gutter_leave_lines_alone(text):
    assert [tl.text for tl in split_sections(text).lines] == [ln.lstrip("- ") for ln in text.strip().split("\n")]


def test_an_unknown_capitals_heading_without_a_head_noun_still_opens_other():
    from gapcheck.normalise import heading_section

    assert heading_section("VOLUNTEER WORK ABROAD", "summary") == "other"
    assert heading_section("ACME CORP", "experience") is None  # an employer inside its entries


@pytest.mark.parametrize("line, section", [
    ("PARCOURS / CAREER", "experience"),
    ("Formación / Education", "education"),
    ("ANTECEDENTES DOCENTES / PUBLICATIONS", "publications"),
    ("学歴 / Education", "education"),  # a part in a script without case
    ("WISSENSCHAFTLICHER WERDEGANG / ACADEMIC CAREER", "experience"),
    ("Data Engineer / Analyst", None),  # a job title in two parts, no heading
    ("Python / SQL", None),
])
def test_a_heading_in_two_languages_opens_the_section_of_the_part_gapcheck_knows(line, section):
    from gapcheck.normalise import heading_section

    assert heading_section(line, "experience") == section


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["2023", "1999", "2019", "12023", " ", "\u00a0", "Present", "PRESENT", "Jan ",
                                 "September ", "Sept. ", "Today", "Ongoing", "Current", "x", "-", "\n", "Now"]),
                max_size=12).map("".join))
def test_the_glued_range_hint_is_in_every_text_it_changes(text):
    # normalise_text runs _GLUED_RANGE only where _GLUED_HINT finds something (a shortcut).
    if _GLUED_RANGE.sub(" - ", text) != text:
        assert _GLUED_HINT.search(text), text


def test_a_square_may_mark_a_heading_in_two_languages_or_capitals():
    from gapcheck.normalise import split_sections

    nd = split_sections("Erika Fujisawa\n\u25a0 学歴 / Education\n2016 PhD, Kanzaki\n\u25a0 SKILLS\nPython\n"
                        "\u25a0 Leadership of a team of four\n\u25a0 PYTORCH\n\u25a0 KUBERNETES\n")
    heads = [(tl.section, tl.text) for tl in nd.lines if tl.heading]
    assert heads == [("education", "学歴 / Education"), ("skills", "SKILLS")]


@pytest.mark.parametrize("heading", ["NEXT", "Future directions", "FUTURE RESEARCH", "Research plans"])
def test_what_comes_next_is_a_goals_section(heading):
    from gapcheck.normalise import heading_section

    assert heading_section(heading, "experience") == "goals"


def test_halves_of_utf16_pairs_are_joined_or_replaced():
    # PDFium gives an emoji as two UTF-16 code units; a lone half (bytes read with surrogateescape)
    # cannot be tokenised: a pair becomes its character, a lone half U+FFFD.
    from gapcheck.normalise import normalise_text

    text = "Mail \ud83d\udce7 jo@example.com \udcff 한국어"
    assert normalise_text(text) == "Mail \U0001f4e7 jo@example.com \ufffd 한국어"


def test_a_resume_with_halves_of_utf16_pairs_is_analysed():
    from gapcheck import analyze_text

    result = analyze_text("Jo Lin \ud83d\udce7 jo@example.com\nEXPERIENCE\nML Engineer, Acme, 2019 - 2024\n"
                          "- Built PyTorch models \udcff for ranking.")
    assert "pytorch" in {s.id for s in result.skills}


@pytest.mark.parametrize(("text", "expected"), [
    # a dot leader (LaTeX's \dotfill) between a title and its dates is layout; PDFium may read a
    # full stop into it
    ("Working Student Data Science. ..................\nAcme", "Working Student Data Science \nAcme"),
    ("Data Scientist ........ 2021 - 2024", "Data Scientist 2021 - 2024"),
    ("Contents . . . . . 3", "Contents 3"),
    # an ellipsis and a version number are text
    ("Wait... what", "Wait... what"),
    ("v1.2.3", "v1.2.3"),
])
def test_dot_leaders_are_dropped(text, expected):
    assert normalise_text(text) == expected


@pytest.mark.parametrize("heading, section", [
    ("// Experience", "experience"),  # a code comment's marks, as developers' CVs set headings
    ("// Data Science Skills", "skills"),
    ("\u00a7 Publications", "publications"),
])
def test_headings_marked_as_code_comments_or_sections(heading, section):
    ndoc = split_sections(f"Ana Lima\n{heading}\nAcme, 2020 - 2024\n")
    assert (ndoc.lines[1].heading, ndoc.lines[1].section) == (True, section)
    assert ndoc.lines[2].section == section


def test_a_summary_heading_right_under_a_section_heading_is_part_of_that_section():
    ndoc = split_sections("Ana Lima\nEXPERIENCE\nAcme, 2020 - 2024\nPUBLICATIONS\nSummary:\n"
                          "A. Lima, B. Ode. Deep learning for soil maps. NeurIPS 2021.\n")
    assert [tl.section for tl in ndoc.lines[3:]] == ["publications"] * 3
    # a summary of its own, after a section's lines, is a summary
    ndoc = split_sections("Ana Lima\nEXPERIENCE\nAcme, 2020 - 2024\nSummary:\nBuilt models.\n")
    assert ndoc.lines[4].section == "summary"


def test_the_unicode_hyphen_is_a_hyphen():
    # some fonts write "-" as U+2010 (NFKC makes the non-breaking U+2011 one): terms and headings
    # with a hyphen are found all the same
    assert normalise_text("Fine\u2010tuned a GPT\u20112 model") == "Fine-tuned a GPT-2 model"


@pytest.mark.parametrize("heading", ["Open-Source Contributions", "Open\u2010Source Contributions"])
def test_a_hyphenated_heading_is_its_spaced_heading(heading):
    ndoc = split_sections(f"Ana Lima\n{heading}\ntensor_parallel: a library for PyTorch models\n")
    assert (ndoc.lines[1].heading, ndoc.lines[1].section) == (True, "projects")


def test_headings_set_in_lower_case_open_sections_when_the_document_sets_them_so():
    text = ("E. Lima\neducation\n2021 - 2025\nph.d in distributed deep learning\nwork experience\n"
            "2019 - 2025\nML engineer\n")
    ndoc = split_sections(text)
    assert [tl.section for tl in ndoc.lines[1:]] == ["education"] * 3 + ["experience"] * 3
    # one lower-case line that reads as a heading is the tail of a wrapped line
    ndoc = split_sections("Ana Lima\nSUMMARY\nTwenty years in adult\neducation\n")
    assert ndoc.lines[3].section == "summary" and not ndoc.lines[3].heading


@pytest.mark.parametrize("heading, section", [
    ("Professional Experiences", "experience"),  # the other number of a known heading
    ("Academic Experience", "experience"),  # a heading by its head noun, in title case
    ("Main Technical Skills", "skills"),
    ("Selected Projects", "projects"),
    ("INTERNSHIPS", "experience"),
])
def test_headings_by_their_number_or_head_noun(heading, section):
    ndoc = split_sections(f"Ana Lima\nEDUCATION\nMSc, Lund, 2016\n{heading}\nAcme, 2020 - 2024\n")
    assert (ndoc.lines[3].heading, ndoc.lines[3].section) == (True, section)


def test_a_lone_journal_or_conference_line_stays_in_the_publications():
    ndoc = split_sections("Ana Lima\nPUBLICATIONS\nJournal\nA. Lima. Title. JMLR, 2021.\nConference\n"
                          "A. Lima. Title. ICML 2022.\n")
    assert {tl.section for tl in ndoc.lines[1:]} == {"publications"}


@pytest.mark.parametrize("heading, section", [
    ("Research Publications", "publications"),  # no job's title ends in "Publications"
    ("Selected Invited Talks", "publications"),
    ("Head of Publications", "experience"),  # a job's title
    ("Seminar Organisation", "other"),  # events organised: service
    ("World Health Organization", "experience"),  # an employer
    ("WORLD HEALTH ORGANIZATION", "experience"),
])
def test_a_publication_list_after_the_posts_opens_by_its_head_noun(heading, section):
    ndoc = split_sections(f"Ana Lima\nEXPERIENCE\nResearch Intern, Acme, 2020 - 2021\n{heading}\n"
                          "A. Lima, B. Chen. Efficient allreduce. MLSys 2024.\n")
    assert ndoc.lines[3].section == section


@pytest.mark.parametrize("text, expected", [
    ("Sept \u201918 - Present", "Sept 2018 - Present"),
    ("May '20 - August '20", "May 2020 - August 2020"),
    ("Dec. \u201999", "Dec. 1999"),
    ("Reviewer for EMNLP \u201919", "Reviewer for EMNLP \u201919"),  # no month: left as it is
    ("Junior '19", "Junior '19"),  # a word that starts like a month
])
def test_a_months_year_in_two_digits_is_written_in_full(text, expected):
    from gapcheck.normalise import normalise_text

    assert normalise_text(text) == expected


@pytest.mark.parametrize("heading, section", [
    ("\u2699 TECH STACK", "skills"),  # a pictogram before the heading is decoration
    ("\u2605 Experience", "experience"),
    ("\U0001f393 EDUCATION", "education"),
])
def test_a_pictogram_before_a_heading_is_decoration(heading, section):
    ndoc = split_sections(f"Ana Lima\nSUMMARY\nBackend engineer.\n{heading}\nPython, Go, 2020 - 2023\n")
    assert (ndoc.lines[3].heading, ndoc.lines[3].section) == (True, section)


_LABELLED = ("Ana Lima\n\nEXPERIENCE\nAcme | Lisbon Jul 2024 - present\nSenior Data Scientist\n"
             "- Trained a semantic search model.\nSkills:\nBeta | Porto Feb 2022 - Jun 2024\nML Engineer\n"
             "- Built LSTM models for price forecasting.\n")


def test_a_skills_label_inside_a_job_opens_no_section():
    # the next job's dates follow "Skills:" before any heading: it labels its job's list
    lines = split_sections(_LABELLED).lines
    assert {tl.section for tl in lines if "LSTM" in tl.text or "Porto" in tl.text} == {"experience"}
    assert not any(tl.heading for tl in lines if tl.text == "Skills:")


@pytest.mark.parametrize("listed", ["Python, PyTorch, SQL", "Microsoft SQL Server 2012 - 2019\nDocker, Kubernetes"])
def test_a_skills_heading_after_the_jobs_still_opens_its_section(listed):
    # a list may name versions by their years: no job's dates
    text = _LABELLED + f"\nSkills:\n{listed}\n\nEDUCATION\nMSc, Lisbon, 2019 - 2021\n"
    lines = split_sections(text).lines
    assert {tl.section for tl in lines if tl.text in listed.split("\n")} == {"skills"}


@pytest.mark.parametrize(("heading", "section"), [
    ("Scholarships and Awards", "certifications"),  # known headings joined, even among the jobs
    ("Honors & Awards", "certifications"),
    ("Research and Teaching Assistant", None),  # a job's title
    ("Tools & Software", None),  # a job's label over its list
])
def test_joined_known_headings_open_their_section_among_the_jobs(heading, section):
    assert heading_section(heading, "experience") == section
