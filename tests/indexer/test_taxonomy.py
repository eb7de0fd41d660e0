"""Tests for indexer.taxonomy: the canonical codes and "which credential meets which" (DOMAIN.md).

Each rule of DOMAIN.md's "Which credential meets which" has its own test; one table test at the
end checks the whole relation against the rules written out here independently of the data file.
"""

from __future__ import annotations

import pytest

from indexer.taxonomy import Taxonomy, load_taxonomy

AAPC = ("CPC", "CPC-A", "COC", "COC-A", "CIC", "CPB", "CRC", "CPMA", "CPCO", "CDEO", "CEMC")
AAPC_ALL = (*AAPC, "AAPC_SPECIALTY")
AHIMA = ("CCA", "CCS", "CCS-P", "RHIT", "RHIA", "CDIP")
OTHERS = ("CCDS", "CCDS-O", "CBCS", "CMRS", "RN", "LPN")
CREDENTIALS = (*AAPC_ALL, *AHIMA, *OTHERS)
GROUP_TOKENS = ("ANY_AAPC", "ANY_AHIMA", "ANY_CODING")
# DOMAIN.md lists the coding credentials that meet ANY_CODING explicitly.
CODING = (
    "CPC",
    "CPC-A",
    "COC",
    "COC-A",
    "CIC",
    "CRC",
    "CPMA",
    "CPCO",
    "CDEO",
    "CEMC",
    "AAPC_SPECIALTY",
    "CCA",
    "CCS",
    "CCS-P",
    "RHIT",
    "RHIA",
    "CBCS",
    "CMRS",
)
# Lower credentials each one meets besides itself: apprentice forms and lower rungs.
LOWER = {"CPC": {"CPC-A"}, "COC": {"COC-A"}, "RHIA": {"RHIT"}, "CCS": {"CCA"}, "CCS-P": {"CCA"}}


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def expected_met_by(held: str) -> set[str]:
    """What holding `held` meets, derived from DOMAIN.md's rules alone."""
    met = {held, *LOWER.get(held, set())}
    if held in AAPC_ALL:
        met.add("ANY_AAPC")
    if held in AHIMA:
        met.add("ANY_AHIMA")
    if held in CODING:
        met.add("ANY_CODING")
    return met


# --- Canonical codes -------------------------------------------------------------------------


def test_codes_are_exactly_the_canonical_codes_of_domain_md(taxonomy: Taxonomy) -> None:
    assert taxonomy.codes == frozenset(CREDENTIALS) | frozenset(GROUP_TOKENS)


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("cpc-a", "CPC-A"),
        ("CPC", "CPC"),
        ("  rhit ", "RHIT"),
        ("ccs-p", "CCS-P"),
        ("any_aapc", "ANY_AAPC"),
        ("aapc_specialty", "AAPC_SPECIALTY"),
    ],
)
def test_canonical_code_normalizes_case_and_spaces(
    taxonomy: Taxonomy, spelling: str, code: str
) -> None:
    assert taxonomy.canonical_code(spelling) == code


def test_old_name_cpc_h_is_coc(taxonomy: Taxonomy) -> None:
    assert taxonomy.canonical_code("CPC-H") == "COC"


def test_old_name_cpc_h_a_is_coc_a(taxonomy: Taxonomy) -> None:
    assert taxonomy.canonical_code("cpc-h-a") == "COC-A"


@pytest.mark.parametrize("spelling", ["", "XYZ", "CPC-Z", "RHITA", "nurse"])
def test_unknown_spelling_has_no_canonical_code(taxonomy: Taxonomy, spelling: str) -> None:
    assert taxonomy.canonical_code(spelling) is None


@pytest.mark.parametrize("code", CREDENTIALS + GROUP_TOKENS)
def test_every_canonical_code_is_its_own_canonical_code(taxonomy: Taxonomy, code: str) -> None:
    assert taxonomy.canonical_code(code) == code


# --- Same credential --------------------------------------------------------------------------


@pytest.mark.parametrize("code", CREDENTIALS)
def test_every_credential_meets_itself(taxonomy: Taxonomy, code: str) -> None:
    assert taxonomy.meets(code, code)


# --- Apprentice forms -------------------------------------------------------------------------


def test_cpc_meets_cpc_a(taxonomy: Taxonomy) -> None:
    assert taxonomy.meets("CPC", "CPC-A")


def test_coc_meets_coc_a(taxonomy: Taxonomy) -> None:
    assert taxonomy.meets("COC", "COC-A")


def test_cpc_a_does_not_meet_cpc_by_itself(taxonomy: Taxonomy) -> None:
    # An apprentice meets the full credential only through the posting's accepts_apprentice.
    assert not taxonomy.meets("CPC-A", "CPC")


