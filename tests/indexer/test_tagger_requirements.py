"""Tests for the credential tags of tag_posting: required, preferred, grace and apprentices.

One small test per rule of DOMAIN.md's tag schema for `credentials_required`,
`credentials_preferred`, `credential_grace_months`, `grace_credentials` and `accepts_apprentice`,
on short snippets phrased as real US coding postings phrase them.
"""

from __future__ import annotations

import pytest

from indexer.tagging.tagger import tag_posting
from indexer.tags import Tags


def tags_of(text: str, title: str = "Medical Coder") -> Tags:
    return tag_posting(title, text).tags


def required(text: str, title: str = "Medical Coder") -> list[list[str]]:
    return tags_of(text, title).to_dict()["credentials_required"]


def preferred(text: str, title: str = "Medical Coder") -> list[str]:
    return tags_of(text, title).to_dict()["credentials_preferred"]


# --- Required or preferred, by cue word -------------------------------------------------------


def test_required_cue_makes_a_credential_required() -> None:
    assert required("Active CPC certification required.") == [["CPC"]]


def test_must_have_makes_a_credential_required() -> None:
    assert required("Must have a current CCS credential.") == [["CCS"]]


def test_body_issuing_a_named_credential_adds_no_group() -> None:
    assert required("Must have a current CCS credential from AHIMA.") == [["CCS"]]


def test_must_possess_makes_a_credential_required() -> None:
    assert required("Candidates must possess RHIT certification.") == [["RHIT"]]


def test_preferred_cue_makes_a_credential_preferred_not_required() -> None:
    tags = tags_of("CRC certification preferred.")
    assert tags.credentials_required == ()
    assert tags.credentials_preferred == ("CRC",)


def test_desired_cue_makes_a_credential_preferred() -> None:
    tags = tags_of("CPMA desired but not required.")
    assert tags.credentials_required == ()
    assert tags.credentials_preferred == ("CPMA",)


def test_a_plus_makes_a_credential_preferred() -> None:
    tags = tags_of("CEMC is a plus.")
    assert tags.credentials_required == ()
    assert tags.credentials_preferred == ("CEMC",)


def test_required_and_preferred_in_one_sentence_are_kept_apart() -> None:
    tags = tags_of("CPC required; CRC preferred.")
    assert tags.to_dict()["credentials_required"] == [["CPC"]]
    assert tags.credentials_preferred == ("CRC",)


# --- Required or preferred, by heading --------------------------------------------------------


def test_items_under_requirements_heading_are_required() -> None:
    text = "Requirements\n- Active CPC certification\n- Knowledge of ICD-10-CM and CPT"
    assert required(text) == [["CPC"]]


def test_items_under_minimum_qualifications_heading_are_required() -> None:
    text = "Minimum Qualifications\n- CCS or CCS-P certification\n- High school diploma or GED"
    assert required(text) == [["CCS", "CCS-P"]]


def test_credential_opening_a_list_item_after_an_acronym_is_required() -> None:
    text = "Minimum Qualifications\n- High school diploma or GED\n- CCS or CCS-P"
    assert required(text) == [["CCS", "CCS-P"]]


def test_items_under_preferred_qualifications_heading_are_preferred() -> None:
    text = "Preferred Qualifications\n- CRC certification\n- Epic experience"
    tags = tags_of(text)
    assert tags.credentials_required == ()
    assert tags.credentials_preferred == ("CRC",)


def test_requirements_and_preferred_headings_split_the_credentials() -> None:
    text = (
        "What you need\n"
        "Requirements:\n"
        "- CPC or COC certification\n"
        "- 2 years of outpatient coding experience\n"
        "Preferred Qualifications:\n"
        "- CRC or CPMA\n"
    )
    tags = tags_of(text)
    assert tags.to_dict()["credentials_required"] == [["CPC", "COC"]]
    assert set(tags.credentials_preferred) == {"CRC", "CPMA"}


def test_inline_required_label_makes_a_credential_required() -> None:
    assert required("Required: CPC or COC certification") == [["CPC", "COC"]]


def test_inline_preferred_label_makes_a_credential_preferred() -> None:
    tags = tags_of("Preferred: CRC certification")
    assert tags.credentials_required == ()
    assert tags.credentials_preferred == ("CRC",)


