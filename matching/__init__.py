"""Seeker profiles, ranking of postings with reasons, and the career advisor."""
