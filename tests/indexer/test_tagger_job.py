"""Tests for the job tags of tag_posting: settings, work arrangement, employment type, salary,
whether it is a coding job at all, and the evidence `codermatch tag --explain` shows.
"""

from __future__ import annotations

import pytest

from indexer.salary import Salary
from indexer.tagging.tagger import tag_posting
from indexer.tags import Tags


def tags_of(text: str, title: str = "Medical Coder") -> Tags:
    return tag_posting(title, text).tags


# --- Settings, from the duties ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "text"),
    [
        (
            "inpatient",
            "Responsibilities\n"
            "- Assign ICD-10-CM and ICD-10-PCS codes to inpatient records.\n"
            "- Validate MS-DRG assignment and capture CC/MCC.",
        ),
        (
            "outpatient",
            "Responsibilities\n"
            "- Code hospital outpatient facility encounters: emergency department, "
            "observation and same-day surgery.",
        ),
        (
            "professional",
            "Responsibilities\n"
            "- Code physician office visits and E/M services for our multi-specialty clinic "
            "(pro-fee).",
        ),
        (
            "risk_adjustment",
            "Responsibilities\n"
            "- Review medical records to capture HCC codes for Medicare Advantage risk "
            "adjustment.",
        ),
        (
            "audit",
            "Responsibilities\n"
            "- Perform retrospective coding audits and educate providers on audit findings.",
        ),
        (
            "cdi",
            "Responsibilities\n"
            "- Conduct concurrent clinical documentation integrity reviews and send provider "
            "queries.",
        ),
        (
            "billing",
            "Responsibilities\n- Work claim denials and follow up on unpaid A/R with payers.",
        ),
    ],
)
def test_duties_give_their_setting(setting: str, text: str) -> None:
    assert setting in tags_of(text).settings


def test_duties_of_two_settings_give_both() -> None:
    text = (
        "Responsibilities\n"
        "- Code inpatient records and assign MS-DRGs.\n"
        "- Work coding-related claim denials."
    )
    assert {"inpatient", "billing"} <= set(tags_of(text).settings)


def test_blurb_naming_hospitals_and_practices_gives_no_setting() -> None:
    text = (
        "About Us\n"
        "Riverbend Health operates 12 acute care hospitals and more than 80 physician "
        "practices across Ohio and Kentucky."
    )
    assert tags_of(text).settings == ()


@pytest.mark.parametrize(
    "text",
    [
        "Certified Inpatient Coder (CIC) required.",
        "Certified Outpatient Coder (COC) required.",
        "Certified Risk Adjustment Coder (CRC) required.",
        "Certified Professional Medical Auditor (CPMA) required.",
        "Certified Professional Biller (CPB) required.",
    ],
)
def test_a_credential_name_gives_no_setting(text: str) -> None:
    assert tags_of(text).settings == ()


def test_settings_are_within_the_seven_names() -> None:
    text = (
        "Responsibilities\n"
        "- Code inpatient and outpatient hospital records, pro-fee clinic visits and HCCs.\n"
        "- Perform coding audits, CDI reviews and work billing denials."
    )
    allowed = {
        "inpatient",
        "outpatient",
        "professional",
        "risk_adjustment",
        "audit",
        "cdi",
        "billing",
    }
    assert set(tags_of(text).settings) <= allowed


# --- Work arrangement -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "arrangement"),
    [
        ("This is a fully remote position.", "remote"),
        ("Work from home anywhere in the US.", "remote"),
        ("Hybrid: three days in the office, two days from home.", "hybrid"),
        ("This position is on-site at our Dayton, OH office.", "onsite"),
        ("Remote with occasional onsite meetings.", "remote"),
        ("Onsite; may transition to remote after one year.", "onsite"),
        ("Please note: this is not a remote position.", "onsite"),
    ],
)
def test_work_arrangement_is_read_from_the_text(text: str, arrangement: str) -> None:
    assert tags_of(text).work_arrangement == arrangement


def test_this_position_onsite_beats_other_remote_coders() -> None:
    text = (
        "Our remote coders enjoy flexible schedules. This position is onsite at our Boise clinic."
    )
    assert tags_of(text).work_arrangement == "onsite"


def test_must_work_in_our_office_is_onsite() -> None:
    text = "Equipment for home office provided. Must work in our Tampa office."
    assert tags_of(text).work_arrangement == "onsite"


def test_remote_ready_equipment_perk_is_not_an_arrangement() -> None:
    text = "Benefits\n- Remote-ready equipment provided\n- Paid time off"
    assert tags_of(text).work_arrangement is None


def test_unstated_work_arrangement_is_null() -> None:
    assert tags_of("Responsibilities\n- Code clinic visits.").work_arrangement is None


# --- Employment type --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "employment_type"),
    [
        ("Full-time, Monday through Friday, 8:00-4:30.", "full_time"),
        ("Part-time position, 20 hours per week.", "part_time"),
        ("Per diem coder to cover backlog as needed.", "per_diem"),
        ("This is a 6-month contract position.", "contract"),
        ("Temporary assignment to cover a leave of absence.", "temporary"),
    ],
)
def test_employment_type_is_read_from_the_text(text: str, employment_type: str) -> None:
    assert tags_of(text).employment_type == employment_type


def test_full_time_followed_by_hours_in_parentheses_is_full_time() -> None:
    assert tags_of("Full-time (40 hours); benefits eligible").employment_type == "full_time"


