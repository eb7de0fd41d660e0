"""Tags said in plain words, for people: "CPC or CCS, and RHIT", "1+ yr", "$19-23.50/h",
"Remote"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from indexer.salary import Salary
from indexer.tags import Tags
from indexer.taxonomy import load_taxonomy

if TYPE_CHECKING:
    from indexer.location import Place

_SETTING_WORDS = {
    "inpatient": "inpatient",
    "outpatient": "outpatient facility",
    "professional": "professional fee",
    "risk_adjustment": "risk adjustment",
    "audit": "audit",
    "cdi": "CDI",
    "billing": "billing",
}
_ARRANGEMENT_WORDS = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "On site"}


def describe_required(tags: Tags) -> str:
    """The required credentials as a formula: "(CPC or CCS) and RHIT", or "none"."""
    if not tags.credentials_required:
        return "none"
    groups = [
        " or ".join(_credential(code) for code in group) for group in tags.credentials_required
    ]
    if len(groups) == 1:
        return groups[0]
    return " and ".join(f"({group})" if " or " in group else group for group in groups)


def _credential(code: str) -> str:
    """A code as people read it: itself, or a group token's name ("any AAPC credential")."""
    taxonomy = load_taxonomy()
    return taxonomy.name_of(code) if code in taxonomy.groups else code


def describe_conditions(tags: Tags) -> str:
    """Grace and apprentice conditions: "grace 6 mo: CRC; CPC-A ok"."""
    parts = []
    if tags.credential_grace_months:
        parts.append(
            f"grace {tags.credential_grace_months} mo: {', '.join(tags.grace_credentials)}"
        )
    if tags.accepts_apprentice is True:
        parts.append("apprentices ok")
    elif tags.accepts_apprentice is False:
        parts.append("no apprentices")
    return "; ".join(parts)


def describe_experience(tags: Tags) -> str:
    """ "0 yrs", "2+ yrs", or "not stated"."""
    years = tags.min_experience_years
    if years is None:
        return "not stated"
    return "none" if years == 0 else f"{years}+ yr" + ("s" if years > 1 else "")


def describe_settings(tags: Tags) -> str:
    """The settings in words, or "-"."""
    return ", ".join(_SETTING_WORDS[setting] for setting in tags.settings) or "-"


def describe_arrangement(tags: Tags) -> str:
    """ "Remote", "Hybrid", "On site" or "-"."""
    return _ARRANGEMENT_WORDS.get(tags.work_arrangement or "", "-")


def describe_place(is_remote: bool, place: Place | None) -> str:
    """ "Remote", "Tampa, FL", "FL", or "Place not stated"."""
    if is_remote:
        return "Remote"
    if place is None or not (place.city or place.state):
        return "Place not stated"
    return ", ".join(part for part in (place.city, place.state) if part)


def describe_salary(salary: Salary | None) -> str:
    """ "$19-23.50/h", "$52,000-60,000/yr", "from $44,000/yr", or "-"."""
    if salary is None:
        return "-"
    unit = "/h" if salary.period == "hour" else "/yr"
    low, high = salary.min, salary.max
    if low is not None and high is not None and low != high:
        return f"${_money(low)}-{_money(high)}{unit}"
    if low is not None and high is None:
        return f"from ${_money(low)}{unit}"
    if low is None and high is not None:
        return f"up to ${_money(high)}{unit}"
    return f"${_money(low or high or 0)}{unit}"


def _money(amount: float) -> str:
    if amount >= 1000:
        return f"{amount:,.0f}"
    return f"{amount:.2f}".removesuffix(".00")
