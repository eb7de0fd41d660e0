"""The bundled sample postings and the synthetic benchmark postings."""

from __future__ import annotations

from codermatch.demo import sample_postings
from codermatch.synthetic import synthetic_postings
from indexer.html_text import html_to_text
from indexer.models import RawPosting
from indexer.tagging.tagger import tag_posting
from indexer.taxonomy import load_taxonomy


def test_every_sample_posting_is_a_valid_raw_posting_with_canonical_labels() -> None:
    codes = load_taxonomy().codes
    for record in sample_postings():
        RawPosting.model_validate(record)
        labels = record["labels"]
        named = {c for group in labels["credentials_required"] for c in group}
        assert named | set(labels["credentials_preferred"]) <= codes


def test_the_tagger_reads_the_samples_required_credentials_exactly() -> None:
    """Our own labelled sample, in our own words: the required credentials must come out as
    labelled for at least 95% of the coding postings."""
    coding = [record for record in sample_postings() if record["labels"]["is_coding_job"]]
    exact = 0
    for record in coding:
        tags = tag_posting(record["title"], html_to_text(record["description_html"])).tags
        wanted = {frozenset(group) for group in record["labels"]["credentials_required"]}
        exact += {frozenset(group) for group in tags.credentials_required} == wanted
    assert exact / len(coding) >= 0.95


def test_synthetic_postings_are_the_same_every_run_and_of_realistic_length() -> None:
    first = list(synthetic_postings(50))
    again = list(synthetic_postings(50))
    assert first == again
    average = sum(len(posting["text"]) for posting in first) / len(first)
    assert 1500 <= average <= 5000
    assert all(RawPosting.model_validate(posting) for posting in first)