def test_coc_a_does_not_meet_coc_by_itself(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets("COC-A", "COC")


def test_cpc_does_not_meet_coc_a(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets("CPC", "COC-A")


# --- Lower credentials of the same ladder ------------------------------------------------------


def test_rhia_meets_rhit(taxonomy: Taxonomy) -> None:
    assert taxonomy.meets("RHIA", "RHIT")


def test_rhit_does_not_meet_rhia(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets("RHIT", "RHIA")


def test_ccs_meets_cca(taxonomy: Taxonomy) -> None:
    assert taxonomy.meets("CCS", "CCA")


def test_ccs_p_meets_cca(taxonomy: Taxonomy) -> None:
    assert taxonomy.meets("CCS-P", "CCA")


def test_cca_meets_neither_ccs_nor_ccs_p(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets("CCA", "CCS")
    assert not taxonomy.meets("CCA", "CCS-P")


def test_ccs_and_ccs_p_do_not_meet_each_other(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets("CCS", "CCS-P")
    assert not taxonomy.meets("CCS-P", "CCS")


# --- Group tokens ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", AAPC_ALL)
def test_every_aapc_credential_meets_any_aapc(taxonomy: Taxonomy, code: str) -> None:
    assert taxonomy.meets(code, "ANY_AAPC")


@pytest.mark.parametrize("code", ["CPC-A", "COC-A"])
def test_apprentice_forms_meet_any_aapc(taxonomy: Taxonomy, code: str) -> None:
    assert taxonomy.meets_any([code], ["ANY_AAPC"])


@pytest.mark.parametrize("code", [c for c in CREDENTIALS if c not in AAPC_ALL])
def test_non_aapc_credentials_do_not_meet_any_aapc(taxonomy: Taxonomy, code: str) -> None:
    assert not taxonomy.meets(code, "ANY_AAPC")


@pytest.mark.parametrize("code", AHIMA)
def test_every_ahima_credential_meets_any_ahima(taxonomy: Taxonomy, code: str) -> None:
    assert taxonomy.meets(code, "ANY_AHIMA")


@pytest.mark.parametrize("code", [c for c in CREDENTIALS if c not in AHIMA])
def test_non_ahima_credentials_do_not_meet_any_ahima(taxonomy: Taxonomy, code: str) -> None:
    assert not taxonomy.meets(code, "ANY_AHIMA")


@pytest.mark.parametrize("code", CODING)
def test_every_coding_credential_meets_any_coding(taxonomy: Taxonomy, code: str) -> None:
    assert taxonomy.meets(code, "ANY_CODING")


@pytest.mark.parametrize("code", ["CPB", "CDIP", "CCDS", "CCDS-O", "RN", "LPN"])
def test_billing_cdi_and_licences_do_not_meet_any_coding(taxonomy: Taxonomy, code: str) -> None:
    assert not taxonomy.meets(code, "ANY_CODING")


# --- What does not meet ----------------------------------------------------------------------


def test_cpc_does_not_meet_ccs(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets("CPC", "CCS")


def test_ccs_does_not_meet_cpc(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets("CCS", "CPC")


def test_cca_does_not_meet_cpc_a(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets("CCA", "CPC-A")


def test_rn_meets_only_rn(taxonomy: Taxonomy) -> None:
    met = {code for code in taxonomy.codes if taxonomy.meets("RN", code)}
    assert met == {"RN"}


def test_lpn_and_rn_do_not_meet_each_other(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets("LPN", "RN")
    assert not taxonomy.meets("RN", "LPN")


def test_unknown_held_code_meets_nothing(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets("XYZ", "CPC")
    assert not taxonomy.meets("XYZ", "ANY_CODING")


@pytest.mark.parametrize("held", CREDENTIALS)
def test_meets_relation_is_exactly_the_domain_rules(taxonomy: Taxonomy, held: str) -> None:
    met = {required for required in taxonomy.codes if taxonomy.meets(held, required)}
    assert met == expected_met_by(held)


# --- OR-groups -------------------------------------------------------------------------------


def test_meets_any_is_met_by_one_credential_meeting_one_member(taxonomy: Taxonomy) -> None:
    assert taxonomy.meets_any(["CCA", "RHIA"], ["CPC", "RHIT"])


def test_meets_any_is_not_met_when_no_held_credential_meets_a_member(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets_any(["CPC-A", "CCA"], ["CPC", "CCS"])


def test_meets_any_with_nothing_held_is_not_met(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets_any([], ["ANY_CODING"])


def test_meets_any_of_an_empty_group_is_not_met(taxonomy: Taxonomy) -> None:
    assert not taxonomy.meets_any(["CPC"], [])
