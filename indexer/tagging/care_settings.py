"""Where the coding happens: the settings of DOMAIN.md, read from the title and the duties.

Each setting has cue phrases. Strong cues decide by themselves; weak ones (a specialty such as
"radiology" or "pediatrics") say "professional" only when no strong cue places the work in a
hospital or clinic. Blurbs, benefits and EEO text are skipped by the caller; credentials never
imply a setting (a CPMA preferred does not make a job an audit job).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SETTINGS = ("inpatient", "outpatient", "professional", "risk_adjustment", "audit", "cdi", "billing")

# Strong cues: any one of them tags its setting. Matched ignoring case, but for acronyms.
_STRONG_CUES: dict[str, str] = {
    "inpatient": (
        r"\binpatient\b|(?-i:\b(?:MS-|APR-)?DRGs?\b|ICD-10-PCS|\bICD-10-CM/PCS\b|\bPCS codes?\b|"
        r"\bCC/MCCs?\b|\bIP coding\b)"
    ),
    "outpatient": (
        r"\boutpatient\b(?!\s+(?:(?!and\b|or\b)\w+\s+)?(?:clinic|mental|behavioral|office|practice|physician|"
        r"provider|therapy|rehab))|\bED facility\b|\bfacility (?:coding|E/?M|levels?|side|charges)|"
        r"\bemergency department\b|\bemergency room\b|\bobservation\b|same[- ]day surgery|"
        r"ambulatory surgery|\bancillary\b|\bAPCs?\b|\bOPPS\b|\boutpatient facility\b|"
        r"\bhospital[- ]based (?:outpatient|clinic)"
    ),
    "professional": (
        r"\bpro[- ]?fee\b|\bprofessional (?:fee|services|coding|E/?M|billing|claims|component|side)|"
        r"\bphysician (?:practice|office|group|services|coding|billing|based|encounters|visits)|"
        r"\bprovider (?:encounters|visits|services|offices?)|\boffice visits?\b|"
        r"\bclinic (?:visits|encounters|notes)\b|(?<!coding )\bclinics?\b|\b(?:E/M|E&M|E/M)\b|"
        r"evaluation and management|multi-?specialty|multiple specialties|specialty (?:clinics|"
        r"practices)|\bsurgeons\b|\bneurosurgeons\b|\bphysicians' (?:offices|services)|"
        r"\bfor (?:our |\d+ )(?:\w+ )?(?:physicians|providers|surgeons)\b|\d+-provider\b|"
        r"\bmedical group\b|\bprimary care\b|(?<!certified )professional coders?\b|\bphysician practices\b"
    ),
    "risk_adjustment": (
        r"risk[- ]adjust\w*|(?-i:\bHCCs?\b|\bRAF\b|\bMEAT\b)|\bhierarchical condition|"
        r"Medicare Advantage"
    ),
    "audit": (
        r"\baudit\w*|\bcoding (?:reviews?|validation|quality review|compliance)|\bcompliance "
        r"(?:reviews?|audits?)|\bvalidat(?:es|ion|or|ing)\b|second-level reviews?|"
        r"\baccuracy reviews?\b|\bquality (?:reviews?|assurance) (?:of|for) coding"
    ),
    "cdi": (
        r"clinical documentation (?:integrity|improvement|specialist|specialists|program|review)|"
        r"documentation (?:integrity|improvement)|(?-i:\bCDI\b) (?:specialist|program|reviews?|"
        r"nurse|analyst|role|position)|(?-i:\bCDS\b)|\bconcurrent review"
    ),
    "billing": (
        r"(?<!pre-)(?<!pre )\bbill(?:s|ed|er|ers)?\b(?! (?:system|department|team|office))|(?<!before )(?<!prior to )"
        r"\bbilling\b(?! "
        r"(?:system|systems|department|team|office|staff|edits?))|\bdenials?\b|\brejections?\b|"
        r"corrected claims|submit(?:s|ting)? (?:\w+ )?claims|claims? (?:submission|follow[- ]up)|"
        r"follow[- ]up on claims|\bA/R\b|accounts receivable|payment posting|post(?:s|ing)? "
        r"(?:\w+ )?payments|\bcollections\b|charge entry|enter(?:s|ing)? charges|\breimbursement\b|"
        r"(?-i:\bEOBs?\b|\bERAs?\b)|\bappeals\b"
    ),
}
# Weak cues: a specialty names professional coding only when nothing else places the work.
_WEAK_PROFESSIONAL = re.compile(
    r"\b(?:family medicine|pediatric\w*|OB/?GYN|radiology|pathology|dermatology|cardiology|"
    r"orthopa?edic\w*|urology|neurology|ophthalmology|anesthesia|gastroenterology|oncology|"
    r"surgical coding|general surgery|behavioral health|mental health)\b",
    re.IGNORECASE,
)
_STRONG = {setting: re.compile(pattern, re.IGNORECASE) for setting, pattern in _STRONG_CUES.items()}
_PLACE_SETTINGS = ("inpatient", "outpatient", "professional")
# Clauses about what a candidate knows or would ideally have, not about the work.
_NOT_ABOUT_THE_WORK = re.compile(
    r"\bknowledge of\b|\bfamiliar\w*\b|\bunderstanding of\b|\bexperience (?:with|in using)\b|"
    r"\bpreferred\b|\ba plus\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SettingsReading:
    """The settings a posting works in, with the text that showed each."""

    settings: tuple[str, ...]
    evidence: dict[str, str]


def read_settings(texts: list[str]) -> SettingsReading:
    """The settings named by the title and duty clauses given (blurbs already left out).

    Credential names should be blanked out of the texts ("Certified Inpatient Coder" names
    a credential, not inpatient work).
    """
    texts = [text for text in texts if not _NOT_ABOUT_THE_WORK.search(text)]
    evidence: dict[str, str] = {}
    for text in texts:
        for setting, cue in _STRONG.items():
            if setting not in evidence and cue.search(text):
                evidence[setting] = text
    if not any(setting in evidence for setting in _PLACE_SETTINGS):
        for text in texts:
            if _WEAK_PROFESSIONAL.search(text):
                evidence["professional"] = text
                break
    settings = tuple(setting for setting in SETTINGS if setting in evidence)
    return SettingsReading(settings, {setting: evidence[setting] for setting in settings})
