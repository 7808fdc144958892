"""Service to the field's research (gapcheck._service): reviewing for its venues."""

from __future__ import annotations

import pytest

from gapcheck import analyze_text
from gapcheck._service import served_venues
from gapcheck.normalise import split_sections

_TERSE = ("Mira Osei\nCurriculum Vitae\n\nEDUCATION\nPhD in Computer Science, Lakeshore University, 2021\n\n"
          "EXPERIENCE\n2021 - present: Research Scientist\nHalden Labs\n2019: Research Intern\nNorthwind AI\n\n"
          "{service}\n\nTEACHING\nTeaching Assistant, Algorithms, Fall 2018\n")


@pytest.mark.parametrize("service, served", [
    ("SERVICE\nReviewer: NeurIPS 2022-2024, ICML 2023, CVPR 2022", ("CVPR", "ICML", "NeurIPS")),
    # one venue to a line under the post, in capitals too
    ("SERVICE\nPeer-Reviewer/Program Committee\nEMNLP: 2021, 2022\nINTERSPEECH: 2023", ("EMNLP", "Interspeech")),
    # a venue's long and short names are one venue
    ("SERVICE\nReviewer, Conference on Computer Vision and Pattern Recognition (CVPR) 2022", ("CVPR",)),
    ("SERVICE\nStudent volunteer, NeurIPS 2022 and ICML 2023", ()),  # no post of judging papers
    ("SERVICE\nReviewer for LREC-COLING 2024", ("LREC",)),  # a joint event is one venue
    ("SERVICE\nReviewer: Journal of the American Statistical Association", ()),  # not the field's venue
    # only the post's own line and the list right under it: no one else's part at a venue
    ("SERVICE\nPeer reviewer, Journal of Iberian Studies, 2022 - 2024\nStudent volunteer, NeurIPS 2022 and ICML "
     "2023 (registration desk)", ()),
    ("SERVICE\nReviewer, Freshwater Biology\nCONFERENCES ATTENDED\nNeurIPS 2023 (attendee)\nKDD 2024", ()),
    ("SERVICE\nReviewing\nConferences\nCVPR 2016-2020\nICCV 2019-2021\nLoG 2022\nECCV 2020", ("CVPR", "ECCV", "ICCV")),
    # no post of judging papers
    ("EXPERIENCE\nTechnical Recruiter, Nordlys, 2016 - present\n- Reviewing resumes and scheduling interviews\n"
     "- Sourced candidates at the NeurIPS, ICML and CVPR career fairs", ()),
    ("EXPERIENCE\nWeb Developer, Nordlys, 2016 - present\n- Code reviewer for the team; built the reviewer-assignment "
     "app used by NeurIPS, ICLR and ICML", ()),
])
def test_the_venues_served(taxonomy, service, served):
    assert served_venues(split_sections(_TERSE.format(service=service)), taxonomy) == served


def test_the_publications_below_a_review_post_are_no_service(taxonomy):
    text = _TERSE.format(service="SERVICE\nReviewer: AAAI 2023\n\nPUBLICATIONS\nM. Osei. Sparse probes. ICML 2024.\n"
                                 "M. Osei. Dense features. ICLR 2023.")
    assert served_venues(split_sections(text), taxonomy) == ("AAAI",)


@pytest.mark.parametrize("service, status", [
    ("SERVICE\nReviewer: NeurIPS 2022-2024, ICML 2023, CVPR 2022", "fit"),  # the field asks its researchers
    ("SERVICE\nReviewer: NeurIPS 2023, ICML 2024", "none"),  # two are too few: a neighbouring field's reviewer
    ("SERVICE\nReviewer: JASA, Biometrika; program committee, AISTATS 2023", "none"),  # a statistician's
])
def test_a_terse_research_cv_fits_on_service(today, service, status):
    result = analyze_text(_TERSE.format(service=service), today=today)
    assert result.fit.status == status
    if status == "fit":
        assert result.fit.role in {"ai_research_scientist", "ml_researcher", "ml_scientist", "rl_researcher",
                                   "computer_vision_scientist"}
        assert "reviewing for the field's venues" in result.verdict


@pytest.mark.parametrize("service, ml_years", [
    ("SERVICE\nReviewer: NeurIPS 2022-2024, ICML 2023, CVPR 2022", True),  # the research posts are the field's
    ("SERVICE\nReviewer: NeurIPS 2023, ICML 2024", False),  # too few venues to tell the field
])
def test_service_makes_the_research_posts_years_in_the_field(today, service, ml_years):
    text = _TERSE.format(service=service).replace("2021 - present: Research Scientist",
                                                  "2021 - present: Postdoctoral Researcher")
    result = analyze_text(text, today=today)
    assert (result.seniority.relevant_years or 0) >= 3 if ml_years else not result.seniority.relevant_years


