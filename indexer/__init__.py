"""Cleaning, tagging and storing postings: taxonomy, normalization, tagger, stores."""
