"""Finding the parts of a posting that name things without asking for them.

Company blurbs ("Our coders hold CPC, COC and CRC credentials"), benefits ("we pay for your CRC
exam") and equal-opportunity text name credentials, settings and even "remote" without saying
anything about the job. Clauses under a heading for them are already marked by `segments`;
this finds the ones that stand without a heading (outside requirement sections, where "must
maintain CEUs" is a requirement, not a benefit).
"""

from __future__ import annotations

import re

from indexer.tagging.segments import Document, Section

# A company's name: a run of capitalized words ("Riverside University Hospital").
_COMPANY = r"[A-Z][\w&.',-]*(?: (?:[A-Z&][\w&.',-]*|of|and|the))*"
_BLURB_OPENING = re.compile(
    r"^\W*(?:(?i:we are|we're|we have|we serve|we partner|founded|established|headquartered|"
    r"our (?:mission|vision|values|company|organization|team of|network|system|hospitals?|"
    r"coders|staff|rns|nurses|physicians|providers|people|employees|culture|recruiters|clients|"
    r"auditors|founders)\b)|"
    r"[Aa]t [A-Z][\w&.' -]{1,60}, (?:we|our)\b|(?i:join (?:our|a|the) (?:team|family|mission))|"
    rf"{_COMPANY} (?:is|has been) (?:a|an|one of)\b[^.]{{0,80}}\b(?:leading|regional|national|"
    r"nonprofit|non-profit|not-for-profit|premier|growing|award|integrated|academic|community|"
    r"innovative|health|healthcare|medical|physician|technology|company|provider|organization|"
    rf"network|system)|{_COMPANY} (?:partners with|serves|operates|employs)\b)"
)
_BENEFIT = re.compile(
    r"\b(?:401\s?\(?k\)?|403\s?\(?b\)?|paid time off|PTO|health insurance|tuition|"
    r"(?:medical|health),? dental\b|dental (?:and|&) vision|dental insurance|"
    r"exam (?:voucher|fee|cost)s?|vouchers?|reimburs\w+ (?:for|of) (?:your )?(?:exam|ceu|"
    r"certification|membership|dues)|we (?:will )?(?:pay|cover|reimburse) (?:for )?(?:your|the)|"
    r"paid (?:aapc|ahima) |memberships?\b|ceus?\b|stipend|wellness|sign-on bonus|"
    r"want to (?:earn|obtain|pursue)|opportunit(?:y|ies) to (?:earn|obtain|pursue)|"
    r"support (?:you )?(?:in )?(?:earning|obtaining))",
    re.IGNORECASE,
)
_EEO = re.compile(
    r"\b(?:equal (?:employment )?opportunity|EOE\b|affirmative action|without regard to|"
    r"reasonable accommodations?|protected (?:veteran|status|class)|background check|"
    r"drug[- ]free|e-?verify)",
    re.IGNORECASE,
)


def find_boilerplate(document: Document, employer: str | None = None) -> frozenset[int]:
    """Indexes of clauses that are blurb, benefits or EEO text, headed or not."""
    employer_opening = _employer_opening(employer)
    skipped = set()
    for index, clause in enumerate(document.clauses):
        if clause.is_title:
            continue
        text = clause.text
        if clause.section is Section.IGNORED or _EEO.search(text) or (clause.section is Section.NEUTRAL and (
            _BLURB_OPENING.match(text)
            or (employer_opening is not None and employer_opening.match(text))
            or _BENEFIT.search(text)
        )):
            skipped.add(index)
    return frozenset(skipped)


def _employer_opening(employer: str | None) -> re.Pattern[str] | None:
    if not employer or len(employer.strip()) < 3:
        return None
    return re.compile(rf"^\W*(?:at\s+)?{re.escape(employer.strip())}\b", re.IGNORECASE)
