"""DOMAIN.md's eligibility rules, one small example each, verdicts with their reasons."""

from __future__ import annotations

from indexer.eligibility import (
    Verdict,
    is_entry_level,
    judge,
    judge_credentials,
    judge_experience,
    pays_enough,
    required_groups,
    within_reach,
)
from indexer.tags import Tags


def _tags(**fields: object) -> Tags:
    return Tags(is_coding_job=True, **fields)  # type: ignore[arg-type]


def test_a_cpc_a_meets_a_group_naming_cpc_a() -> None:
    judgement = judge_credentials(_tags(credentials_required=(("CPC-A", "CCA"),)), {"CPC-A"})
    assert judgement.verdict is Verdict.ELIGIBLE
    assert judgement.reasons == ("Your CPC-A meets 'CPC-A or CCA required'",)


def test_cpc_meets_a_cpc_a_requirement() -> None:
    judgement = judge_credentials(_tags(credentials_required=(("CPC-A",),)), frozenset({"CPC"}))
    assert judgement.verdict is Verdict.ELIGIBLE


def test_rhia_meets_rhit_and_ccs_meets_cca() -> None:
    tags = _tags(credentials_required=(("RHIT",), ("CCA",)))
    assert judge_credentials(tags, frozenset({"RHIA", "CCS"})).verdict is Verdict.ELIGIBLE


def test_cpc_does_not_meet_ccs() -> None:
    judgement = judge_credentials(_tags(credentials_required=(("CCS",),)), frozenset({"CPC"}))
    assert judgement.verdict is Verdict.OUT
    assert judgement.reasons == ("Requires CCS, which you do not hold",)


def test_an_apprentice_meets_the_full_credential_where_apprentices_are_accepted() -> None:
    tags = _tags(credentials_required=(("CPC", "CCA"),), accepts_apprentice=True)
    assert judge_credentials(tags, frozenset({"CPC-A"})).reasons == (
        "Your CPC-A meets 'CPC or CCA required'",
    )


def test_an_apprentice_is_a_stretch_where_the_posting_is_silent() -> None:
    judgement = judge_credentials(_tags(credentials_required=(("CPC",),)), frozenset({"CPC-A"}))
    assert judgement.verdict is Verdict.STRETCH
    assert judgement.reasons == (
        "CPC is required and the posting does not say whether CPC-A is accepted: a stretch",
    )


def test_an_apprentice_is_out_where_apprentices_are_turned_away() -> None:
    tags = _tags(credentials_required=(("CPC",),), accepts_apprentice=False)
    judgement = judge_credentials(tags, frozenset({"CPC-A"}))
    assert judgement.verdict is Verdict.OUT
    assert judgement.reasons == ("CPC is required and CPC-A is not accepted",)


def test_any_aapc_is_met_by_an_apprentice_form_unless_apprentices_are_turned_away() -> None:
    silent = _tags(credentials_required=(("ANY_AAPC",),))
    excluded = _tags(credentials_required=(("ANY_AAPC",),), accepts_apprentice=False)
    assert judge_credentials(silent, frozenset({"COC-A"})).verdict is Verdict.ELIGIBLE
    assert judge_credentials(excluded, frozenset({"COC-A"})).verdict is Verdict.OUT
    assert judge_credentials(silent, frozenset({"CRC"})).reasons == (
        "Your CRC meets 'any AAPC credential required'",
    )


def test_any_coding_is_met_by_cbcs_but_not_by_cpb() -> None:
    tags = _tags(credentials_required=(("ANY_CODING",),))
    assert judge_credentials(tags, frozenset({"CBCS"})).verdict is Verdict.ELIGIBLE
    assert judge_credentials(tags, frozenset({"CPB"})).verdict is Verdict.OUT


def test_an_rn_meets_only_rn() -> None:
    tags = _tags(credentials_required=(("RN", "RHIA"),))
    assert judge_credentials(tags, frozenset({"RN"})).verdict is Verdict.ELIGIBLE
    assert judge_credentials(
        _tags(credentials_required=(("CCS",),)), frozenset({"RN"})
    ).verdict is (Verdict.OUT)


def test_every_group_of_an_and_must_be_met() -> None:
    tags = _tags(credentials_required=(("RHIT",), ("CCS", "CIC")))
    assert judge_credentials(tags, frozenset({"RHIT", "CIC"})).verdict is Verdict.ELIGIBLE
    judgement = judge_credentials(tags, frozenset({"RHIT"}))
    assert judgement.verdict is Verdict.OUT
    assert judgement.reasons[-1] == "Requires CCS or CIC, which you do not hold"


def test_grace_meets_the_group_it_covers_on_hire() -> None:
    tags = _tags(
        credentials_required=(("RN", "RHIA"), ("CCDS", "CDIP")),
        credential_grace_months=12,
        grace_credentials=("CCDS", "CDIP"),
    )
    judgement = judge_credentials(tags, frozenset({"RHIA"}))
    assert judgement.verdict is Verdict.ELIGIBLE
    assert (
        judgement.reasons[1] == "CCDS or CDIP is required; you may earn it within 12 months of hire"
    )


