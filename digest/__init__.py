"""Subscribers and the weekly digest email: build, render, send."""