def test_inline_labels_on_consecutive_lines_split_the_credentials() -> None:
    tags = tags_of("Required: CCS\nPreferred: CDIP")
    assert tags.to_dict()["credentials_required"] == [["CCS"]]
    assert tags.credentials_preferred == ("CDIP",)


# --- OR-groups and AND ------------------------------------------------------------------------


def test_cpc_or_ccs_required_is_one_or_group() -> None:
    assert required("CPC or CCS required.") == [["CPC", "CCS"]]


def test_comma_list_with_apprentice_is_one_or_group() -> None:
    assert required("CPC, CPC-A or CCA required.") == [["CPC", "CPC-A", "CCA"]]


def test_slash_pair_is_one_or_group() -> None:
    assert required("CPC/COC certification required.") == [["CPC", "COC"]]


def test_and_joins_two_groups() -> None:
    assert required("Must hold RHIT and CCS or CIC.") == [["RHIT"], ["CCS", "CIC"]]


def test_two_required_sentences_are_two_groups() -> None:
    assert required("RN or RHIA required. CCDS or CDIP required.") == [
        ["RN", "RHIA"],
        ["CCDS", "CDIP"],
    ]


def test_one_of_the_following_inline_is_one_group() -> None:
    text = "Must hold one of the following: CPC, COC or CCS."
    assert required(text) == [["CPC", "COC", "CCS"]]


def test_one_of_the_following_as_a_list_is_one_group() -> None:
    text = (
        "Requirements\n"
        "- 3 years of coding experience\n"
        "- One of the following credentials:\n"
        "- CPC\n"
        "- COC\n"
        "- CCS"
    )
    tags = tags_of(text)
    assert tags.to_dict()["credentials_required"] == [["CPC", "COC", "CCS"]]
    assert tags.min_experience_years == 3


def test_one_of_the_following_on_an_unbulleted_line_is_one_group() -> None:
    text = "Requirements\nMust hold one of the following:\n- CPC\n- CCS"
    assert required(text) == [["CPC", "CCS"]]


def test_one_of_the_following_line_under_requirements_keeps_the_list_required() -> None:
    text = "Requirements\nOne of the following:\n- CPC\n- CCS"
    assert required(text) == [["CPC", "CCS"]]


def test_any_one_of_a_list_with_apprentice_forms_is_one_group() -> None:
    text = "Requirements\n- Any one of CPC-A, COC-A, CPC or COC."
    assert required(text) == [["CPC-A", "COC-A", "CPC", "COC"]]


def test_plus_either_adds_a_second_group() -> None:
    text = "Minimum Qualifications\n- CCS, plus either CDIP or CCDS."
    assert required(text) == [["CCS"], ["CDIP", "CCDS"]]


def test_plus_one_of_the_following_label_adds_a_required_group() -> None:
    text = "Required\n- Current CPMA.\n- Plus one of the following: CPC, COC or CCS."
    tags = tags_of(text)
    assert tags.to_dict()["credentials_required"] == [["CPMA"], ["CPC", "COC", "CCS"]]
    assert tags.credentials_preferred == ()


def test_plus_alone_as_a_heading_still_heads_preferences() -> None:
    tags = tags_of("Requirements\n- RHIT required\nPlus:\n- CCS")
    assert tags.to_dict()["credentials_required"] == [["RHIT"]]
    assert tags.credentials_preferred == ("CCS",)


def test_parenthesis_welcoming_full_credentials_joins_the_group() -> None:
    text = "Requirements\n- Must hold a COC-A (fully certified COC or CCS coders are welcome too)."
    assert required(text) == [["COC-A", "COC", "CCS"]]


def test_parenthesis_adding_a_credential_is_a_second_group() -> None:
    assert required("Requirements\n- CCS (must also hold CDIP)") == [["CCS"], ["CDIP"]]


# --- Bodies and coding certification in general ------------------------------------------------


def test_aapc_or_ahima_certification_required_is_a_group_of_body_tokens() -> None:
    assert required("AAPC or AHIMA certification required.") == [["ANY_AAPC", "ANY_AHIMA"]]


def test_coding_certification_required_is_any_coding() -> None:
    assert required("Coding certification required.") == [["ANY_CODING"]]


