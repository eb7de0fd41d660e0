"""Tests for indexer.location: reading job locations, placing seekers, measuring distance."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.location import Place, distance_miles, parse_location, resolve_place


def place_of(text: str) -> Place:
    place = parse_location(text).place
    assert place is not None, text
    return place


def test_city_and_state_code_resolve_to_coordinates_and_lowest_zip() -> None:
    austin = place_of("Austin, TX")

    assert (austin.city, austin.state, austin.zip) == ("Austin", "TX", "78701")
    assert austin.latitude == pytest.approx(30.3, abs=0.2)
    assert austin.longitude == pytest.approx(-97.75, abs=0.2)


@pytest.mark.parametrize(
    "text",
    ["Austin, Texas", "austin, tx", "AUSTIN, TX", "Austin TX", "Austin, TX, US", "US-TX-Austin"],
)
def test_spellings_of_austin_all_find_austin(text: str) -> None:
    assert place_of(text) == place_of("Austin, TX")


def test_city_state_and_zip_resolve_to_that_zip() -> None:
    pittsburgh = place_of("Pittsburgh, PA 15213")

    assert (pittsburgh.city, pittsburgh.state, pittsburgh.zip) == ("Pittsburgh", "PA", "15213")
    assert pittsburgh.latitude == pytest.approx(40.444, abs=0.01)


def test_bare_zip_resolves_to_its_own_city() -> None:
    place = place_of("15213")

    assert (place.city, place.state, place.zip) == ("Pittsburgh", "PA", "15213")
    assert place.longitude == pytest.approx(-79.955, abs=0.01)


def test_city_with_only_po_box_zips_still_gets_coordinates() -> None:
    hines = place_of("Hines, Illinois")

    assert (hines.city, hines.state, hines.zip) == ("Hines", "IL", "60141")
    assert hines.latitude is not None


def test_trailing_country_is_ignored() -> None:
    dallas = place_of("Dallas, Texas, United States")
    tulsa = place_of("Tulsa, OK, US")

    assert (dallas.city, dallas.state) == ("Dallas", "TX")
    assert (tulsa.city, tulsa.state) == ("Tulsa", "OK")
    assert dallas.latitude is not None
    assert tulsa.latitude is not None


@pytest.mark.parametrize(
    "text",
    [
        "Remote - US",
        "Remote (US)",
        "US-Remote",
        "Remote",
        "Work from home",
        "Telecommute",
        "remote, united states",
    ],
)
def test_remote_us_is_remote_with_no_place(text: str) -> None:
    assert parse_location(text) == parse_location("Remote")
    assert parse_location(text).is_remote
    assert parse_location(text).place is None


def test_remote_in_a_state_is_remote_with_that_state_and_no_city() -> None:
    parsed = parse_location("Remote - TX")

    assert parsed.is_remote
    assert parsed.place == Place(city=None, state="TX", zip=None, latitude=None, longitude=None)


@pytest.mark.parametrize("text", ["Remote, Austin, TX", "Austin, TX (Remote)"])
def test_remote_with_a_city_is_remote_and_placed(text: str) -> None:
    parsed = parse_location(text)

    assert parsed.is_remote
    assert parsed.place == place_of("Austin, TX")


def test_hybrid_is_not_remote_but_has_its_place() -> None:
    parsed = parse_location("Hybrid - Boston, MA")

    assert not parsed.is_remote
    assert parsed.place is not None
    assert (parsed.place.city, parsed.place.state) == ("Boston", "MA")


def test_office_location_is_not_remote() -> None:
    assert not parse_location("Austin, TX").is_remote


@pytest.mark.parametrize("text", ["Multiple Locations", "United States", "", None, "Austin"])
def test_text_naming_no_state_or_zip_has_no_place(text: str | None) -> None:
    parsed = parse_location(text)

    assert parsed.place is None
    assert not parsed.is_remote


def test_saint_and_fort_abbreviations_match_full_names() -> None:
    assert place_of("St. Louis, MO") == place_of("Saint Louis, Missouri")
    assert place_of("Ft. Worth, TX") == place_of("Fort Worth, TX")
    assert place_of("St. Louis, MO").latitude is not None


def test_district_of_columbia_and_puerto_rico_are_states() -> None:
    assert place_of("Washington, D.C.").state == "DC"
    assert place_of("Washington, District of Columbia").state == "DC"
    assert place_of("San Juan, PR") == place_of("San Juan, Puerto Rico")
    assert place_of("San Juan, PR").latitude is not None


def test_every_state_code_and_name_is_recognised() -> None:
    names = {
        "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
        "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
        "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
        "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
        "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
        "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
        "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
        "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
        "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
        "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
        "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
        "WY": "Wyoming", "DC": "District of Columbia", "PR": "Puerto Rico",
    }  # fmt: skip

    for code, name in names.items():
        assert place_of(f"Remote - {code}").state == code
        assert place_of(f"Remote - {name}").state == code


def test_new_york_city_is_not_mistaken_for_the_state_alone() -> None:
    new_york = place_of("New York, NY")

    assert (new_york.city, new_york.state) == ("New York", "NY")
    assert new_york.latitude == pytest.approx(40.75, abs=0.2)


def test_unknown_city_in_known_state_keeps_city_without_coordinates() -> None:
    assert place_of("Smallvillex, KS") == Place(
        city="Smallvillex", state="KS", zip=None, latitude=None, longitude=None
    )


def test_region_in_place_of_a_city_is_not_kept_as_a_city() -> None:
    assert place_of("Northern Virginia") == Place(
        city=None, state="VA", zip=None, latitude=None, longitude=None
    )


def test_first_of_several_locations_is_used() -> None:
    assert place_of("Springfield, IL; Chicago, IL").city == "Springfield"


def test_distance_from_austin_to_dallas_is_about_190_miles() -> None:
    austin = resolve_place("Austin, TX")
    dallas = resolve_place("Dallas, TX")
    assert austin is not None
    assert dallas is not None

    distance = distance_miles(austin, dallas)

    assert distance is not None
    assert 180 <= distance <= 200


def test_distance_to_itself_is_zero() -> None:
    austin = place_of("78701")

    assert distance_miles(austin, austin) == pytest.approx(0.0)


def test_distance_is_none_without_coordinates() -> None:
    texas = place_of("Remote - TX")

    assert distance_miles(texas, place_of("Austin, TX")) is None


def test_resolve_place_finds_zip_and_city() -> None:
    by_zip = resolve_place("78701")
    by_city = resolve_place("Austin, TX")

    assert by_zip is not None
    assert (by_zip.city, by_zip.zip) == ("Austin", "78701")
    assert by_city == place_of("Austin, TX")


@pytest.mark.parametrize(
    "text", ["Atlantis, ZZ", "Texas", "Smallvillex, KS", "99999", "", "Remote"]
)
def test_resolve_place_is_none_when_it_cannot_be_placed(text: str) -> None:
    assert resolve_place(text) is None


LOCATION_WORDS = st.sampled_from(
    [
        "Remote", "Hybrid", "US", "USA", "TX", "Texas", "New York", "NY", "St.", "Ft.",
        "Austin", "15213", "00000", "12345-6789", "-", "\u2013", ",", "(", ")", "/", ";", "|",
        " or ", "\n", " ", "in", "D.C.", "Work from home",
    ]
)  # fmt: skip


@given(st.text())
def test_parse_location_never_raises_on_any_text(text: str) -> None:
    parsed = parse_location(text)

    assert isinstance(parsed.is_remote, bool)


@given(st.lists(st.one_of(LOCATION_WORDS, st.text(max_size=4)), max_size=20).map("".join))
def test_parse_location_never_raises_on_location_like_text(text: str) -> None:
    parsed = parse_location(text)

    assert parsed.place is None or parsed.place.state is not None
