"""Tagging a posting: what it requires, where it sits, how it is worked."""
