"""The web pages people use: search, one job, "Match me", insights (Jinja2); the pages of
the weekly digest's subscriptions are in `api.subscriptions`.

Every page is a plain GET form or a link, so it works without JavaScript and its URL holds
the whole question. Handlers read the form (`api.query_forms`), call the same domain code as
the JSON API, and shape what the templates show (`api.job_view`, `api.charts`). A value that
cannot be used is shown beside the form with a 422, never a 500. Pages are left out of the
OpenAPI schema: they are for people, the JSON API is for programs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from api.charts import Bar, Range, bar_chart, range_chart
from api.job_view import (
    clean_description,
    job_card,
    job_facts,
    requirement_lines,
    source_label,
)
from api.query_forms import RADIUS_CHOICES, read_profile, read_search
from indexer.search_request import InvalidSearch, to_query
from indexer.tag_wording import describe_settings
from indexer.tagging.care_settings import SETTINGS
from indexer.tags import Tags
from indexer.taxonomy import load_taxonomy

_HERE = Path(__file__).parent
# Scraped descriptions are sanitized, and besides no page runs a script: the policy says so.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
_ARRANGEMENTS = (("remote", "Remote"), ("hybrid", "Hybrid"), ("onsite", "On site"))
_SORTS = (("relevance", "Best match"), ("date", "Newest"), ("salary", "Highest pay"))
_MATCH_LIMIT = 25  # eligible jobs shown, and stretches shown, on "Match me"
# A profile's field names (`matching.profile`) as the form names them.
_FORM_FIELD = {"credentials": "credential", "settings": "setting", "location": "near"}
_FIELD_LABELS = {
    "q": "Search words",
    "credential": "Credentials",
    "setting": "Setting",
    "work_arrangement": "Where the work is done",
    "experience_years": "Years of experience",
    "near": "Place",
    "radius_miles": "Distance",
    "min_salary": "Minimum pay",
    "posted_within_days": "Posted within",
    "sort": "Sort",
    "page": "Page",
    "size": "Page size",
    "keywords": "Words",
}
_URL_ONLY_FIELDS = {"page", "size", "posted_within_days"}


@dataclass(frozen=True)
class Option:
    """One choice of a filter: its value, its words, how many jobs it gives, and if chosen."""

    value: str
    label: str
    count: int | None
    checked: bool


@dataclass(frozen=True)
class FormError:
    """What the form got wrong: the field (its id is `field-<field>`), its label, and why."""

    field: str
    label: str
    message: str
    has_control: bool  # false for parameters no form shows (page, size), typed into a URL


def form_error(error: InvalidSearch) -> FormError:
    """An `InvalidSearch` said in the form's own names."""
    field = _FORM_FIELD.get(error.parameter, error.parameter)
    label = _FIELD_LABELS.get(field, field)
    return FormError(field, label, error.message, field not in _URL_ONLY_FIELDS)


def add_pages(app: FastAPI) -> None:
    """Mount the pages, their static files and their templates on `app`."""
    app.state.templates = Jinja2Templates(directory=_HERE / "templates")
    app.state.templates.env.globals["radius_choices"] = RADIUS_CHOICES
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    app.include_router(_router)


_router = APIRouter(include_in_schema=False)


