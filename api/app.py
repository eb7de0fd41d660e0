"""The HTTP API (DESIGN.md, HTTP interface): search, one job, match, insights, health;
the web pages on it (`api.pages`) and the digest's subscriptions (`api.subscriptions`).

`create_app` builds the app around a posting store (opened from the settings when not
given); nothing happens at import. Endpoints are `async` and call the store directly: its
answers take milliseconds, and one thread owns its connection. Every error is a 4xx that
names what was wrong: FastAPI's own 422s for types and ranges, and `InvalidSearch` (an
unknown credential, setting or place) as a 422 naming the parameter. An empty query
parameter means absent.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from datetime import date
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from pydantic_core import to_json

from api.models import InsightsResponse, JobPage, MatchRequest, MatchResponse
from api.pages import add_pages
from api.query_forms import SEARCH_PARAMETERS, read_search
from api.subscriptions import Subscriptions, add_subscriptions
from codermatch.settings import Settings
from indexer.search_request import InvalidSearch, to_query
from indexer.store import PostingStore


def create_app(
    settings: Settings | None = None,
    store: PostingStore | None = None,
    subscriptions: Subscriptions | None = None,
) -> FastAPI:
    """The API and pages over `store`, or over the store the settings name (opened at
    start-up), and the digest's subscriptions (those the settings name, if not given)."""
    from codermatch.stores import open_store, open_subscriptions

    chosen = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is None:
            app.state.store = open_store(chosen)
        yield
        if store is None:
            app.state.store.close()
        if subscriptions is None:
            app.state.subscriptions.subscribers.close()

    app = FastAPI(
        title="CoderMatch",
        summary="The medical-coding jobs a person can actually get, and why.",
        version="0.1.0",
        lifespan=lifespan,
    )
    if store is not None:
        app.state.store = store
    app.state.subscriptions = subscriptions or open_subscriptions(chosen)
    app.add_exception_handler(InvalidSearch, _invalid_search)  # type: ignore[arg-type]
    _add_routes(app)
    add_pages(app)
    add_subscriptions(app)
    return app


async def _invalid_search(request: Request, error: InvalidSearch) -> JSONResponse:
    where = "body" if request.method == "POST" else "query"
    detail = [{"loc": [where, error.parameter], "msg": error.message, "type": "value_error"}]
    return JSONResponse({"detail": detail}, status_code=422)


def _add_routes(app: FastAPI) -> None:
    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        """The process answers."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], responses={503: {"description": "Store not answering"}})
    async def readyz(request: Request) -> JSONResponse:
        """The store answers: ready, with the number of open jobs."""
        try:
            stats = request.app.state.store.stats()
        except Exception as error:  # noqa: BLE001 (any store failure: not ready, and why)
            return JSONResponse({"status": "unavailable", "error": str(error)}, status_code=503)
        return JSONResponse({"status": "ready", "open_jobs": stats["open"]})

    @app.get(
        "/api/jobs",
        response_model=JobPage,
        tags=["jobs"],
        openapi_extra={"parameters": SEARCH_PARAMETERS},
        responses={422: {"description": "A parameter that cannot be used, named"}},
    )
    async def search_jobs(request: Request) -> Response:
        """Open coding jobs by credential, setting, arrangement, experience, place and pay."""
        query = to_query(read_search(request.query_params), today=date.today())
        result = request.app.state.store.search(query)
        page = {
            "total": result.total,
            "page": query.page,
            "size": query.size,
            "hits": [job.to_dict() for job in result.hits],
            "facets": result.facets,
        }
        # Plain JSON values in `JobPage`'s shape (which documents the answer), written out
        # once instead of validated and converted again; the parameters are read once by
        # `read_search` for the same reason (FastAPI's own reading of 13 costs more than
        # the search).
        return Response(to_json(page), media_type="application/json")

    @app.get("/api/jobs/{job_id}", tags=["jobs"], responses={404: {"description": "No such job"}})
    async def get_job(request: Request, job_id: str) -> dict[str, Any]:
        """One job, with its sanitized description."""
        job = request.app.state.store.get(job_id)
        if job is None:
            raise HTTPException(404, f"no job with id {job_id!r}")
        return job.to_dict(with_description=True)

    @app.post("/api/match", response_model=MatchResponse, tags=["match"])
    async def match_profile(request: Request, body: MatchRequest) -> dict[str, Any]:
        """The jobs a seeker can get and nearly can, with reasons, and the advisor's answer."""
        from matching.advisor import advise
        from matching.matcher import match
        from matching.profile import make_profile

        profile = make_profile(
            body.credentials,
            body.experience_years,
            settings=body.settings,
            location=body.location,
            radius_miles=body.radius_miles,
            remote_ok=body.remote_ok,
            min_salary=body.min_salary,
            keywords=body.keywords,
        )
        store = request.app.state.store
        today = date.today()
        matches = match(store, profile, today=today, limit=body.limit)
        advice = advise(store, profile, today=today)
        return {
            "matches": [
                {
                    "job": found.job.to_dict(),
                    "status": found.status,
                    "score": found.score,
                    "reasons": list(found.reasons),
                }
                for found in matches
            ],
            "advice": [{**asdict(item), "sentence": item.sentence} for item in advice],
        }

    @app.get("/api/insights", response_model=InsightsResponse, tags=["insights"])
    async def get_insights(request: Request) -> dict[str, Any]:
        """Open jobs, entry-level share and pay quartiles, by credential and by setting."""
        from matching.insights import insights

        return asdict(insights(request.app.state.store, today=date.today()))
