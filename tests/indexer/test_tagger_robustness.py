"""Property tests for tag_posting: it never raises, and its output always fits the tag schema.

Inputs are arbitrary text and text assembled from posting-like fragments (headings, bullets,
credential codes, numbers, "or", "and", ";", "within", "years"), which reach the requirement,
grace and experience readers far more often than random text does.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.tagging.tagger import tag_posting
from indexer.tags import Tags
from indexer.taxonomy import load_taxonomy

SETTINGS = {"inpatient", "outpatient", "professional", "risk_adjustment", "audit", "cdi", "billing"}
ARRANGEMENTS = {"remote", "hybrid", "onsite", None}
EMPLOYMENT_TYPES = {"full_time", "part_time", "contract", "per_diem", "temporary", None}
PERIODS = {"hour", "year"}

_CODES = sorted(load_taxonomy().codes - {"ANY_AAPC", "ANY_AHIMA", "ANY_CODING"})
_SPELLINGS = [
    "C.P.C.",
    "CPC\u00ae",
    "CPC(R)",
    "CPC - A",
    "CPC Apprentice",
    "CPC-H",
    "Certified Professional Coder",
    "Certified Coding Specialist - Physician-based",
    "RHIT/RHIA",
    "AAPC",
    "AHIMA",
    "AAPC or AHIMA certification",
    "coding certification",
    "credentialed coders",
    "CIRCC",
    "CCS Medical",
    "certificate of coverage (COC)",
    "HCPCS",
]
_HEADINGS = [
    "Requirements",
    "Requirements:",
    "Minimum Qualifications",
    "Preferred Qualifications",
    "Required:",
    "Preferred:",
    "Responsibilities",
    "About Us",
    "Benefits",
]
_WORDS = [
    "or",
    "and",
    ";",
    ",",
    ".",
    "/",
    "(",
    ")",
    "within",
    "years",
    "year",
    "months",
    "of hire",
    "experience",
    "required",
    "preferred",
    "must have",
    "must obtain",
    "a plus",
    "one of the following:",
    "either",
    "accepted",
    "not accepted",
    "apprentice",
    "apprentice status removed",
    "no experience necessary",
    "of age",
    "remote",
    "hybrid",
    "onsite",
    "not a remote position",
    "full-time",
    "part-time",
    "per diem",
    "contract",
    "temporary",
    "internship",
    "inpatient",
    "outpatient",
    "HCC",
    "audit",
    "CDI",
    "denials",
    "$21.50 - $27.00 per hour",
    "$55,000 per year",
    "three (5)",
    "eighteen",
    "1-2",
    "2+",
    "one",
    "twelve",
]
_NUMBERS = st.integers(min_value=0, max_value=99).map(str)
_TOKEN = st.one_of(
    st.sampled_from(_CODES), st.sampled_from(_SPELLINGS), st.sampled_from(_WORDS), _NUMBERS
)
_SENTENCE = st.lists(_TOKEN, min_size=1, max_size=12).map(" ".join)
_LINE = st.one_of(
    st.sampled_from(_HEADINGS),
    _SENTENCE,
    _SENTENCE.map(lambda sentence: "- " + sentence),
)
_POSTING = st.lists(_LINE, min_size=0, max_size=10).map("\n".join)
_TITLES = st.sampled_from(
    ["Medical Coder", "Coding Auditor", "CDI Specialist", "Software Engineer", "", "CPC - A"]
)


def assert_fits_schema(tags: Tags) -> None:
    codes = load_taxonomy().codes
    assert isinstance(tags.is_coding_job, bool)
    for group in tags.credentials_required:
        assert group, "an OR-group is never empty"
        assert set(group) <= codes
    assert set(tags.credentials_preferred) <= codes
    assert set(tags.grace_credentials) <= codes
    assert tags.accepts_apprentice in (True, False, None)
    years = tags.min_experience_years
    assert years is None or (isinstance(years, int) and years >= 0)
    months = tags.credential_grace_months
    assert months is None or (isinstance(months, int) and months > 0)
    assert (months is None) == (tags.grace_credentials == ())
    assert set(tags.settings) <= SETTINGS
    assert len(set(tags.settings)) == len(tags.settings)
    assert tags.work_arrangement in ARRANGEMENTS
    assert tags.employment_type in EMPLOYMENT_TYPES
    if tags.salary is not None:
        assert tags.salary.period in PERIODS
    as_dict = tags.to_dict()
    assert Tags.from_dict(as_dict).to_dict() == as_dict


@settings(max_examples=200, deadline=None)
@given(title=st.text(max_size=40), text=st.text(max_size=400))
def test_tag_posting_never_raises_on_arbitrary_text(title: str, text: str) -> None:
    assert_fits_schema(tag_posting(title, text).tags)


@settings(max_examples=200, deadline=None)
@given(title=_TITLES, text=_POSTING)
def test_tag_posting_output_fits_the_schema_on_posting_like_text(title: str, text: str) -> None:
    assert_fits_schema(tag_posting(title, text).tags)


@settings(max_examples=100, deadline=None)
@given(title=_TITLES, text=_POSTING, employer=st.one_of(st.none(), st.text(max_size=30)))
def test_tag_posting_accepts_any_employer_name(title: str, text: str, employer: str | None) -> None:
    assert_fits_schema(tag_posting(title, text, employer=employer).tags)


@settings(max_examples=100, deadline=None)
@given(title=_TITLES, text=_POSTING)
def test_evidence_is_a_map_of_field_names_to_sentences(title: str, text: str) -> None:
    evidence = tag_posting(title, text).evidence
    for field, sentences in evidence.items():
        assert isinstance(field, str)
        assert all(isinstance(sentence, str) for sentence in sentences)