def test_bodies_spelled_out_by_credentials_give_the_credentials() -> None:
    text = "AAPC (CPC) or AHIMA (CCA, CCS) certification required."
    assert required(text) == [["CPC", "CCA", "CCS"]]


def test_body_certification_spelled_out_after_the_word_gives_the_credentials() -> None:
    text = "Active AAPC certification (CPC, COC, CIC or CRC) is required."
    assert required(text) == [["CPC", "COC", "CIC", "CRC"]]


def test_parenthesis_after_required_spells_out_the_bodies() -> None:
    text = "Current AHIMA or AAPC coding certification required (CCS, CCS-P, CPC, COC)."
    assert required(text) == [["CCS", "CCS-P", "CPC", "COC"]]


def test_credential_from_named_bodies_is_one_group_its_examples_add_nothing() -> None:
    text = (
        "Requirements\n"
        "- You need a coding credential from AAPC, AHIMA or NHA. COC-A, CCS and CBCS all qualify."
    )
    tags = tags_of(text)
    assert tags.to_dict()["credentials_required"] == [["ANY_AAPC", "ANY_AHIMA", "CBCS"]]
    assert tags.accepts_apprentice is True


def test_credential_that_also_qualifies_joins_the_group_before() -> None:
    assert required("CCS required. RHIA or CIC also qualify.") == [["CCS", "RHIA", "CIC"]]


def test_plain_statement_for_credentialed_coders_is_a_requirement() -> None:
    text = "This position is for credentialed coders (AHIMA or AAPC)."
    assert required(text) == [["ANY_AHIMA", "ANY_AAPC"]]


# --- Alternatives are not requirements -------------------------------------------------------


def test_alternatives_require_nothing_and_prefer_the_credentials() -> None:
    text = (
        "Qualifications\n"
        "- Must have a CPC or CCA credential, or two years of experience, or an HIT degree."
    )
    tags = tags_of(text)
    assert tags.credentials_required == ()
    assert set(tags.credentials_preferred) == {"CPC", "CCA"}
    assert tags.min_experience_years is None


def test_either_or_alternatives_require_nothing() -> None:
    text = (
        "Requires either a CPC/CCA credential, or two years of medical records experience, "
        "or an associate degree in health information technology."
    )
    tags = tags_of(text)
    assert tags.credentials_required == ()
    assert set(tags.credentials_preferred) == {"CPC", "CCA"}
    assert tags.min_experience_years is None


def test_credential_or_exam_eligibility_requires_nothing_and_prefers_it() -> None:
    tags = tags_of("CPC certification, or eligibility to sit for the exam, is required.")
    assert tags.credentials_required == ()
    assert tags.credentials_preferred == ("CPC",)


# --- Grace ------------------------------------------------------------------------------------


def test_must_obtain_within_six_months_is_grace_six_on_the_named_credential() -> None:
    tags = tags_of("Must obtain CPC within 6 months of hire.")
    assert tags.to_dict()["credentials_required"] == [["CPC"]]
    assert tags.credential_grace_months == 6
    assert tags.grace_credentials == ("CPC",)


def test_grace_naming_no_credential_covers_the_group_it_qualifies() -> None:
    tags = tags_of("CPC or CCS required, or obtain one within 9 months of hire.")
    assert tags.to_dict()["credentials_required"] == [["CPC", "CCS"]]
    assert tags.credential_grace_months == 9
    assert set(tags.grace_credentials) == {"CPC", "CCS"}


def test_within_one_year_of_hire_is_twelve_months_on_its_group_only() -> None:
    tags = tags_of("RN or RHIA required. CCDS or CDIP required within one year of hire.")
    assert tags.to_dict()["credentials_required"] == [["RN", "RHIA"], ["CCDS", "CDIP"]]
    assert tags.credential_grace_months == 12
    assert set(tags.grace_credentials) == {"CCDS", "CDIP"}


@pytest.mark.parametrize(
    ("text", "months"),
    [
        (
            "Certification in CPC, COC, or CIC required; must be obtained within 6 months if "
            "not held at hire.",
            6,
        ),
        (
            "Requirements\n"
            "- CPC, COC or CCS certification; must be obtained within 9 months of hire "
            "if not held.",
            9,
        ),
    ],
)
def test_grace_clause_after_a_semicolon_covers_the_group(text: str, months: int) -> None:
    tags = tags_of(text)
    assert len(tags.credentials_required) == 1
    assert tags.credential_grace_months == months
    assert set(tags.grace_credentials) == set(tags.credentials_required[0])


