"""The pages' forms read from the URL: empty means absent, bad values name their field."""

from __future__ import annotations

import pytest
from starlette.datastructures import QueryParams

from api.query_forms import read_profile, read_search
from indexer.search_request import InvalidSearch


def test_empty_fields_are_absent_and_defaults_apply() -> None:
    search = read_search(QueryParams("q=&credential=&near=&radius_miles=&min_salary=&page="))
    assert search.q == ""
    assert search.credential == ()
    assert search.near is None
    assert (search.radius_miles, search.page, search.size) == (50.0, 1, 20)


def test_pay_may_be_typed_with_a_dollar_sign_and_commas() -> None:
    assert read_search(QueryParams("min_salary=%2445%2C000")).min_salary == 45_000


def test_repeated_choices_are_kept_once_in_order() -> None:
    search = read_search(QueryParams("credential=CPC&credential=CCA&credential=CPC"))
    assert search.credential == ("CPC", "CCA")


def test_a_zero_page_is_kept_so_that_the_search_can_refuse_it() -> None:
    assert read_search(QueryParams("page=0")).page == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("experience_years=two", "experience_years"),
        ("min_salary=lots", "min_salary"),
        ("min_salary=nan", "min_salary"),
        ("radius_miles=far", "radius_miles"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_a_value_that_cannot_be_read_names_its_field(query: str, field: str) -> None:
    with pytest.raises(InvalidSearch) as raised:
        read_search(QueryParams(query))
    assert raised.value.parameter == field


def test_match_me_needs_the_years_and_includes_remote_jobs_unless_told_not_to() -> None:
    with pytest.raises(InvalidSearch) as raised:
        read_profile(QueryParams("credential=CPC-A"))
    assert raised.value.parameter == "experience_years"
    assert read_profile(QueryParams("experience_years=0")).remote_ok is True
    assert read_profile(QueryParams("experience_years=0&remote=no")).remote_ok is False