_POST_WORDS = ("reviewer reviewers reviewing reviewed review for at of : ( / papers program programme committee pc "
               "member area chair senior referee peer journal conference external invited ad-hoc meta sub "
               "resumes code - the ACL NeurIPS 2023").split()


@pytest.mark.parametrize("seed", range(3))
def test_the_cue_scan_passes_every_line_that_names_a_post(seed):
    import random

    from gapcheck._service import _CUE, _SERVICE

    rng = random.Random(seed)
    matched = 0
    for _ in range(3000):
        line = " ".join(rng.choice(_POST_WORDS) for _ in range(rng.randint(1, 5)))
        line = line.upper() if rng.random() < 0.2 else line
        if _SERVICE.search(line):
            matched += 1
            assert _CUE.search(line), line
    assert matched > 300  # the lines do exercise the posts


_PAPERS = ("Ilse Marren\nCurriculum Vitae\n\nEDUCATION\nPhD in Computer Science, Lakeshore University, "
           "2019 - present\n\nPUBLICATIONS\n{papers}")


@pytest.mark.parametrize("papers, status", [
    # titles that name none of the field's skills, at three of its venues: its research all the same
    ("I. Marren, B. Chen. Optimal rates for decentralized saddle-point problems. NeurIPS 2023.\n"
     "I. Marren. Lower bounds for variational inequalities over networks. ICML 2024.\n"
     "I. Marren, D. Ruiz. Accelerated primal-dual methods with compressed messages. AISTATS 2025.\n", "fit"),
    # three papers at one venue: a neighbouring field publishes there too
    ("I. Marren. Pitch tracking with comb filters. ICASSP 2022.\nI. Marren. Sparse beamforming. ICASSP 2023.\n"
     "I. Marren. Echo cancellation at low delay. ICASSP 2024.\n", "none"),
    # two of the field's venues beside the person's own field's journals
    ("I. Marren. Saddle points of convex games. NeurIPS 2023.\nI. Marren. Lower bounds for games. ICML 2024.\n"
     "I. Marren. Equilibria of auctions. Econometrica 2024.\n", "none"),
])
def test_a_research_cv_fits_on_papers_at_three_of_the_fields_venues(today, papers, status):
    result = analyze_text(_PAPERS.format(papers=papers), today=today)
    assert result.fit.status == status
    if status == "fit":
        assert "3 papers at the field's venues (AISTATS, ICML, NeurIPS)" in result.verdict


def test_papers_under_review_are_no_papers_at_a_venue(today):
    papers = ("I. Marren. Optimal rates for saddle points. Under review at NeurIPS 2025.\n"
              "I. Marren. Lower bounds for games. Submitted to ICML 2026.\n"
              "I. Marren. Primal-dual methods. In preparation for AISTATS 2026.\n")
    assert analyze_text(_PAPERS.format(papers=papers), today=today).fit.status == "none"


@pytest.mark.parametrize("line, counts", [
    ("- Responder Stationing with Multi-Agent Coordination (Published in ICML-24)", True),
    ("- Paper accepted at NeurIPS 2023 on routing under uncertainty.", True),
    ("- Presented at the International Conference on Machine Learning, 2022.", True),
    ("- Attended ICML 2024 and NeurIPS 2023.", False),  # no paper of the person's
    ("- Organised a reading group on ICML papers.", False),
    ("- Under review at ICML 2025.", False),
    ("- Presented at NeurIPS 2023 booth: live demos of our vector search.", False),  # a stand, no paper
    ("- Accepted to the ICML 2024 volunteer programme.", False),
])
def test_a_paper_at_a_venue_named_outside_the_publications(taxonomy, line, counts):
    from gapcheck._service import published_venues

    ndoc = split_sections(f"Ana Ruiz\n\nPROJECTS\nRouting research, 2021 - 2024\n{line}\n")
    venues, papers = published_venues(ndoc, taxonomy)
    assert (papers == 1) is counts
    assert bool(venues) is counts


def test_a_research_cv_whose_papers_stand_in_its_projects_fits(today):
    text = ("Ana Ruiz\n\nRESEARCH EXPERIENCE\nGraduate Research Assistant, Lakeshore University, 2019 - 2025\n"
            "- Multi-agent reinforcement learning for responder stationing (Published in ICML-24)\n"
            "- Energy use of mixed transit fleets (Published in AAAI-21)\n"
            "- Vehicle routing with online bookings (Published in IJCAI-22)\n")
    result = analyze_text(text, today=today)
    assert result.fit.status == "fit"
    assert "3 papers at the field's venues (AAAI, ICML, IJCAI)" in result.verdict

