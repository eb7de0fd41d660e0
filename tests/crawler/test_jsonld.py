"""The JSON-LD spider crawling a local server: a sitemap, job pages, microdata, a career page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crawler.sources import Source
from indexer.sqlite_store import SqlitePostingStore
from indexer.store import SearchQuery

_HTML = {"Content-Type": "text/html; charset=utf-8"}


def _posting_page(posting: dict[str, Any] | list[Any]) -> bytes:
    block = json.dumps(posting).replace("</", "<\\/")
    return (
        "<html><head><title>Job</title>"
        f'<script type="application/ld+json">{block}</script>'
        "</head><body><h1>Job</h1></body></html>"
    ).encode()


def _job_posting(title: str, description: str, **more: Any) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": title,
        "description": description,
        "datePosted": "2026-11-20",
        "hiringOrganization": {"@type": "Organization", "name": "Bayside Clinics"},
        **more,
    }


_MICRODATA_PAGE = b"""<html><body>
<div itemscope itemtype="https://schema.org/JobPosting">
  <h1 itemprop="title">Coding Auditor</h1>
  <div itemprop="description"><p>CPMA required. 3 years of auditing experience.</p></div>
  <span itemprop="datePosted">2026-11-19</span>
  <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place">
    <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
      <span itemprop="addressLocality">Tampa</span>, <span itemprop="addressRegion">FL</span>
    </div>
  </div>
