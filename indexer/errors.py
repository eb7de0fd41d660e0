"""CoderMatch's errors.

CoderMatchError          anything CoderMatch reports to a person as one clear line
├── BadPosting           a posting that cannot be read (a bad JSON line, a missing field)
└── UnknownCredential    a credential code that is not in the taxonomy
"""


class CoderMatchError(Exception):
    """Base of every error CoderMatch raises on purpose."""


class BadPosting(CoderMatchError):
    """A posting that cannot be read."""
