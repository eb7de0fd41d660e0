"""Tags said in plain words."""

from __future__ import annotations

from indexer.salary import Salary
from indexer.tag_wording import (
    describe_conditions,
    describe_experience,
    describe_required,
    describe_salary,
)
from indexer.tags import Tags


def test_groups_read_as_a_formula_with_or_inside_and_and_between() -> None:
    tags = Tags(is_coding_job=True, credentials_required=(("CPC", "CCS"), ("RHIT",)))
    assert describe_required(tags) == "(CPC or CCS) and RHIT"


def test_group_tokens_read_as_their_names() -> None:
    tags = Tags(is_coding_job=True, credentials_required=(("ANY_AAPC", "ANY_AHIMA"),))
    assert describe_required(tags) == "any AAPC credential or any AHIMA credential"


def test_no_requirement_reads_none() -> None:
    assert describe_required(Tags(is_coding_job=True)) == "none"


def test_conditions_name_grace_and_apprentices() -> None:
    tags = Tags(
        is_coding_job=True,
        credential_grace_months=6,
        grace_credentials=("CRC",),
        accepts_apprentice=False,
    )
    assert describe_conditions(tags) == "grace 6 mo: CRC; no apprentices"


def test_experience_reads_none_years_or_not_stated() -> None:
    assert describe_experience(Tags(is_coding_job=True, min_experience_years=0)) == "none"
    assert describe_experience(Tags(is_coding_job=True, min_experience_years=2)) == "2+ yrs"
    assert describe_experience(Tags(is_coding_job=True)) == "not stated"


def test_pay_reads_with_its_period() -> None:
    assert describe_salary(Salary(19.0, 23.5, "hour")) == "$19-23.50/h"
    assert describe_salary(Salary(52000.0, 60000.0, "year")) == "$52,000-60,000/yr"
    assert describe_salary(Salary(44000.0, None, "year")) == "from $44,000/yr"
    assert describe_salary(None) == "-"
