"""Finding the parts of a posting that name things without asking for them.

Company blurbs ("Our coders hold CPC, COC and CRC credentials"), benefits ("we pay for your CRC
exam") and equal-opportunity text name credentials, settings and even "remote" without saying
anything about the job. Clauses under a heading for them are already marked by `segments`;
this finds the ones that stand without a heading (outside requirement sections, where "must
maintain CEUs" is a requirement, not a benefit).
"""

from __future__ import annotations

import re

from indexer.tagging.scan import CueTable
from indexer.tagging.segments import Document, Section

# A company's name: a run of capitalized words ("Riverside University Hospital").
_COMPANY = r"[A-Z][\w&.',-]*(?: (?:[A-Z&][\w&.',-]*|of|and|the))*"
_BLURB_OPENING = re.compile(
    r"^\W*(?:(?i:we are|we're|we have|we serve|we partner|we support|we provide|we help|"
    r"we work with|we deliver|you'll join|you will join|founded|established|headquartered|"
    r"our (?:[a-z-]+ )?(?:mission|vision|values|company|organization|team of|network|system|"
    r"hospitals?|surgeons|doctors|clinicians|coders|staff|rns|nurses|physicians|providers|people|employees|culture|recruiters|clients|"
    r"auditors|founders)\b)|"
    r"[Aa]t [A-Z][\w&.' -]{1,60}, (?:we|our)\b|(?i:join (?:our|a|the) (?:team|family|mission))|"
    rf"{_COMPANY} (?:is|has been) (?:a|an|one of)\b[^.]{{0,80}}\b(?:leading|regional|national|"
    r"nonprofit|non-profit|not-for-profit|premier|growing|award|integrated|academic|community|"
    r"innovative|health|healthcare|medical|physician|technology|company|provider|organization|"
    rf"network|system)|{_COMPANY} (?:partners with|serves|operates|employs)\b)"
)
_BLURB_FIRST_WORDS = frozenset(
    {"we", "we're", "our", "at", "join", "founded", "established", "headquartered", "you'll", "you"}
)
_COMPANY_VERBS = (
    " is a",
    " is an",
    " is one of",
    " has been",
    " partners with",
    " serves",
    " operates",
    " employs",
)
_BENEFIT = CueTable(
    [
        r"401\s?\(?k\)?",
        r"403\s?\(?b\)?",
        r"paid time off\b",
        r"PTO\b",
        r"health insurance\b",
        r"tuition",
        r"medical,? dental\b",
        r"health,? dental\b",
        r"dental (?:and|&) vision\b",
        r"dental insurance\b",
        r"exam (?:voucher|fee|cost)s?\b",
        r"vouchers?\b",
        r"reimburs\w+ (?:for|of) (?:your )?(?:exam|ceu|certification|membership|dues)",
        r"we (?:will )?(?:pay|cover|reimburse) (?:for )?(?:your|the)\b",
        r"paid (?:aapc|ahima) ",
        r"memberships?\b",
        r"ceus?\b",
        r"stipend",
        r"wellness\b",
        r"sign-on bonus\b",
        r"want to (?:earn|obtain|pursue)\b",
        r"opportunit(?:y|ies) to (?:earn|obtain|pursue)\b",
        r"support (?:you )?(?:in )?(?:earning|obtaining)\b",
    ]
)
_EEO = CueTable(
    [
        r"equal (?:employment )?opportunity\b",
        r"EOE\b",
        r"affirmative action\b",
        r"without regard to\b",
        r"reasonable accommodations?\b",
        r"protected (?:veteran|status|class)\b",
        r"background check\b",
        r"drug[- ]free\b",
        r"e-verify\b",
        r"everify\b",
    ]
)


def find_boilerplate(document: Document, employer: str | None = None) -> frozenset[int]:
    """Indexes of clauses that are blurb, benefits or EEO text, headed or not."""
    employer_name = _name_key(employer) if employer and len(employer.strip()) >= 3 else None
    skipped = set(document.hits(_EEO))
    benefits = document.hits(_BENEFIT)
    for index, clause in enumerate(document.clauses):
        if clause.section is Section.IGNORED or (
            clause.section is Section.NEUTRAL
            and not clause.is_title
            and (
                index in benefits
                or (_may_be_blurb(clause.text) and _BLURB_OPENING.match(clause.text))
                or (employer_name is not None and _opens_with(clause.text, employer_name))
            )
        ):
            skipped.add(index)
    skipped.discard(0)
    return frozenset(skipped)


def _may_be_blurb(text: str) -> bool:
    """A cheap test before the blurb regex: its opening words, or a company's verbs."""
    first = text.lstrip(" -*\u2022").split(" ", 1)[0].lower()
    return first in _BLURB_FIRST_WORDS or any(verb in text for verb in _COMPANY_VERBS)


def _opens_with(text: str, employer_name: str) -> bool:
    """Whether a clause opens with the employer's name ("Acme Health is...", "At Acme, ...")."""
    opening = _name_key(text[: len(employer_name) + 8])
    for name in (employer_name, f"at {employer_name}"):
        if opening.startswith(name) and not opening[len(name) : len(name) + 1].isalnum():
            return True
    return False


def _name_key(text: str) -> str:
    return text.strip(" -*\u2022\t").lower()
