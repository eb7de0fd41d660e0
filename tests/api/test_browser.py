"""The web pages in a real browser: Debian's chromium driven by Playwright (DESIGN.md, tests
that need real servers), against `create_app` served by uvicorn on loopback over a store
filled by `codermatch ingest`.

A seeker's paths are walked as a person would: search by credential, open a job, fill "Match
me", read insights. No page may log a console error, and a posting that carries a script, an
event handler and a javascript: link runs none of them. Each page is photographed at desktop
and phone width into `test-artifacts/screenshots/`. Without chromium these tests are skipped
with the reason, unless `CODERMATCH_REQUIRE_BROWSER=1` (CI) makes that a failure.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from aiosmtpd.controller import Controller
from typer.testing import CliRunner

from api.app import create_app
from codermatch.cli import app as cli
from codermatch.settings import Settings
from tests.api.conftest import HOSTILE_TITLE, sample_raw_postings
from tests.smtp_sink import SmtpSink

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Read at import: the autouse fixture of tests/conftest.py clears CODERMATCH_* for each test.
BROWSER_REQUIRED = os.environ.get("CODERMATCH_REQUIRE_BROWSER") == "1"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not CHROMIUM.exists():
        return f"no chromium at {CHROMIUM} (Debian's chromium package)"
    return None


@pytest.fixture(scope="module")
def mail_sink() -> Iterator[SmtpSink]:
    """A real SMTP server on loopback for the pages' confirmation e-mails."""
    sink = SmtpSink()
    sink.port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    yield sink
    controller.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, mail_sink: SmtpSink) -> Iterator[str]:
    """The app on a free loopback port, over the sample postings and the hostile one."""
    folder = tmp_path_factory.mktemp("browser")
    postings = folder / "postings.jsonl"
    postings.write_text("\n".join(json.dumps(r) for r in sample_raw_postings()) + "\n", "utf-8")
    environment = {"CODERMATCH_DATA_DIR": str(folder / "data")}
    result = CliRunner().invoke(cli, ["ingest", str(postings)], env=environment)
    assert result.exit_code == 0, result.output
    port = _free_port()
    settings = Settings(data_dir=folder / "data", smtp_host="127.0.0.1", smtp_port=mail_sink.port)
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = _missing_browser()
    if missing:
        if BROWSER_REQUIRED:
            pytest.fail(f"CODERMATCH_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Tab:
    """A browser page with every console error, page error and dialog it raised."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda message: self._console(message))
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("dialog", lambda dialog: self._dialog(dialog))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None
        assert response.status == 200, f"{path}: {response.status}"

    def photograph(self, name: str, viewport: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}-{viewport}.png"), full_page=True)


@pytest.fixture(params=list(VIEWPORTS))
def tab(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[Tab]:
    """A fresh page at desktop, then at phone width; it must end with no console error."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    opened = Tab(context.new_page(), base_url)
    opened.viewport = request.param  # type: ignore[attr-defined]
    yield opened
    context.close()
    assert opened.errors == []
    assert opened.dialogs == []


def _count(label_text: str) -> int:
    found = re.search(r"\((\d+)\)", label_text)
    assert found, label_text
    return int(found.group(1))


def test_search_by_credential_and_the_facet_counts_change(tab: Tab) -> None:
    page = tab.page
    tab.open("/")
    cpc_a = page.locator("label.choice", has=page.locator("input[value='CPC-A']"))
    expected = _count(cpc_a.inner_text())
    settings_before = page.locator("#field-setting label.choice").all_inner_texts()
    total_before = page.locator("#results-heading").inner_text()

    cpc_a.locator("input").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"credential=CPC-A"))

    assert page.locator("#results-heading").inner_text() == f"{expected} jobs"
    assert page.locator("#results-heading").inner_text() != total_before
    assert page.locator("input[value='CPC-A']").is_checked()
    settings_after = page.locator("#field-setting label.choice").all_inner_texts()
    assert settings_after != settings_before
    assert sum(map(_count, settings_after)) < sum(map(_count, settings_before))
    tab.photograph("search", tab.viewport)  # type: ignore[attr-defined]


def test_open_a_job_and_read_what_it_requires(tab: Tab) -> None:
    page = tab.page
    tab.open("/?credential=CPC-A")
    first = page.locator(".job-title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/jobs/"))
    assert page.locator("h1").inner_text() == title
    assert page.locator(".requirements li").count() >= 2
    assert page.locator(".sources a").count() >= 1
    assert page.locator(".description").inner_text().strip()
    tab.photograph("job", tab.viewport)  # type: ignore[attr-defined]


def test_match_me_shows_reasons_and_the_advisors_answer(tab: Tab) -> None:
    page = tab.page
    tab.open("/match")
    page.locator("input[name=credential][value='CPC-A']").check()
    page.get_by_label("Years of coding experience").fill("0")
    page.get_by_label("I live near (city, ST or ZIP)").fill("Tampa, FL")
    page.get_by_role("button", name="Match me").click()
    page.wait_for_url(re.compile(r"experience_years=0"))

    assert page.locator("#eligible-heading").inner_text().startswith("Jobs you can get (")
    eligible_reasons = page.locator(".eligible .reasons li").all_inner_texts()
    assert any(reason.startswith("Your CPC-A meets") for reason in eligible_reasons)
    stretch_reasons = page.locator(".stretch .reasons li").all_inner_texts()
    assert any("stretch" in reason for reason in stretch_reasons)
    advice = page.locator(".advice-list li").all_inner_texts()
    assert advice
    assert all("would open" in sentence for sentence in advice)
    tab.photograph("match", tab.viewport)  # type: ignore[attr-defined]


def test_insights_draw_their_charts_on_the_server(tab: Tab) -> None:
    page = tab.page
    tab.open("/insights")
    charts = page.locator("svg[role=img]")
    assert charts.count() == 5
    assert page.locator("svg[role=img] rect").count() > 20
    assert int(page.locator(".stat-figure").first.inner_text()) > 100
    tab.photograph("insights", tab.viewport)  # type: ignore[attr-defined]


def test_subscribe_and_be_told_to_check_the_inbox(tab: Tab, mail_sink: SmtpSink) -> None:
    page = tab.page
    tab.open("/subscribe")
    address = f"new.coder.{tab.viewport}@example.com"  # type: ignore[attr-defined]
    page.get_by_label("E-mail address").fill(address)
    page.locator("input[name=credential][value='CPC-A']").check()
    page.get_by_label("Years of coding experience").fill("0")
    page.get_by_label("I live near (city, ST or ZIP)").fill("Tampa, FL")
    tab.photograph("subscribe", tab.viewport)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Check your inbox"
    mail_sink.wait_for_mail_to(address)


def test_a_hostile_posting_runs_none_of_its_script_handler_or_link(tab: Tab) -> None:
    page = tab.page
    tab.open("/?q=" + HOSTILE_TITLE.replace(" ", "+"))
    page.get_by_role("link", name=HOSTILE_TITLE).click()
    page.wait_for_url(re.compile(r"/jobs/"))
    description = page.locator(".description")
    assert "Code professional-fee E/M visits" in description.inner_text()
    description.get_by_text("No experience required.").hover()
    description.get_by_text("Apply here").click()
    page.wait_for_timeout(200)
    assert page.url.startswith(tab.base_url + "/jobs/")
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_pages_fit_the_screen_and_the_keyboard_reaches_the_content(tab: Tab) -> None:
    page = tab.page
    for path in ("/", "/match", "/insights", "/subscribe"):
        tab.open(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
