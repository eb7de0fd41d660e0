"""`codermatch search`: the jobs that match, as a table or as the API's JSON."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer


def search(
    query: Annotated[str, typer.Argument(help="Words to look for.")] = "",
    credential: Annotated[
        list[str] | None, typer.Option("--credential", help="A credential you hold (repeat).")
    ] = None,
    setting: Annotated[
        list[str] | None, typer.Option("--setting", help="A setting to include (repeat).")
    ] = None,
    work_arrangement: Annotated[
        str | None, typer.Option("--work-arrangement", help="remote, hybrid or onsite.")
    ] = None,
    remote: Annotated[bool, typer.Option("--remote", help="Short for remote only.")] = False,
    entry_level: Annotated[bool, typer.Option("--entry-level", help="Entry level only.")] = False,
    experience_years: Annotated[
        int | None, typer.Option("--experience-years", help="Your years of coding experience.")
    ] = None,
    near: Annotated[str | None, typer.Option("--near", help="A place: 'City, ST' or ZIP.")] = None,
    radius_miles: Annotated[float, typer.Option("--radius-miles")] = 50.0,
    min_salary: Annotated[
        float | None, typer.Option("--min-salary", help="Minimum annual pay in dollars.")
    ] = None,
    posted_within_days: Annotated[int | None, typer.Option("--posted-within-days")] = None,
    sort: Annotated[str, typer.Option("--sort", help="relevance, date or salary.")] = "relevance",
    page: Annotated[int, typer.Option("--page")] = 1,
    size: Annotated[int, typer.Option("--size")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print GET /api/jobs's JSON.")] = False,
) -> None:
    """Search open coding jobs by credential, experience, setting, place and pay."""
    from codermatch.settings import Settings
    from codermatch.stores import open_store
    from indexer.search_request import InvalidSearch, SearchRequest, to_query

    request = SearchRequest(
        q=query,
        credential=tuple(credential or ()),
        setting=tuple(setting or ()),
        work_arrangement="remote" if remote else work_arrangement,
        entry_level=True if entry_level else None,
        experience_years=experience_years,
        near=near,
        radius_miles=radius_miles,
        min_salary=min_salary,
        posted_within_days=posted_within_days,
        sort=sort,
        page=page,
        size=size,
    )
    try:
        search_query = to_query(request, today=date.today())
    except InvalidSearch as error:
        flag = "--" + error.parameter.replace("_", "-")
        raise typer.BadParameter(error.message, param_hint=flag) from error
    store = open_store(Settings())
    result = store.search(search_query)
    store.close()
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "total": result.total,
                    "page": search_query.page,
                    "size": search_query.size,
                    "hits": [job.to_dict() for job in result.hits],
                    "facets": result.facets,
                }
            )
        )
        return
    from codermatch.job_table import jobs_table

    shown = len(result.hits)
    first = (search_query.page - 1) * search_query.size + 1 if shown else 0
    typer.echo(f"{result.total} jobs; showing {first}-{first + shown - 1 if shown else 0}.\n")
    if shown:
        typer.echo(jobs_table(result.hits))