</div></body></html>"""


def _sitemap(url: str, lastmod: dict[str, str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(
            f"<url><loc>{url}/jobs/{page}</loc>"
            + (f"<lastmod>{lastmod[page]}</lastmod>" if page in lastmod else "")
            + "</url>"
            for page in ("coder", "auditor", "gone", "truncated", "pair")
        )
        + "</urlset>"
    ).encode()


def _site(url: str) -> dict[str, tuple[int, dict[str, str], bytes]]:
    sitemap = _sitemap(url, {"coder": "2026-11-01"})
    coder = _job_posting(
        "Medical Coder I",
        "<p>CPC or CCA required; CPC-A accepted. Remote.</p><script>alert(1)</script>",
        url=f"{url}/jobs/coder",
        jobLocationType="TELECOMMUTE",
        employmentType="FULL_TIME",
        baseSalary={
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": 20,
                "maxValue": 24,
                "unitText": "HOUR",
            },
        },
    )
    pair = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "name": "Bayside Clinics"},
            _job_posting(
                "Inpatient Coder",
                "&lt;p&gt;CCS required. Inpatient DRG coding.&lt;/p&gt;",
                jobLocation="Denver, CO",
                identifier={"@type": "PropertyValue", "value": "IP-7"},
            ),
            _job_posting(
                "Front Desk Receptionist",
                "<p>Greet patients and answer phones.</p>",
                identifier={"@type": "PropertyValue", "value": "FD-2"},
            ),
        ],
    }
    truncated = _posting_page(_job_posting("Lost Coder", "<p>CPC required.</p>"))[:90]
    return {
        "/sitemap.xml": (200, {"Content-Type": "application/xml"}, sitemap),
        "/jobs/coder": (200, _HTML, _posting_page(coder)),
        "/jobs/auditor": (200, _HTML, _MICRODATA_PAGE),
        "/jobs/truncated": (200, _HTML, truncated),
        "/jobs/pair": (200, _HTML, _posting_page(pair)),
    }


def _site_source(url: str) -> Source:
    return Source("jsonld", "bayside", "Bayside Clinics", url=url)


def test_a_sitemap_is_followed_to_job_pages_of_every_shape(
    local_server: Any, tmp_path: Path, crawl_one: Any
) -> None:
    pages = _site(local_server.url)
    local_server.answer = lambda path: pages.get(path, (404, _HTML, b"not here"))
    store_url = f"sqlite:///{tmp_path / 'codermatch.db'}"

    summary = crawl_one(_site_source(f"{local_server.url}/sitemap.xml"), store_url)
    assert summary["failed"] is False
    assert summary["fetched"] == 4  # coder, auditor, and the pair; not the 404 or the truncated
    assert summary["errors"] == 2  # the 404 and the truncated page
    assert summary["not_coding"] == 1

    store = SqlitePostingStore.from_url(store_url)
    jobs = {job.title: job for job in store.search(SearchQuery()).hits}
    coder = store.get(jobs["Medical Coder I"].id)
    assert coder is not None
    assert coder.tags.accepts_apprentice
    assert coder.is_remote
    assert coder.tags.salary is not None
    assert (coder.tags.salary.min, coder.tags.salary.max) == (20, 24)
    assert "script" not in (coder.description_html or "")
    assert jobs["Coding Auditor"].tags.credentials_required == (("CPMA",),)
    auditor_place = jobs["Coding Auditor"].place
    assert auditor_place is not None
    assert (auditor_place.city, auditor_place.state) == ("Tampa", "FL")
    inpatient = jobs["Inpatient Coder"]
    assert inpatient.tags.credentials_required == (("CCS",),)
    assert inpatient.place is not None
    assert inpatient.place.city == "Denver"
    inpatient_page = store.get(inpatient.id)
    assert inpatient_page is not None
    assert (inpatient_page.description_html or "").startswith("<p>CCS required")
    store.close()


def test_a_career_page_gives_its_own_postings_and_follows_job_links(
    local_server: Any, tmp_path: Path, crawl_one: Any
) -> None:
    pages = _site(local_server.url)
    listing = [
        _job_posting(
            "Risk Adjustment Coder",
            "<p>CRC required. Remote.</p>",
            url=f"{local_server.url}/careers#ra",
        ),
    ]
    career_page = _posting_page(listing).replace(
        b"<body>", b'<body><a href="/jobs/coder">Coder</a><a href="/about">About us</a>'
    )
    pages["/careers"] = (200, _HTML, career_page)
    local_server.answer = lambda path: pages.get(path, (404, _HTML, b"not here"))
    store_url = f"sqlite:///{tmp_path / 'codermatch.db'}"

    summary = crawl_one(_site_source(f"{local_server.url}/careers"), store_url)
    assert summary["fetched"] == 2
    assert "/about" not in local_server.paths
    store = SqlitePostingStore.from_url(store_url)
    titles = {job.title for job in store.search(SearchQuery()).hits}
    assert titles == {"Risk Adjustment Coder", "Medical Coder I"}
    store.close()


def test_a_failing_sitemap_fails_the_source(
    local_server: Any, tmp_path: Path, crawl_one: Any
) -> None:
    local_server.answer = lambda path: (500, _HTML, b"down")
    summary = crawl_one(
        _site_source(f"{local_server.url}/sitemap.xml"), f"sqlite:///{tmp_path / 'c.db'}"
    )
    assert summary["failed"] is True


def test_a_page_the_sitemap_says_is_unchanged_is_not_fetched_again(
    local_server: Any, tmp_path: Path, crawl_one: Any
) -> None:
    pages = _site(local_server.url)
    local_server.answer = lambda path: pages.get(path, (404, _HTML, b"not here"))
    store_url = f"sqlite:///{tmp_path / 'codermatch.db'}"
    sitemap_url = f"{local_server.url}/sitemap.xml"
    crawl_one(_site_source(sitemap_url), store_url)
    assert local_server.paths.count("/jobs/coder") == 1

    again = crawl_one(_site_source(sitemap_url), store_url)
    assert local_server.paths.count("/jobs/coder") == 1  # lastmod is before we saw it
    assert local_server.paths.count("/jobs/auditor") == 2  # no lastmod: fetched again
    assert again["unchanged"] == 4
    assert again["closed"] == 0

    sitemap = _sitemap(local_server.url, {"coder": "2999-01-01T00:00:00Z"})
    pages["/sitemap.xml"] = (200, {"Content-Type": "application/xml"}, sitemap)
    crawl_one(_site_source(sitemap_url), store_url)
    assert local_server.paths.count("/jobs/coder") == 2
    store = SqlitePostingStore.from_url(store_url)
    assert store.search(SearchQuery()).total == 3
    store.close()
