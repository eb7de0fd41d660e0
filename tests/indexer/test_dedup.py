"""When two postings are the same job."""

from __future__ import annotations

from indexer.dedup import canonical_url, nearly_same_text, same_job_key, text_sketch
from indexer.location import Place


def test_canonical_urls_drop_tracking_case_fragment_and_trailing_slash() -> None:
    assert canonical_url("HTTP://Jobs.Acme.example/x/12/?utm_source=b&gh_jid=55#apply") == (
        "https://jobs.acme.example/x/12?gh_jid=55"
    )


def test_job_keys_ignore_case_punctuation_senior_and_roman_numerals() -> None:
    austin = Place("Austin", "TX", "78701", 30.3, -97.7)
    assert same_job_key("Acme Health, Inc.", "Sr. Coder II", austin, False) == same_job_key(
        "ACME HEALTH INC", "Senior Coder 2", austin, False
    )
    assert same_job_key("Acme", "Coder", austin, False) != same_job_key("Acme", "Coder", None, True)


def test_nearly_the_same_text_is_the_same_and_different_text_is_not() -> None:
    text = " ".join(f"word{index}" for index in range(200))
    assert nearly_same_text(text_sketch(text), text_sketch(text + " apply today"))
    assert not nearly_same_text(text_sketch(text), text_sketch("inpatient DRG coding " * 20))