def test_grace_does_not_cover_a_group_it_does_not_name() -> None:
    tags = _tags(
        credentials_required=(("RN", "RHIA"), ("CCDS", "CDIP")),
        credential_grace_months=12,
        grace_credentials=("CCDS", "CDIP"),
    )
    assert judge_credentials(tags, frozenset({"CPC"})).verdict is Verdict.OUT


def test_grace_never_covers_a_licence() -> None:
    tags = _tags(
        credentials_required=(("RN",),), credential_grace_months=6, grace_credentials=("RN",)
    )
    assert judge_credentials(tags, frozenset()).verdict is Verdict.OUT


def test_no_requirement_is_eligible_and_says_so() -> None:
    assert judge_credentials(_tags(), frozenset()).reasons == ("No credential is required",)


def test_enough_experience_is_eligible() -> None:
    judgement = judge_experience(_tags(min_experience_years=2), 3)
    assert judgement.verdict is Verdict.ELIGIBLE
    assert judgement.reasons == ("Requires 2 years; you have 3",)


def test_one_year_short_is_a_stretch() -> None:
    judgement = judge_experience(_tags(min_experience_years=1), 0)
    assert judgement.verdict is Verdict.STRETCH
    assert judgement.reasons == ("Requires 1 year; you have 0: a stretch",)


def test_two_years_short_is_out() -> None:
    assert judge_experience(_tags(min_experience_years=2), 0).verdict is Verdict.OUT


def test_unstated_experience_counts_as_none() -> None:
    assert judge_experience(_tags(), 0).reasons == ("No experience required",)


def test_judge_takes_the_worst_verdict_with_every_reason() -> None:
    tags = _tags(credentials_required=(("CPC",),), min_experience_years=1)
    judgement = judge(tags, {"CPC-A"}, 0)
    assert judgement.verdict is Verdict.STRETCH
    assert len(judgement.reasons) == 2


def test_entry_level_needs_an_entry_credential_and_no_experience() -> None:
    assert is_entry_level("Medical Coder I", _tags(credentials_required=(("CPC", "CCA"),)))
    assert is_entry_level("Coder", _tags(credentials_required=(("CPC",),), min_experience_years=1))
    assert not is_entry_level("Coder", _tags(min_experience_years=2))
    assert not is_entry_level("Coder", _tags(credentials_required=(("CCS",),)))


def test_a_cpc_posting_that_turns_apprentices_away_is_not_entry_level() -> None:
    tags = _tags(credentials_required=(("CPC",),), accepts_apprentice=False)
    assert not is_entry_level("Medical Coder", tags)


def test_senior_titles_are_not_entry_level() -> None:
    for title in ("Coder III", "Senior Coder", "Lead Coder", "Coding Supervisor", "Coder 3"):
        assert not is_entry_level(title, _tags())
    assert is_entry_level("Coder II", _tags())


def test_required_groups_list_who_meets_them_and_grace() -> None:
    tags = _tags(
        credentials_required=(("CPC",), ("CRC",)),
        credential_grace_months=6,
        grace_credentials=("CRC",),
    )
    cpc, crc = required_groups(tags)
    assert cpc.met_by == frozenset({"CPC"})
    assert not cpc.covered_by_grace
    assert crc.covered_by_grace


def test_required_groups_admit_apprentice_forms_only_where_accepted() -> None:
    accepted = _tags(credentials_required=(("CPC", "CCS"),), accepts_apprentice=True)
    silent = _tags(credentials_required=(("CPC", "CCS"),))
    assert required_groups(accepted)[0].met_by == frozenset({"CPC", "CPC-A", "CCS"})
    assert required_groups(silent)[0].met_by == frozenset({"CPC", "CCS"})


def test_place_within_the_radius_or_remote_when_wanted() -> None:
    near = within_reach(12.4, is_remote=False, radius_miles=50, remote_ok=True, place_given=True)
    far = within_reach(80, is_remote=False, radius_miles=50, remote_ok=True, place_given=True)
    remote = within_reach(900, is_remote=True, radius_miles=50, remote_ok=True, place_given=True)
    unwanted = within_reach(900, is_remote=True, radius_miles=50, remote_ok=False, place_given=True)
    assert near.reasons == ("12 miles away",)
    assert far.verdict is Verdict.OUT
    assert remote.reasons == ("Remote",)
    assert unwanted.verdict is Verdict.OUT


def test_without_a_place_every_job_is_within_reach() -> None:
    judgement = within_reach(
        None, is_remote=False, radius_miles=50, remote_ok=False, place_given=False
    )
    assert judgement.verdict is Verdict.ELIGIBLE


def test_pay_topping_out_below_the_minimum_is_out_and_unstated_pay_stays() -> None:
    assert pays_enough((40_000, 45_000), 50_000).verdict is Verdict.OUT
    assert pays_enough((40_000, 55_000), 50_000).verdict is Verdict.ELIGIBLE
    assert pays_enough((52_000, None), 50_000).verdict is Verdict.ELIGIBLE
    assert pays_enough(None, 50_000).reasons == ("Pay not stated",)
