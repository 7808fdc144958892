"""A job posting as an ad-hoc role: its parts make skills essential, important or optional."""

from __future__ import annotations

import pytest

from gapcheck.config import Options
from gapcheck.errors import NoSkillsFoundError
from gapcheck.posting import JOB_ROLE_ID, WEIGHT, job_role_from_posting

POSTING = """Senior Data Engineer

We build our platform with Python.

Requirements:
- Kubernetes in production

Nice to have:
- Apache Airflow
"""


def test_parts_of_a_posting_set_each_skill_importance(tmp_path, taxonomy):
    job = tmp_path / "posting.txt"
    job.write_text(POSTING, encoding="utf-8")
    role, info = job_role_from_posting(job, taxonomy, None, Options())
    importance = {link.skill: link.importance for link in role.skills}
    assert importance == {"python": "important", "kubernetes": "essential", "airflow": "optional"}
    assert all(link.weight == WEIGHT[link.importance] for link in role.skills)
    assert role.id == JOB_ROLE_ID and JOB_ROLE_ID not in taxonomy.role_by_id
    assert role.name == "Job posting: posting.txt"
    assert info == {"source": str(job), "skills": [{"id": s, "importance": importance[s]} for s in sorted(importance)]}


def test_posting_without_skills_is_an_error(tmp_path, taxonomy):
    job = tmp_path / "posting.txt"
    job.write_text("Barista wanted. Friendly, punctual, weekends.\n", encoding="utf-8")
    with pytest.raises(NoSkillsFoundError, match="no skills from the taxonomy in this job posting"):
        job_role_from_posting(job, taxonomy, None, Options())
