"""Tests for `min_experience_years` of tag_posting: the minimum *required* years of experience.

DOMAIN.md: "1-2 years" is 1, "2+ years" is 2, "6 months" is 0, "no experience necessary" is 0,
"eighteen months" is 1; words beat digits ("three (5) years" is 3); preferred experience does
not count; null when not stated.
"""

from __future__ import annotations

import pytest

from indexer.tagging.tagger import tag_posting


def years_of(text: str, title: str = "Medical Coder") -> int | None:
    return tag_posting(title, text).tags.min_experience_years


def test_range_of_years_is_its_lower_end() -> None:
    assert years_of("1-2 years of medical coding experience required.") == 1


def test_range_of_years_with_to_is_its_lower_end() -> None:
    assert years_of("Requires 3 to 5 years of inpatient coding experience.") == 3


def test_years_plus_is_that_many_years() -> None:
    assert years_of("2+ years of professional fee coding experience required.") == 2


def test_minimum_of_words_and_digits_is_the_number() -> None:
    text = "Minimum of three (3) years of inpatient coding experience in an acute care setting."
    assert years_of(text) == 3


def test_words_stand_when_words_and_digits_disagree() -> None:
    assert years_of("Three (5) years of coding experience required.") == 3


def test_eighteen_months_is_one_year() -> None:
    assert years_of("Eighteen months of coding experience required.") == 1


def test_six_months_is_zero_years() -> None:
    assert years_of("Must have 6 months of medical coding experience.") == 0


@pytest.mark.parametrize(
    "text",
    [
        "No experience necessary; we will train new CPC-A coders.",
        "No prior coding experience required.",
    ],
)
def test_no_experience_necessary_is_zero(text: str) -> None:
    assert years_of(text) == 0


def test_years_under_a_requirements_heading_are_required() -> None:
    text = "Minimum Qualifications\n- Two years of coding experience\n- CPC or CCS"
    assert years_of(text) == 2


def test_experience_only_preferred_is_null() -> None:
    assert years_of("2 years of coding experience preferred.") is None


def test_experience_under_a_preferred_heading_is_null() -> None:
    text = "Preferred Qualifications\n- 3 years of risk adjustment coding experience"
    assert years_of(text) is None


def test_required_years_stand_beside_preferred_years() -> None:
    text = "One year of coding experience required; three years preferred."
    assert years_of(text) == 1


def test_experience_not_stated_is_null() -> None:
    text = "Responsibilities\n- Assign ICD-10-CM and CPT codes to clinic visits.\nCPC required."
    assert years_of(text) is None


def test_minimum_age_is_not_experience() -> None:
    assert years_of("Must be at least 18 years of age.") is None


def test_grace_period_is_not_experience() -> None:
    assert years_of("Must obtain CPC within 6 months of hire.") is None


def test_years_of_the_company_are_not_experience() -> None:
    text = "For over 25 years, Valley Coding Group has supported rural hospitals."
    assert years_of(text) is None


def test_two_requirements_give_the_larger() -> None:
    text = (
        "Requirements\n"
        "- 1 year of E/M coding experience\n"
        "- 3 years of professional fee coding experience\n"
        "- CPC required"
    )
    assert years_of(text) == 3


def test_at_least_words_is_the_number() -> None:
    assert years_of("At least two years of coding experience required.") == 2


def test_months_count_as_whole_years() -> None:
    assert years_of("24 months of coding experience required.") == 2


def test_two_or_more_years_is_two() -> None:
    assert years_of("Two or more years of coding experience required.") == 2


def test_abbreviated_yrs_with_a_period_is_years() -> None:
    assert years_of("Requirements\n- 3+ yrs. of ED facility coding experience") == 3


def test_experience_as_an_alternative_to_a_degree_is_null() -> None:
    assert years_of("Required: Associate's degree or 2 years of coding experience.") is None


def test_worked_as_a_coder_for_years_is_experience() -> None:
    assert years_of("Must have worked as a coder for at least 2 years.") == 2
