"""Synthetic postings of realistic length and variety, for benchmarks.

Each is built from the parts real coding postings have (a company blurb, duties, requirements,
preferred qualifications, schedule and pay, benefits, EEO text), drawn with a seeded random
generator, so a run of N postings is the same every time.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from html import escape
from typing import Any

_TITLES = (
    "Medical Coder I", "Medical Coder II", "Coding Specialist - Outpatient", "Inpatient Coder",
    "Risk Adjustment Coder", "Coding Auditor", "Clinical Documentation Specialist",
    "Pro Fee Coder - Surgery", "ED Facility Coder", "HCC Coding Specialist", "Coder III",
    "Entry Level Medical Coder", "Senior Coding Quality Auditor", "Medical Billing Specialist",
    "Patient Access Representative", "Health Information Technician - Coding",
)  # fmt: skip
_EMPLOYERS = (
    "Northwind Health", "Riverbend Medical Group", "Summit Coding Partners", "Lakeshore Hospital",
    "Prairie Risk Analytics", "Coastal Physicians Alliance", "Blue Ridge Health System",
    "Desert Valley Clinic", "Harbor Revenue Cycle", "Maple County Medical Center",
)  # fmt: skip
_PLACES = (
    "Austin, TX", "Columbus, OH", "Denver, CO", "Tampa, FL", "Nashville, TN", "Remote - US",
    "Pittsburgh, PA", "Phoenix, AZ", "Raleigh, NC", "Remote (TX)", "Boise, ID", "Omaha, NE",
)  # fmt: skip
_BLURBS = (
    "{employer} is a regional health system with five acute care hospitals, 60 clinics and "
    "more than 9,000 employees, including RNs, physicians and HIM professionals. Our coding "
    "team holds CPC, CCS, RHIT and CRC credentials and serves patients across the region.",
    "At {employer}, we partner with more than 200 physician practices nationwide. Our coders "
    "hold AAPC and AHIMA credentials, and we have been named a top workplace three years running.",
)
_SUMMARIES = (
    "The {title} reviews clinical documentation and assigns accurate diagnosis and procedure "
    "codes in line with official coding guidelines, payer policies and department standards. "
    "You will work with providers, CDI specialists and the revenue cycle team to keep claims "
    "clean and documentation complete, and you will keep up with annual code set updates.",
    "Reporting to the Coding Manager, the {title} codes encounters accurately and on time, "
    "resolves coding-related edits, and takes part in ongoing education. This role supports "
    "our mission by making sure every encounter is documented, coded and billed correctly.",
)
_DUTIES = {
    "professional": (
        "Assign CPT, HCPCS and ICD-10-CM codes to office visits and procedures for 40 providers.",
        "Review provider documentation to support E/M levels and modifiers.",
    ),
    "outpatient": (
        "Code hospital outpatient surgery, ED facility and observation accounts.",
        "Resolve OCE and medical necessity edits on outpatient claims.",
    ),
    "inpatient": (
        "Assign ICD-10-CM and ICD-10-PCS codes to inpatient discharges and validate the MS-DRG.",
        "Query physicians for clarification of conflicting documentation.",
    ),
    "risk_adjustment": (
        "Review Medicare Advantage charts and abstract supported HCC diagnoses with MEAT support.",
        "Identify unsupported HCCs and document findings for the risk adjustment team.",
    ),
    "audit": (
        "Audit coded encounters for accuracy and deliver education to coders and providers.",
        "Prepare audit reports with findings, trends and financial impact.",
    ),
    "billing": (
        "Work coding denials and rejections and submit corrected claims.",
        "Follow up on unpaid claims in the A/R work queue.",
    ),
}
_CREDENTIAL_LINES = (
    "CPC, CCS or RHIT certification required.",
    "Must hold an active CPC or COC credential. CPC-A will be considered.",
    "CCS required; CDIP or CCDS a plus.",
    "CRC required, or must obtain CRC within 6 months of hire.",
    "AAPC or AHIMA coding certification required. Apprentice designations are not accepted.",
    "Either a CPC or CCA credential, or two years of coding experience, or an HIT degree.",
    "RHIT and CCS or CIC required.",
    "Coding certification preferred but not required.",
)
_EXPERIENCE_LINES = (
    "Minimum of two (2) years of coding experience in a hospital setting.",
    "1-2 years of professional fee coding experience.",
    "No experience necessary; training provided.",
    "3+ years of inpatient coding experience required.",
    "Eighteen months of risk adjustment coding experience.",
    "Experience with Epic and 3M encoder preferred.",
)
# One specialty a posting, each in about one posting in a hundred: words a search finds rarely.
SPECIALTIES = tuple(
    f"{organ}{suffix}"
    for organ in (
        "nephro", "cardio", "gastroentero", "neuro", "pulmono", "rheumato", "dermato", "hemato",
        "oto", "uro", "endocrino", "immuno", "onco", "ophthalmo", "podia", "radio", "patho",
        "anesthesio", "geronto", "toxico",
    )
    for suffix in ("logy", "logic", "logist", "logies", "logical")
)  # fmt: skip
_OTHER_REQUIREMENTS = (
    "Working knowledge of medical terminology, anatomy and physiology, and pharmacology.",
    "Proficiency with encoder software and electronic health records such as Epic or Cerner.",
    "High school diploma or GED required; associate degree in HIM preferred.",
    "Strong knowledge of ICD-10-CM, CPT and HCPCS guidelines.",
    "Ability to meet productivity of 2.5 charts per hour and 95% accuracy.",
    "Reliable high-speed internet and a private, HIPAA-compliant workspace.",
)
_SCHEDULES = (
    "Full-time, Monday through Friday, 8:00 a.m. to 4:30 p.m. 100% remote within the US.",
    "Part-time, 24 hours per week. Hybrid: two days on site, three from home.",
    "Full time, on site at our downtown campus. Day shift.",
    "Per diem, flexible schedule, work from home after training.",
    "Contract position (13 weeks) with possible extension; remote.",
)
_PAY_LINES = (
    "Pay range: ${low}.00 - ${high}.00 per hour, based on credentials and experience.",
    "Salary range: ${low},000 - ${high},000 per year.",
    "Compensation: ${low} to ${high} an hour.",
)
_BENEFITS = (
    "Benefits include medical, dental and vision insurance, a 403(b) with match, paid time off, "
    "tuition assistance, AAPC or AHIMA membership and paid CEUs. We pay for your CRC exam after "
    "one year, and coders who want to earn a specialty credential get exam vouchers.",
)
_EEO = (
    "{employer} is an Equal Opportunity Employer. All qualified applicants will receive "
    "consideration for employment without regard to race, color, religion, sex, sexual "
    "orientation, gender identity, national origin, disability or protected veteran status. "
    "Reasonable accommodations are available on request. Offers are contingent on a "
    "background check and drug screen.",
)


def synthetic_postings(
    count: int, *, seed: int = 2026, first_number: int = 0
) -> Iterator[dict[str, Any]]:
    """`count` raw postings (ingest fields), each with its plain `text` and `description_html`,
    numbered from `first_number` (their source ids and URLs)."""
    rng = random.Random(seed)
    for number in range(first_number, first_number + count):
        employer = rng.choice(_EMPLOYERS)
        title = rng.choice(_TITLES)
        sections = _sections(rng, employer, title)
        yield {
            "source": "synthetic",
            "source_id": str(number),
            "url": f"https://jobs.example.org/synthetic/{number}",
            "title": title,
            "employer": employer,
            "location": rng.choice(_PLACES),
            "text": "\n".join(line for heading, items in sections for line in (heading, *items)),
            "description_html": "".join(
                _section_html(heading, items) for heading, items in sections
            ),
        }


def _section_html(heading: str, items: list[str]) -> str:
    listed = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f"<h3>{escape(heading)}</h3><ul>{listed}</ul>"


def _sections(rng: random.Random, employer: str, title: str) -> list[tuple[str, list[str]]]:
    settings = rng.sample(sorted(_DUTIES), k=rng.randint(1, 2))
    low = rng.randint(17, 32)
    pay = rng.choice(_PAY_LINES)
    if "000" in pay:
        low = rng.randint(40, 70)
    return [
        ("About us", [rng.choice(_BLURBS).format(employer=employer)]),
        ("Position summary", [rng.choice(_SUMMARIES).format(title=title)]),
        (
            "What you will do",
            [duty for setting in settings for duty in _DUTIES[setting]]
            + [f"Specialty focus: {rng.choice(SPECIALTIES)} services."],
        ),
        (
            "Minimum Qualifications",
            [rng.choice(_CREDENTIAL_LINES), rng.choice(_EXPERIENCE_LINES), *_OTHER_REQUIREMENTS],
        ),
        ("Schedule and pay", [rng.choice(_SCHEDULES), pay.format(low=low, high=low + 6)]),
        ("Benefits", list(_BENEFITS)),
        ("Equal opportunity", [_EEO[0].format(employer=employer)]),
    ]
