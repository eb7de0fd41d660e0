"""Tests for indexer.salary: reading pay from posting text and from structured fields."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.salary import Salary, annual_salary_usd, parse_salary, salary_from_range

# A realistic 4 KB posting body with numbers, dashes and pay-ish words but no pay in it.
_DUTIES = """Medical Coder II - Outpatient (Remote)
Full-time | Monday-Friday | Eastern time zone

Our revenue cycle team needs an outpatient coder to review provider documentation and assign
ICD-10-CM, CPT and HCPCS Level II codes for clinic, ED and ambulatory surgery encounters.
- Assign E/M levels 99202-99215 per 2021 AMA guidelines.
- Meet productivity standards of 20-25 charts per hour at 95% accuracy.
- Work payer-specific edits and denials within 3 business days.
- CPC, CCS or COC credential and 2-3 years of outpatient coding experience.
Hours are 8:00 - 4:30 local time, 40 hours per week.
Benefits: medical, dental and vision insurance, 403(b) plan with match after 1 year.
"""
_POSTING_WITHOUT_PAY = (_DUTIES * 6)[:4096]


def _parsed(text: str) -> tuple[float | None, float | None, str] | None:
    salary = parse_salary(text)
    return None if salary is None else (salary.min, salary.max, salary.period)


# --- Salary -------------------------------------------------------------------------------


def test_salary_to_dict_has_min_max_and_period() -> None:
    assert Salary(18.5, None, "hour").to_dict() == {"min": 18.5, "max": None, "period": "hour"}


def test_salary_is_immutable() -> None:
    salary = Salary(1.0, 2.0, "hour")
    with pytest.raises(AttributeError):
        salary.min = 3.0  # type: ignore[misc]


# --- hourly ranges and single hourly figures ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$17.50-$21.00 per hour", (17.5, 21.0, "hour")),
        ("Pay is $23.10 - $31.45/hour depending on credentials.", (23.1, 31.45, "hour")),
        ("$19-24/hr", (19.0, 24.0, "hour")),
        ("$20-$24 hourly", (20.0, 24.0, "hour")),
        ("Contract rate $27 - $31 per hour W2", (27.0, 31.0, "hour")),
        ("$18.00 - $22.00 an hour", (18.0, 22.0, "hour")),
        ("$15 to $18 per hour", (15.0, 18.0, "hour")),
        ("USD 20.00 - 25.00 / hr", (20.0, 25.0, "hour")),
        ("$18/hr - $22/hr", (18.0, 22.0, "hour")),
        ("between $16 and $19 per hour", (16.0, 19.0, "hour")),
        ("$21\u2013$26 per hour", (21.0, 26.0, "hour")),
    ],
)
def test_hourly_ranges_are_read_in_every_common_spelling(
    text: str, expected: tuple[float, float, str]
) -> None:
    assert _parsed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$28/hr", (28.0, 28.0, "hour")),
        ("$17.50/hour", (17.5, 17.5, "hour")),
        ("Remote role, $14/hr.", (14.0, 14.0, "hour")),
        ("We pay $26 an hour", (26.0, 26.0, "hour")),
    ],
)
def test_a_single_hourly_figure_is_both_min_and_max(
    text: str, expected: tuple[float, float, str]
) -> None:
    assert _parsed(text) == expected


# --- yearly amounts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salary range $72,000-$95,000", (72000.0, 95000.0, "year")),
        ("Salary: $58,000 - $66,000", (58000.0, 66000.0, "year")),
        ("$52,000-$60,000/year", (52000.0, 60000.0, "year")),
        ("$95,000-$115,000", (95000.0, 115000.0, "year")),
        ("$40298 - $80412 Per Year", (40298.0, 80412.0, "year")),
        ("$50k-$60k", (50000.0, 60000.0, "year")),
        ("$50K - $60K annually", (50000.0, 60000.0, "year")),
        ("$48,000.00 to $62,000.00 per annum", (48000.0, 62000.0, "year")),
    ],
)
def test_yearly_salaries_are_read_with_or_without_a_stated_period(
    text: str, expected: tuple[float, float, str]
) -> None:
    assert _parsed(text) == expected


def test_unstated_period_small_amounts_mean_hourly() -> None:
    assert _parsed("Pay range: $19 - $23") == (19.0, 23.0, "hour")


def test_unstated_period_amounts_between_200_and_1000_are_dropped() -> None:
    assert parse_salary("Pay: $400 - $600") is None


# --- open-ended pay -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Starting salary $44,000", (44000.0, None, "year")),
        ("Coders start at $19.25/hr.", (19.25, None, "hour")),
        ("starting at $18/hr", (18.0, None, "hour")),
        ("from $20 per hour", (20.0, None, "hour")),
        ("Compensation: $65,000+ DOE", (65000.0, None, "year")),
        ("$22/hr and up based on experience", (22.0, None, "hour")),
    ],
)
def test_starting_amounts_give_a_minimum_only(text: str, expected: tuple[float, None, str]) -> None:
    assert _parsed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("up to $25/hr", (None, 25.0, "hour")),
        ("Earn as much as $70,000 per year", (None, 70000.0, "year")),
    ],
)
def test_up_to_amounts_give_a_maximum_only(text: str, expected: tuple[None, float, str]) -> None:
    assert _parsed(text) == expected


# --- several amounts ------------------------------------------------------------------------


def test_several_hourly_amounts_span_lowest_to_highest() -> None:
    assert _parsed("$15.50/hour during training, $18/hour after") == (15.5, 18.0, "hour")


def test_a_starting_rate_and_a_ceiling_combine_into_one_range() -> None:
    text = "Starting pay $18/hr.\nExperienced coders earn up to $24/hr."
    assert _parsed(text) == (18.0, 24.0, "hour")


def test_the_first_explicit_period_wins_over_an_equivalent_in_another_period() -> None:
    assert _parsed("$22/hr ($45,760 annually)") == (22.0, 22.0, "hour")


def test_an_explicit_period_wins_over_a_bare_range() -> None:
    text = "Team of $95,000-$115,000 earners. This role pays $30/hr."
    assert _parsed(text) == (30.0, 30.0, "hour")


# --- day, week and month pay ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$4,000 per month", (48000.0, 48000.0, "year")),
        ("$800 - $1,000 weekly", (41600.0, 52000.0, "year")),
        ("$200/day", (52000.0, 52000.0, "year")),
        ("$3,500 monthly", (42000.0, 42000.0, "year")),
        ("$1,900 bi-weekly", (49400.0, 49400.0, "year")),
    ],
)
def test_day_week_and_month_pay_becomes_yearly(
    text: str, expected: tuple[float, float, str]
) -> None:
    assert _parsed(text) == expected


# --- money that is not pay ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "$2,500 sign-on bonus for certified coders",
        "Signing bonus: $3,000",
        "Referral bonus of $500 per hire",
        "Retention bonus $1,500 per year",
        "Annual CEU stipend of $750",
        "Tuition reimbursement up to $5,250 per year",
        "Relocation assistance up to $10,000",
        "Home office allowance $50 per month",
        "403(b) with $0 premiums on the base plan",
        "We contribute $1,000 toward your exam",
        "A $5M revenue practice",
        "You will work $2M in claims each quarter",
        "Handle collections of $500,000 monthly",
        "Work an AR balance of $250,000 per year",
        "Life insurance of $50,000 per year",
        "HSA contribution $1,200 per year",
    ],
)
def test_bonuses_benefits_and_business_money_are_not_pay(text: str) -> None:
    assert parse_salary(text) is None


def test_pay_is_still_found_next_to_a_bonus() -> None:
    assert _parsed("Pay: $20/hr plus a $1,000 sign-on bonus") == (20.0, 20.0, "hour")


def test_pay_is_still_found_after_a_bonus_sentence() -> None:
    assert _parsed("Sign-on bonus: $2,000. Base pay is $21/hr") == (21.0, 21.0, "hour")


def test_bonus_potential_after_the_pay_does_not_hide_it() -> None:
    assert _parsed("$20/hr with bonus potential") == (20.0, 20.0, "hour")


def test_overtime_and_shift_differentials_do_not_widen_the_pay() -> None:
    text = "Pay: $20/hr\nOvertime: $30/hr\nShift differential of $3/hr"
    assert _parsed(text) == (20.0, 20.0, "hour")


def test_a_job_title_with_collections_in_it_does_not_hide_the_pay() -> None:
    assert _parsed("Collections Specialist: $19/hr") == (19.0, 19.0, "hour")


# --- pay context ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We serve 45,000 patients a year and bought $45,000 of scanners",
        "Our clinic spent $60,000 on new equipment.",
        "Parking costs $30.",
    ],
)
def test_a_lone_amount_without_pay_context_is_ignored(text: str) -> None:
    assert parse_salary(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salary: $61,000", (61000.0, 61000.0, "year")),
        ("Compensation $24", (24.0, 24.0, "hour")),
        ("Hourly rate: $23.75", (23.75, 23.75, "hour")),
        ("The pay range for this role is $55,000 - $68,000.", (55000.0, 68000.0, "year")),
        ("Base pay $70,000 plus benefits", (70000.0, 70000.0, "year")),
        ("Wage: $19", (19.0, 19.0, "hour")),
        ("Rate: $45", (45.0, 45.0, "hour")),
    ],
)
def test_a_pay_label_in_the_sentence_gives_an_amount_pay_context(
    text: str, expected: tuple[float, float, str]
) -> None:
    assert _parsed(text) == expected


def test_a_pay_label_on_another_line_does_not_count() -> None:
    assert parse_salary("Salary: competitive\nWe manage $61,000 of supplies") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pay: 18.00 - 22.00 per hour", (18.0, 22.0, "hour")),
        ("Salary: 52,000 - 58,000", (52000.0, 58000.0, "year")),
        ("Pay: 18 - 22 per hour", (18.0, 22.0, "hour")),
        ("Annual salary 50k-60k", (50000.0, 60000.0, "year")),
        ("Pay range: 20.50 to 24.00 hourly", (20.5, 24.0, "hour")),
    ],
)
def test_ranges_without_a_dollar_sign_are_read_in_a_pay_context(
    text: str, expected: tuple[float, float, str]
) -> None:
    assert _parsed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2-3 years of experience required",
        "E/M levels 99202-99215",
        "Hours 8:00 - 4:30",
        "Productivity of 15-20 per hour",
        "Shift 7 - 3 daily",
    ],
)
def test_plain_number_ranges_are_not_pay(text: str) -> None:
    assert parse_salary(text) is None


def test_no_pay_at_all_gives_none() -> None:
    assert parse_salary("Remote medical coder. CPC required. Great team.") is None


def test_empty_text_gives_none() -> None:
    assert parse_salary("") is None


def test_pay_is_found_inside_a_long_posting() -> None:
    text = _DUTIES + "\nCompensation\nPay: $22.00 - $27.50 per hour\n" + _DUTIES
    assert _parsed(text) == (22.0, 27.5, "hour")


def test_a_long_posting_without_pay_gives_none() -> None:
    assert parse_salary(_POSTING_WITHOUT_PAY) is None


# --- implausible values ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "$5/hr",
        "$6.99 per hour",
        "$350/hr",
        "$9,000 per year",
        "$1,200,000 per year",
        "Salary: $5,000",
    ],
)
def test_implausible_pay_is_dropped(text: str) -> None:
    assert parse_salary(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$7/hr", (7.0, 7.0, "hour")),
        ("$300/hr", (300.0, 300.0, "hour")),
        ("$10,000 per year", (10000.0, 10000.0, "year")),
        ("$1,000,000 per year", (1000000.0, 1000000.0, "year")),
    ],
)
def test_plausibility_bounds_are_inclusive(text: str, expected: tuple[float, float, str]) -> None:
    assert _parsed(text) == expected


def test_an_implausible_amount_does_not_widen_the_real_pay() -> None:
    assert _parsed("$21/hr, shift pay of $2/hr on weekends") == (21.0, 21.0, "hour")


# --- never raises ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_salary_never_raises_on_arbitrary_text(text: str) -> None:
    result = parse_salary(text)
    assert result is None or result.period in ("hour", "year")


_MONEYISH = st.text(
    alphabet=st.sampled_from(list("$0123456789.,-k/ perhouryanlmtwd:+\u2013\n")), max_size=60
)


@settings(max_examples=300, deadline=None)
@given(_MONEYISH)
def test_parsed_pay_is_plausible_and_ordered_on_money_like_text(text: str) -> None:
    result = parse_salary(text)
    if result is not None:
        floor, ceiling = (7.0, 300.0) if result.period == "hour" else (10_000.0, 1_000_000.0)
        bounds = [v for v in (result.min, result.max) if v is not None]
        assert bounds
        assert all(floor <= v <= ceiling for v in bounds)
        assert result.min is None or result.max is None or result.min <= result.max


# --- salary_from_range ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "interval", ["per-hour-wage", "HOUR", "PH", "hourly", "1 HOUR", "Per Hour"]
)
def test_structured_hourly_intervals_are_recognised(interval: str) -> None:
    assert salary_from_range(18, 24, interval) == Salary(18.0, 24.0, "hour")


@pytest.mark.parametrize("interval", ["per-year-salary", "YEAR", "PA", "yearly", "Annual"])
def test_structured_yearly_intervals_are_recognised(interval: str) -> None:
    assert salary_from_range(50000, 60000, interval) == Salary(50000.0, 60000.0, "year")


@pytest.mark.parametrize(
    ("minimum", "maximum", "interval", "expected"),
    [
        (200, 250, "DAY", Salary(52000.0, 65000.0, "year")),
        (900, 1000, "WEEK", Salary(46800.0, 52000.0, "year")),
        (4000, 5000, "MONTH", Salary(48000.0, 60000.0, "year")),
        (4000, None, "monthly", Salary(48000.0, None, "year")),
    ],
)
def test_structured_day_week_and_month_pay_becomes_yearly(
    minimum: float, maximum: float | None, interval: str, expected: Salary
) -> None:
    assert salary_from_range(minimum, maximum, interval) == expected


def test_structured_numbers_may_be_strings() -> None:
    assert salary_from_range("48000.0", "52,000", "YEAR") == Salary(48000.0, 52000.0, "year")


@pytest.mark.parametrize(
    ("minimum", "maximum", "interval", "expected"),
    [
        (21, 26, None, Salary(21.0, 26.0, "hour")),
        ("55000", "65000", "per-visit", Salary(55000.0, 65000.0, "year")),
        (21, 26, "", Salary(21.0, 26.0, "hour")),
    ],
)
def test_structured_unknown_interval_is_inferred_from_magnitude(
    minimum: float | str, maximum: float | str, interval: str | None, expected: Salary
) -> None:
    assert salary_from_range(minimum, maximum, interval) == expected


def test_structured_one_sided_ranges_keep_the_missing_side_empty() -> None:
    assert salary_from_range(None, 30, "HOUR") == Salary(None, 30.0, "hour")
    assert salary_from_range("19.5", None, "HOUR") == Salary(19.5, None, "hour")


def test_structured_swapped_bounds_are_put_in_order() -> None:
    assert salary_from_range(26, 21, "HOUR") == Salary(21.0, 26.0, "hour")


@pytest.mark.parametrize(
    ("minimum", "maximum", "interval"),
    [
        (None, None, "HOUR"),
        ("", "n/a", "YEAR"),
        (0, 0, "HOUR"),
        (400, 600, None),  # ambiguous magnitude, no interval
        (1800, 2400, "HOUR"),  # cents are not handled here
        (5000, 6000, "YEAR"),  # implausibly low salary
        (float("nan"), float("inf"), "YEAR"),
    ],
)
def test_structured_unusable_values_give_none(
    minimum: float | str | None, maximum: float | str | None, interval: str | None
) -> None:
    assert salary_from_range(minimum, maximum, interval) is None


# --- annual_salary_usd ----------------------------------------------------------------------


def test_annual_salary_of_hourly_pay_uses_2080_hours() -> None:
    assert annual_salary_usd(Salary(20.0, 25.0, "hour")) == (41600.0, 52000.0)


def test_annual_salary_of_yearly_pay_is_unchanged() -> None:
    assert annual_salary_usd(Salary(50000.0, None, "year")) == (50000.0, None)


def test_annual_salary_keeps_a_missing_minimum_missing() -> None:
    assert annual_salary_usd(Salary(None, 30.0, "hour")) == (None, 62400.0)