@_router.get("/", response_class=HTMLResponse)
async def search_page(request: Request) -> Response:
    """Search open jobs by words and filters, with facet counts beside each filter."""
    params = request.query_params
    chosen_credentials = set(params.getlist("credential"))
    chosen_settings = set(params.getlist("setting"))
    context: dict[str, Any] = {"form": params, "error": None, "sorts": _SORTS}
    try:
        query = to_query(read_search(params), today=date.today())
    except InvalidSearch as error:
        context.update(_no_results(chosen_credentials, chosen_settings, params))
        return render(
            request, "search.html", context | {"error": form_error(error)}, status_code=422
        )
    result = request.app.state.store.search(query)
    facets = result.facets
    pages = -(-result.total // query.size)
    context.update(
        total=result.total,
        cards=[job_card(job) for job in result.hits],
        credentials=credential_options(chosen_credentials, facets.get("credentials", {})),
        settings=setting_options(chosen_settings, facets.get("settings", {})),
        arrangements=_arrangement_options(
            params.get("work_arrangement", ""), facets.get("work_arrangement", {})
        ),
        page=query.page,
        pages=pages,
        previous_url=_page_url(request, query.page - 1) if query.page > 1 else None,
        next_url=_page_url(request, query.page + 1) if query.page < pages else None,
    )
    return render(request, "search.html", context)


@_router.get("/jobs/{job_id}", response_class=HTMLResponse)
async def job_page(request: Request, job_id: str) -> Response:
    """One job: what it requires in words, every source, when it was seen, its description."""
    job = request.app.state.store.get(job_id)
    if job is None:
        context = {"message": "No job has that address. It may have been mistyped."}
        return render(request, "not_found.html", context, status_code=404)
    context = {
        "job": job,
        "card": job_card(job),
        "requirements": requirement_lines(job.tags),
        "facts": job_facts(job),
        "sources": [(source_label(link), link.url) for link in job.sources],
        "description": clean_description(job.description_html),
    }
    return render(request, "job.html", context)


@_router.get("/match", response_class=HTMLResponse)
async def match_page(request: Request) -> Response:
    """The "Match me" form and, once sent, the jobs within reach with reasons, and advice."""
    from matching.advisor import advise
    from matching.matcher import match
    from matching.profile import make_profile

    params = request.query_params
    context: dict[str, Any] = {
        "form": params,
        "error": None,
        "sent": "experience_years" in params,
        "credentials": credential_options(set(params.getlist("credential")), {}),
        "settings": setting_options(set(params.getlist("setting")), {}),
    }
    if not context["sent"]:
        return render(request, "match.html", context)
    try:
        form = read_profile(params)
        profile = make_profile(form.credentials, form.experience_years, **form.profile_arguments())
    except InvalidSearch as error:
        return render(
            request, "match.html", context | {"error": form_error(error)}, status_code=422
        )
    store = request.app.state.store
    today = date.today()
    matches = match(store, profile, today=today, limit=_MATCH_LIMIT)
    context.update(
        eligible=[
            (job_card(found.job), found.reasons) for found in matches if found.status == "eligible"
        ],
        stretch=[
            (job_card(found.job), found.reasons) for found in matches if found.status == "stretch"
        ],
        advice=advise(store, profile, today=today),
        holds=", ".join(sorted(profile.credentials)) or "no credential yet",
    )
    return render(request, "match.html", context)


@_router.get("/insights", response_class=HTMLResponse)
async def insights_page(request: Request) -> Response:
    """Demand and pay by credential and by setting, drawn as SVG charts, with the figures."""
    from matching.insights import insights

    found = insights(request.app.state.store, today=date.today())
    credentials = sorted(
        ((code, demand) for code, demand in found.by_credential.items() if demand.open_jobs),
        key=lambda item: (-item[1].open_jobs, item[0]),
    )
    settings = sorted(
        ((name, demand) for name, demand in found.by_setting.items() if demand.open_jobs),
        key=lambda item: (-item[1].open_jobs, item[0]),
    )
    setting_words = {name: _setting_words(name) for name in SETTINGS}
    charts = {
        "credential_demand": bar_chart(
            "Open jobs a holder of each credential can get",
            [Bar(credential_label(code), d.open_jobs, f"{d.open_jobs}") for code, d in credentials],
        ),
        "setting_demand": bar_chart(
            "Open jobs by setting",
            [Bar(setting_words[name], d.open_jobs, f"{d.open_jobs}") for name, d in settings],
        ),
        "entry_share": bar_chart(
            "Share of each setting's jobs that take a new coder",
            [
                Bar(setting_words[name], d.entry_level_share, f"{d.entry_level_share:.0%}")
                for name, d in settings
            ],
        ),
        "setting_pay": range_chart(
            "Yearly pay by setting: middle half and median",
            [
                Range(setting_words[name], *d.salary_quartiles, _pay_range(d.salary_quartiles))
                for name, d in settings
                if d.salary_quartiles
            ],
        ),
        "credential_pay": range_chart(
            "Yearly pay by credential: middle half and median",
            [
                Range(credential_label(code), *d.salary_quartiles, _pay_range(d.salary_quartiles))
                for code, d in credentials
                if d.salary_quartiles
            ],
        ),
    }
    context = {
        "overall": found.overall,
        "charts": charts,
        "credentials": credentials,
        "settings": [(setting_words[name], demand) for name, demand in settings],
    }
    return render(request, "insights.html", context)


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    section: str | None = None,
) -> Response:
    """A page from its template, with the security headers; `section` marks the menu entry."""
    page = section or request.url.path.strip("/").split("/")[0] or "search"
    response = request.app.state.templates.TemplateResponse(
        request, template, {"section": page, **context}, status_code=status_code
    )
    response.headers.update(SECURITY_HEADERS)
    return response


def _no_results(credentials: set[str], settings: set[str], params: Any) -> dict[str, Any]:
    return {
        "total": None,
        "cards": [],
        "credentials": credential_options(credentials, {}),
        "settings": setting_options(settings, {}),
        "arrangements": _arrangement_options(params.get("work_arrangement", ""), {}),
        "page": 1,
        "pages": 0,
        "previous_url": None,
        "next_url": None,
    }


def credential_options(chosen: set[str], counts: dict[str, int]) -> list[Option]:
    """Every credential one can hold, in the taxonomy's order (AAPC, AHIMA, then others)."""
    return [
        Option(
            code, credential_label(code), counts.get(code, 0) if counts else None, code in chosen
        )
        for code in load_taxonomy().credentials
    ]


def credential_label(code: str) -> str:
    """A credential as a form shows it: its code, but words for the specialty catch-all."""
    return "AAPC specialty" if code == "AAPC_SPECIALTY" else code


def setting_options(chosen: set[str], counts: dict[str, int]) -> list[Option]:
    """Every setting in words, with its count when counts are given."""
    return [
        Option(name, _setting_words(name), counts.get(name, 0) if counts else None, name in chosen)
        for name in SETTINGS
    ]


def _arrangement_options(chosen: str, counts: dict[str, int]) -> list[Option]:
    return [
        Option(value, label, counts.get(value, 0) if counts else None, value == chosen)
        for value, label in _ARRANGEMENTS
    ]


def _setting_words(name: str) -> str:
    words = describe_settings(Tags(is_coding_job=True, settings=(name,)))
    return words[:1].upper() + words[1:]


def _page_url(request: Request, page: int) -> str:
    kept = [(key, value) for key, value in request.query_params.multi_items() if key != "page"]
    return f"{request.url.path}?{urlencode([*kept, ('page', str(page))])}"


def _pay_range(quartiles: tuple[float, float, float] | None) -> str:
    low, _, high = quartiles or (0, 0, 0)
    return f"${low / 1000:.0f}k-{high / 1000:.0f}k"
