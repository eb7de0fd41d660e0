"""Tests for indexer.tagging.mentions: finding the credentials a posting names.

Covers the spellings of DOMAIN.md ("C.P.C.", "CPC(R)", "CPC - A", spelled-out names, "RHIT/RHIA",
old names), bodies and coding certification in general, and the false friends it warns of.
"""

from __future__ import annotations

import pytest

from indexer.tagging.mentions import find_mentions


def codes(text: str) -> list[str]:
    return [mention.code for mention in find_mentions(text)]


# --- Spellings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Active CPC certification required.",
        "Must hold the C.P.C. credential.",
        "CPC\u00ae required.",
        "CPC(R) required.",
        "Certified Professional Coder required.",
        "Must be a certified professional coder through AAPC.",
    ],
)
def test_spellings_of_cpc_are_found_as_cpc(text: str) -> None:
    assert codes(text) == ["CPC"]


@pytest.mark.parametrize(
    "text",
    [
        "CPC-A welcome to apply.",
        "CPC - A welcome to apply.",
        "CPC Apprentice welcome to apply.",
        "Certified Professional Coder - Apprentice welcome to apply.",
    ],
)
def test_spellings_of_the_cpc_apprentice_are_one_cpc_a_mention(text: str) -> None:
    assert codes(text) == ["CPC-A"]


@pytest.mark.parametrize(
    "text",
    [
        "Certified Coding Specialist - Physician-based (CCS-P) preferred.",
        "Certified Coding Specialist - Physician-based preferred.",
        "CCS-P preferred.",
    ],
)
def test_spellings_of_ccs_p_are_found_as_ccs_p(text: str) -> None:
    assert set(codes(text)) == {"CCS-P"}


def test_certified_coding_specialist_is_ccs() -> None:
    assert codes("Certified Coding Specialist required.") == ["CCS"]


def test_slash_pair_names_both_credentials() -> None:
    assert codes("RHIT/RHIA required.") == ["RHIT", "RHIA"]


def test_old_name_cpc_h_is_found_as_coc() -> None:
    assert codes("CPC-H or CCS required for outpatient facility coding.") == ["COC", "CCS"]


@pytest.mark.parametrize("acronym", ["CIRCC", "CASCC", "CEDC", "CGSC", "COSC"])
def test_aapc_specialty_acronyms_are_aapc_specialty(acronym: str) -> None:
    assert codes(f"{acronym} preferred for this specialty team.") == ["AAPC_SPECIALTY"]


def test_specialty_credential_spelled_out_is_aapc_specialty() -> None:
    assert codes("Certified Cardiology Coder a plus.") == ["AAPC_SPECIALTY"]


def test_list_of_credentials_is_found_in_order() -> None:
    text = "Requires one of: CPC, COC, CIC, CCS or RHIT."
    assert codes(text) == ["CPC", "COC", "CIC", "CCS", "RHIT"]


def test_credentials_on_consecutive_list_items_are_each_found() -> None:
    assert codes("Certifications\n- CPC\n- COC\n- CCS") == ["CPC", "COC", "CCS"]


def test_credential_on_the_line_after_another_acronym_is_found() -> None:
    assert codes("- High school diploma or GED\n- CCS or CCS-P") == ["CCS", "CCS-P"]


def test_mention_offsets_cover_the_spelling() -> None:
    text = "Must hold an active CPC\u00ae or CCS credential."
    spans = [text[m.start : m.end] for m in find_mentions(text)]
    assert [s.rstrip("\u00ae") for s in spans] == ["CPC", "CCS"]


# --- Bodies and coding certification in general ------------------------------------------------


def test_aapc_or_ahima_certification_is_both_body_tokens() -> None:
    assert codes("AAPC or AHIMA certification required.") == ["ANY_AAPC", "ANY_AHIMA"]


def test_ahima_credential_is_any_ahima() -> None:
    assert codes("Must hold an active AHIMA credential.") == ["ANY_AHIMA"]


def test_aapc_certified_is_any_aapc() -> None:
    assert codes("Applicants must be AAPC certified.") == ["ANY_AAPC"]


def test_coding_certification_without_a_body_is_any_coding() -> None:
    assert codes("Coding certification required.") == ["ANY_CODING"]


def test_nha_certification_is_cbcs() -> None:
    assert codes("Current NHA certification required.") == ["CBCS"]


def test_a_credential_from_three_bodies_names_each_body() -> None:
    text = "Must hold a coding credential from AAPC, AHIMA or NHA."
    assert codes(text) == ["ANY_AAPC", "ANY_AHIMA", "CBCS"]


def test_nha_approved_program_names_no_credential() -> None:
    assert codes("Graduate of an NHA-approved billing and coding program.") == []


def test_paid_aapc_membership_names_no_credential() -> None:
    assert codes("We offer paid AAPC membership and CEUs.") == []


def test_ahima_approved_program_names_no_credential() -> None:
    assert codes("Graduate of an AHIMA-approved coding program.") == []


# --- False friends ---------------------------------------------------------------------------


def test_cpc_inside_hcpcs_is_not_a_mention() -> None:
    assert codes("Assign ICD-10-CM, CPT and HCPCS codes to outpatient encounters.") == []


@pytest.mark.parametrize("word", ["CPCT", "ACPC", "CPCU"])
def test_cpc_inside_a_longer_word_is_not_a_mention(word: str) -> None:
    assert "CPC" not in codes(f"Experience with {word} workflows is helpful.")


def test_ccs_medical_company_name_is_not_ccs() -> None:
    assert codes("CCS Medical is a leading supplier of diabetic testing supplies.") == []


def test_ccs_department_name_is_not_ccs() -> None:
    assert codes("You will report to the CCS Department manager.") == []


def test_california_childrens_services_is_not_ccs() -> None:
    assert codes("Coordinates referrals to California Children's Services (CCS).") == []


@pytest.mark.parametrize(
    "text",
    ["Return completed charts to the queue.", "RETURN TO WORK POLICY", "Learn our EHR quickly."],
)
def test_rn_inside_words_is_not_a_mention(text: str) -> None:
    assert codes(text) == []


def test_state_abbreviations_are_not_credentials() -> None:
    assert codes("Remote in AL, AZ, CA, CO, CT, IN, ME, OR, PA and RI only.") == []


def test_state_after_a_credential_is_not_an_apprentice_suffix() -> None:
    assert codes("Medical Coder - CPC - AL") == ["CPC"]


def test_state_after_ccs_is_not_the_physician_suffix() -> None:
    assert codes("Coding Specialist - CCS - PA") == ["CCS"]


def test_certificate_of_coverage_is_not_coc() -> None:
    assert codes("Review the member's certificate of coverage (COC) for benefit limits.") == []


def test_code_of_conduct_is_not_coc() -> None:
    assert codes("Follow the COC (Code of Conduct) at all times.") == []