def test_contract_followed_by_its_length_in_parentheses_is_contract() -> None:
    text = "Contract (6 months) with possible extension."
    assert tags_of(text).employment_type == "contract"


def test_internship_has_no_employment_type() -> None:
    text = "Summer internship for HIM students in our coding department."
    assert tags_of(text, title="Coding Intern").employment_type is None


def test_benefits_for_full_time_employees_alone_is_not_a_type() -> None:
    text = "Benefits\n- Medical, dental and vision for full-time employees\n- 401(k) match"
    assert tags_of(text).employment_type is None


# --- Salary -----------------------------------------------------------------------------------


def test_hourly_pay_range_is_the_salary() -> None:
    text = "Pay range: $21.50 - $27.00 per hour, based on experience."
    assert tags_of(text).salary == Salary(21.5, 27.0, "hour")


def test_yearly_pay_range_is_the_salary() -> None:
    text = "Compensation: $52,000 - $60,000 per year."
    assert tags_of(text).salary == Salary(52000.0, 60000.0, "year")


def test_monthly_pay_is_converted_to_a_year() -> None:
    text = "Salary: $4,000 per month."
    salary = tags_of(text).salary
    assert salary is not None
    assert (salary.min, salary.period) == (48000.0, "year")


def test_salary_dict_matches_the_schema() -> None:
    text = "Pay range: $21.50 - $27.00 per hour."
    assert tags_of(text).to_dict()["salary"] == {"min": 21.5, "max": 27.0, "period": "hour"}


def test_unstated_pay_is_null() -> None:
    assert tags_of("Responsibilities\n- Code clinic visits.").salary is None


# --- Is it a coding job? ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Medical Coder II",
            "Assign ICD-10-CM and CPT codes to professional fee encounters.",
        ),
        (
            "Coding Auditor",
            "Audit inpatient coding for accuracy and educate coders on findings.",
        ),
        (
            "Clinical Documentation Integrity Specialist",
            "Review inpatient records concurrently and query physicians to improve documentation.",
        ),
        (
            "HCC Risk Adjustment Coder",
            "Review charts and abstract HCC diagnoses for Medicare Advantage members.",
        ),
        (
            "Coding Educator",
            "Train new coders on ICD-10-CM guidelines and E/M leveling.",
        ),
    ],
)
def test_coding_and_coding_adjacent_roles_are_coding_jobs(title: str, text: str) -> None:
    assert tags_of(text, title=title).is_coding_job is True


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "RN Case Manager",
            "Coordinate discharge planning and utilization review for hospitalized patients.",
        ),
        (
            "Software Engineer",
            "We're looking for a passionate coder to build Python microservices for our "
            "claims platform.",
        ),
        (
            "Front Desk Receptionist",
            "Greet patients, schedule appointments, verify insurance and collect copays.",
        ),
        (
            "Medical Biller",
            "Submit claims, post payments and work A/R follow-up. This role involves no coding.",
        ),
        (
            "Medical Records Clerk",
            "Scan, index and file medical records; process release of information requests.",
        ),
        (
            "Data Scientist",
            "Build machine learning models that automate medical coding from clinical notes.",
        ),
        (
            "Product Manager, Coding Workbench",
            "Own the roadmap of the tool our coders use to assign ICD-10-CM codes.",
        ),
        (
            "Epic Systems Analyst - HIM and Coding Applications",
            "Build and support the coding workflows of Epic for the HIM department.",
        ),
        (
            "Recruiter - Medical Coding",
            "Source and screen CPC and CCS coders for our client hospitals.",
        ),
    ],
)
def test_non_coding_roles_are_not_coding_jobs(title: str, text: str) -> None:
    assert tags_of(text, title=title).is_coding_job is False


def test_no_coding_experience_required_is_still_a_coding_job() -> None:
    text = "Assign E/M and CPT codes to clinic visits. No coding experience is required."
    assert tags_of(text, title="Junior Coder - Apprentice Cohort").is_coding_job is True


def test_software_job_titled_coder_is_not_a_coding_job() -> None:
    assert (
        tags_of("Write Java code for our EHR integration team.", title="Coder").is_coding_job
        is False
    )


def test_hcc_chart_retrieval_coordinator_is_not_a_coding_job() -> None:
    text = "Obtain medical records from physician offices for HCC chart retrieval projects."
    assert tags_of(text, title="Medical Records Coordinator").is_coding_job is False


# --- Evidence (codermatch tag --explain) ------------------------------------------------------


def test_required_credential_sentence_is_its_evidence() -> None:
    text = (
        "About Us\n"
        "Lakeside Clinics serves 40,000 patients a year.\n"
        "Requirements\n"
        "- Active CPC certification required\n"
        "- 2 years of pro-fee coding experience"
    )
    tagging = tag_posting("Medical Coder", text)
    evidence = tagging.evidence["credentials_required"]
    assert any("Active CPC certification required" in sentence for sentence in evidence)
    assert not any("Lakeside Clinics" in sentence for sentence in evidence)


def test_required_experience_sentence_is_its_evidence() -> None:
    text = "Responsibilities\n- Code clinic visits.\n2 years of coding experience required."
    evidence = tag_posting("Medical Coder", text).evidence["min_experience_years"]
    assert any("2 years of coding experience required" in sentence for sentence in evidence)