def test_and_a_second_group_within_two_years_is_a_group_with_grace() -> None:
    tags = tags_of("RHIA or RHIT required, and CDIP or CCDS within 2 years of hire.")
    assert tags.to_dict()["credentials_required"] == [["RHIA", "RHIT"], ["CDIP", "CCDS"]]
    assert tags.credential_grace_months == 24
    assert set(tags.grace_credentials) == {"CDIP", "CCDS"}


def test_grace_restating_a_required_credential_adds_no_group() -> None:
    text = "CPC or CCS required. New hires without a CPC must earn it within 6 months of hire."
    tags = tags_of(text)
    assert tags.to_dict()["credentials_required"] == [["CPC", "CCS"]]
    assert tags.credential_grace_months == 6
    assert tags.grace_credentials == ("CPC",)


def test_grace_restating_a_credential_under_requirements_adds_no_group() -> None:
    text = (
        "Requirements\n"
        "- CRC certification\n"
        "- If not yet certified, must obtain CRC within 12 months of hire"
    )
    tags = tags_of(text)
    assert tags.to_dict()["credentials_required"] == [["CRC"]]
    assert tags.credential_grace_months == 12
    assert tags.grace_credentials == ("CRC",)


def test_no_grace_is_null_months_and_no_grace_credentials() -> None:
    tags = tags_of("CPC required.")
    assert tags.credential_grace_months is None
    assert tags.grace_credentials == ()


# --- Apprentices ------------------------------------------------------------------------------


def test_apprentice_accepted_keeps_the_group_and_accepts_apprentice() -> None:
    tags = tags_of("CPC or CCA required. CPC-A accepted.")
    assert tags.to_dict()["credentials_required"] == [["CPC", "CCA"]]
    assert tags.accepts_apprentice is True


def test_apprentices_welcome_accepts_apprentice() -> None:
    tags = tags_of("CPC required. Apprentices welcome to apply!")
    assert tags.accepts_apprentice is True


def test_apprenticeship_program_for_new_coders_accepts_apprentice() -> None:
    text = "Our coder apprenticeship program trains newly certified coders on real charts."
    assert tags_of(text).accepts_apprentice is True


def test_cpc_a_listed_as_acceptable_accepts_apprentice() -> None:
    assert tags_of("CPC, CPC-A or CCA required.").accepts_apprentice is True


def test_coc_a_accepted_accepts_apprentice() -> None:
    assert tags_of("COC required; COC-A will be considered.").accepts_apprentice is True


def test_will_consider_apprentice_coders_accepts_apprentice() -> None:
    assert tags_of("CPC required. Will consider apprentice coders.").accepts_apprentice is True


def test_cpc_a_with_a_deadline_to_remove_apprentice_status_accepts_apprentice() -> None:
    text = "CPC required, or CPC-A with plans to remove apprentice status within 12 months."
    tags = tags_of(text)
    assert tags.to_dict()["credentials_required"] == [["CPC"]]
    assert tags.accepts_apprentice is True


def test_apprentices_who_must_remove_the_a_add_no_group() -> None:
    tags = tags_of("CPC required. CPC-A candidates must remove the A within 6 months.")
    assert tags.to_dict()["credentials_required"] == [["CPC"]]
    assert tags.accepts_apprentice is True


def test_cpc_a_not_accepted_excludes_apprentices() -> None:
    tags = tags_of("CPC required (CPC-A not accepted).")
    assert tags.to_dict()["credentials_required"] == [["CPC"]]
    assert tags.accepts_apprentice is False


def test_apprentice_status_removed_excludes_apprentices() -> None:
    tags = tags_of("Active CPC with apprentice status removed required.")
    assert tags.to_dict()["credentials_required"] == [["CPC"]]
    assert tags.accepts_apprentice is False


def test_no_apprentices_excludes_apprentices() -> None:
    assert tags_of("CPC required, no apprentices.").accepts_apprentice is False


