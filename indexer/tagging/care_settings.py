"""Where the coding happens: the settings of DOMAIN.md, read from the title and the duties.

Each setting has cue phrases. Strong cues decide by themselves; weak ones (a specialty such as
"radiology" or "pediatrics") say "professional" only when no strong cue places the work in a
hospital or clinic. Boilerplate is skipped, and so are clauses about what a candidate knows
rather than what the job does; credentials never imply a setting (a CPMA preferred does not
make a job an audit job), and their names are blanked by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.tagging.scan import CueTable, Hit
from indexer.tagging.segments import Clause, Document, Section

_EMERGENCY = "emergency"
_AUDIT_TITLE = "audit_title"
_PLACE_WORD = "place"
_EVALUATION_AND_MANAGEMENT = "em"
SETTINGS = ("inpatient", "outpatient", "professional", "risk_adjustment", "audit", "cdi", "billing")

_EMERGENCY = "emergency"
_AUDIT_TITLE = "audit_title"
_PLACE_WORD = "place"
_EVALUATION_AND_MANAGEMENT = "em"
# Strong cues (lower case ignores case; capitals match as written: see `scan`).
_STRONG = CueTable(
    {
        # A place word: a setting, but in a list of E/M service categories only a category.
        _PLACE_WORD + ":inpatient": [r"inpatient\b"],
        "inpatient": [
            r"DRGs?\b",
            r"ICD-10-PCS\b",
            r"ICD-10-CM/PCS\b",
            r"PCS codes?\b",
            r"CC/MCCs?\b",
            r"ip coding\b",
        ],
        # Both hospital settings at once: "Coder IP/OP", "Coder In/Out".
        "inpatient,outpatient": [r"IP/OP\b", r"In/Out\b", r"inpatient and outpatient\b"],
        _PLACE_WORD + ":outpatient": [
            r"outpatient\b(?!\s+(?:(?!and\b|or\b)\w+\s+)?(?:clinic|mental|behavioral|office|"
            r"practice|physician|provider|therapy|rehab))",
            r"observation\b",
        ],
        "outpatient": [
            r"ED facility\b",
            r"facility (?:coding|e/?m|levels?|side|charges)\b",
            r"same[- ]day surgery\b",
            r"ambulatory surgery\b",
            r"ancillary\b",
            r"APCs?\b",
            r"OPPS\b",
            r"hospital[- ]based (?:outpatient|clinic)",
        ],
        # The emergency department is a facility setting unless the clause says pro fee.
        _EMERGENCY: [r"emergency department\b", r"emergency room\b"],
        "professional": [
            r"pro fee\b",
            r"pro-fee\b",
            r"profee\b",
            r"professional (?:fee|services|coding|e/?m|billing|claims|component|side|coders?)\b",
            r"physician (?:practice|office|group|services|coding|billing|based|encounters|visits)",
            r"physicians' (?:offices|services)",
            r"physician practices\b",
            r"provider(?<!from provider) (?:encounters|visits|services|offices?)\b",
            r"office visits?\b",
            r"clinic(?<!hospital-based clinic)(?<!hospital based clinic)"
            r" (?:visits|encounters|notes)\b",
            r"clinics?\b(?<!coding clinic)(?<!coding clinics)(?<!hospital-based clinic)"
            r"(?<!hospital-based clinics)",
            r"multi-specialty\b",
            r"multispecialty\b",
            r"multiple specialties\b",
            r"specialty (?:clinics|practices)\b",
            r"for (?:our |\d+ )(?:\w+ )?(?:physicians|providers|surgeons|neurosurgeons)\b",
            r"medical group\b",
            r"primary care\b",
        ],
        _EVALUATION_AND_MANAGEMENT: [
            r"E/M\b(?<!facility E/M)",
            r"E&M\b",
            r"evaluation and management\b",
        ],
        "risk_adjustment": [
            r"risk[- ]adjustment\b",
            r"HCCs?\b",
            r"RAF\b",
            r"MEAT\b",
            r"hierarchical condition",
            r"medicare advantage\b",
        ],
        "audit": [
            r"audit(?<!radv audit)(?<!payer audit)(?<!external audit)(?<!internal audit)"
            r"(?<!quarterly audit)(?<!monthly audit)(?<!quality audit)",
            r"educat(?:e|es|ing) coders\b",
            r"coding (?:validation|quality review)\b",
            r"compliance audits?\b",
            r"DRG validation\b",
            r"validator\b",
            r"validates (?:\w+ ){0,2}DRG assignment",
            r"quality (?:reviews?|assurance) (?:of|for) coding\b",
        ],
        # Coding education and compliance are audit work when they are the job (its title),
        # not when a coder takes part in them.
        _AUDIT_TITLE: [r"coding educat", r"coding compliance\b", r"compliance review"],
        "cdi": [
            r"clinical documentation (?:integrity|improvement)\b(?! (?:team|department|staff|"
            r"specialists|nurses|program)\b)",
            r"clinical documentation (?:specialist|review)\b",
            r"documentation improvement\b(?! (?:team|department|staff|specialists|nurses|"
            r"opportunit))",
            r"CDI (?:[Ss]pecialist|[Rr]eviews?|[Nn]urse|[Aa]nalyst|[Rr]ole|[Pp]osition)\b",
            r"CDS\b",
            r"concurrent review",
        ],
        "billing": [
            r"bill(?:s|er|ers)?\b(?<!pre-bill)(?<!pre bill)(?! (?:system|department|team|office))",
            r"medical billing\b",
            r"billing (?:and|&) coding\b",
            r"denials?\b",
            r"rejections?\b",
            r"corrected claims\b",
            r"submit(?:s|ting)? (?:\w+ )?claims\b",
            r"claims? (?:submission|follow[- ]up)\b(?<!prior to claim submission)"
            r"(?<!before claim submission)(?<!before claims submission)",
            r"follow[- ]up on claims\b",
            r"A/R\b",
            r"accounts receivable\b",
            r"payment posting\b",
            r"post(?:s|ing)? (?:\w+ )?payments\b",
            r"collections\b",
            r"charge entry\b(?! (?:team|staff|department))",
            r"enter(?:s|ing)? charges\b",
            r"EOBs?\b",
            r"ERAs?\b",
            r"appeals\b",
        ],
    }
)
# Weak cues: a specialty names professional coding only when nothing else places the work.
_WEAK_PROFESSIONAL = CueTable(
    [
        r"family medicine\b",
        r"pediatric",
        r"ob/gyn\b",
        r"obgyn\b",
        r"radiology\b",
        r"pathology\b",
        r"dermatology\b",
        r"cardiology\b",
        r"orthopa?edic",
        r"urology\b",
        r"neurology\b",
        r"ophthalmology\b",
        r"anesthesia\b",
        r"gastroenterology\b",
        r"oncology\b",
        r"surgical coding\b",
        r"general surgery\b",
        r"behavioral health\b",
        r"mental health\b",
    ]
)
# Clauses about what a candidate knows or would ideally have, not about the work.
_NOT_ABOUT_THE_WORK = CueTable(
    [
        r"knowledge of\b",
        r"familiar",
        r"understanding of\b",
        r"experience (?:with|in using)\b",
        r"preferred\b",
        r"a plus\b",
        r"handled by\b",
        r"separate team\b",
        r"another team\b",
    ]
)
_PLACE_SETTINGS = ("inpatient", "outpatient", "professional")
_CODING_WORK = re.compile(r"[\w /&-]{0,25}?\b(?:cod(?:ing|er|ers)|audit)")
_PRO_FEE = re.compile(r"(?i)\bpro[- ]?fee\b|\bprofessional fee\b")


@dataclass(frozen=True)
class SettingsReading:
    """The settings a posting works in, with the text that showed each."""

    settings: tuple[str, ...]
    evidence: dict[str, str]


def read_settings(document: Document, skip: frozenset[int]) -> SettingsReading:
    """The settings named by the title and the work clauses of a posting.

    `document` should have credential names blanked out of its text ("Certified Inpatient
    Coder" names a credential, not inpatient work); `skip` holds boilerplate clauses.
    """
    left_out = skip | document.hits(_NOT_ABOUT_THE_WORK).keys()
    clauses_of: dict[str, list[int]] = {}
    for index, hits in document.hits(_STRONG).items():
        if index in left_out:
            continue
        clause = document.clauses[index]
        asks_for_experience = clause.section in (Section.REQUIRED, Section.PREFERRED)
        for hit in hits:
            if asks_for_experience and not _names_coding_work(document, hit):
                continue  # "experience in a hospital or clinic" says nothing of this job
            for setting in _settings_of(hit, clause, hits):
                clauses_of.setdefault(setting, []).append(index)
    _drop_chart_sources(clauses_of)
    evidence = {setting: document.clauses[found[0]].text for setting, found in clauses_of.items()}
    if not any(setting in evidence for setting in _PLACE_SETTINGS):
        index = next((i for i in document.hits(_WEAK_PROFESSIONAL) if i not in left_out), None)
        if index is not None:
            evidence["professional"] = document.clauses[index].text
    settings = tuple(setting for setting in SETTINGS if setting in evidence)
    return SettingsReading(settings, {setting: evidence[setting] for setting in settings})


def _names_coding_work(document: Document, hit: Hit) -> bool:
    """ "3 years of inpatient coding": a requirement that names the kind of coding."""
    return bool(_CODING_WORK.search(document.lowered, hit.start, hit.end + 30))


def _settings_of(hit: Hit, clause: Clause, hits: list[Hit]) -> list[str]:
    """The settings a hit names, read in its clause.

    The emergency department is professional work where the clause says pro fee; "inpatient",
    "outpatient", "observation" and "emergency department" in a clause about E/M levels are
    categories of E/M service ("office/outpatient, hospital inpatient and observation E/M").
    """
    about_em = any(other.label == _EVALUATION_AND_MANAGEMENT for other in hits)
    if hit.label == _EVALUATION_AND_MANAGEMENT:
        return ["professional"]
    if hit.label == _AUDIT_TITLE:
        return ["audit"] if clause.is_title else []
    if hit.label == _EMERGENCY:
        if about_em:
            return []
        return ["professional"] if _PRO_FEE.search(clause.text) else ["outpatient"]
    if hit.label.startswith(_PLACE_WORD):
        return [] if about_em else [hit.label.split(":")[1]]
    return hit.label.split(",")


def _drop_chart_sources(clauses_of: dict[str, list[int]]) -> None:
    """A risk-adjustment coder reviewing "inpatient and outpatient records" codes neither.

    A place setting named only in clauses that are about risk adjustment is where the charts
    come from, not where the job codes.
    """
    risk_clauses = set(clauses_of.get("risk_adjustment", ()))
    if not risk_clauses:
        return
    for setting in _PLACE_SETTINGS:
        if setting in clauses_of and set(clauses_of[setting]) <= risk_clauses:
            del clauses_of[setting]