def test_not_open_to_apprentices_excludes_apprentices() -> None:
    tags = tags_of("This role is not open to apprentices; active CPC required.")
    assert tags.to_dict()["credentials_required"] == [["CPC"]]
    assert tags.accepts_apprentice is False


def test_apprentice_that_counts_adds_no_group() -> None:
    tags = tags_of(
        "Qualifications\n- Must obtain a COC or CCS within 9 months of hire. A COC-A counts."
    )
    assert tags.to_dict()["credentials_required"] == [["COC", "CCS"]]
    assert tags.accepts_apprentice is True


def test_apprentice_said_to_be_fine_adds_no_group() -> None:
    tags = tags_of("Requirements\n- Must have passed the COC exam (COC-A is fine).")
    assert tags.to_dict()["credentials_required"] == [["COC"]]
    assert tags.accepts_apprentice is True


def test_apprentice_listed_after_its_full_form_stays_in_the_group() -> None:
    tags = tags_of("Requirements\n- COC or COC-A (apprentices accepted).")
    assert tags.to_dict()["credentials_required"] == [["COC", "COC-A"]]
    assert tags.accepts_apprentice is True


def test_apprentice_forms_that_do_not_satisfy_add_no_group() -> None:
    text = (
        "Qualifications\n"
        "Must hold one of the following: CPC, COC, CCS or RHIT. Apprentice credentials "
        "(COC-A, CPC-A) do not satisfy this requirement."
    )
    tags = tags_of(text)
    assert tags.to_dict()["credentials_required"] == [["CPC", "COC", "CCS", "RHIT"]]
    assert tags.accepts_apprentice is False


def test_holders_who_will_not_be_considered_add_no_group() -> None:
    tags = tags_of(
        "Requirements\n- RHIT required.\n- COC-A and CBCS holders will not be considered."
    )
    assert tags.to_dict()["credentials_required"] == [["RHIT"]]
    assert tags.accepts_apprentice is False


def test_credential_turned_away_without_apprentices_adds_no_group() -> None:
    assert required("Requirements\n- CIC required; CCA holders are not eligible.") == [["CIC"]]


def test_not_considered_without_a_credential_requires_it() -> None:
    assert required("Requirements\n- Applicants without a CRC will not be considered.") == [["CRC"]]


def test_silence_on_apprentices_is_null() -> None:
    assert tags_of("CPC required.").accepts_apprentice is None


# --- Text that requires nothing ---------------------------------------------------------------


def test_company_blurb_naming_credentials_requires_nothing() -> None:
    text = (
        "About Us\n"
        "Founded in 2004, Summit Coding Partners employs more than 400 CPC and CCS coders "
        "serving hospitals in 30 states.\n"
        "Responsibilities\n"
        "- Code outpatient encounters accurately."
    )
    tags = tags_of(text)
    assert tags.credentials_required == ()
    assert tags.credentials_preferred == ()


def test_benefit_paying_for_an_exam_requires_nothing() -> None:
    text = "Benefits\n- We pay for your CRC exam and annual AAPC membership\n- 401(k) match"
    tags = tags_of(text)
    assert tags.credentials_required == ()
    assert tags.credentials_preferred == ()


def test_eeo_statement_naming_credentials_requires_nothing() -> None:
    text = (
        "Responsibilities\n"
        "- Abstract and code inpatient records.\n"
        "Mercy Valley Health is an Equal Opportunity Employer. All qualified applicants, "
        "including certified coders (CPC, CCS) and nurses (RN), will receive consideration "
        "without regard to race, color, religion, sex, national origin, disability or veteran "
        "status, as required by law."
    )
    tags = tags_of(text)
    assert tags.credentials_required == ()
    assert tags.credentials_preferred == ()


def test_posting_without_credentials_requires_nothing() -> None:
    tags = tags_of("Responsibilities\n- Assign ICD-10-CM codes to clinic visits.")
    assert tags.to_dict()["credentials_required"] == []
    assert tags.to_dict()["credentials_preferred"] == []
    assert tags.accepts_apprentice is None


def test_a_generic_certification_requirement_takes_the_credential_named_in_the_title() -> None:
    tags = tag_posting("Certified Professional Coder (CPC) - Remote", "- Certification required.")
    assert tags.tags.credentials_required == (("CPC",),)
