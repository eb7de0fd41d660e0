"""`codermatch match`: the jobs a seeker can get, ranked, with reasons and the advisor's tip."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

# Profile fields as the command's flags, to name the flag at fault.
_FLAGS = {
    "credentials": "--credential",
    "experience_years": "--experience-years",
    "settings": "--setting",
    "location": "--near",
    "radius_miles": "--radius-miles",
    "min_salary": "--min-salary",
}


def match(
    credential: Annotated[
        list[str] | None, typer.Option("--credential", help="A credential you hold (repeat).")
    ] = None,
    experience_years: Annotated[
        int, typer.Option("--experience-years", help="Your years of coding experience.")
    ] = 0,
    setting: Annotated[
        list[str] | None, typer.Option("--setting", help="A setting you want (repeat).")
    ] = None,
    near: Annotated[str | None, typer.Option("--near", help="A place: 'City, ST' or ZIP.")] = None,
    radius_miles: Annotated[float, typer.Option("--radius-miles")] = 50.0,
    no_remote: Annotated[bool, typer.Option("--no-remote", help="Leave remote jobs out.")] = False,
    min_salary: Annotated[
        float | None, typer.Option("--min-salary", help="Minimum annual pay in dollars.")
    ] = None,
    keywords: Annotated[str, typer.Option("--keywords", help="Words that rank jobs up.")] = "",
    limit: Annotated[int, typer.Option("--limit", min=1, max=100)] = 20,
) -> None:
    """Rank the jobs you can get (eligible) and nearly can (stretch), and say why."""
    from codermatch.settings import Settings
    from codermatch.stores import open_store
    from indexer.search_request import InvalidSearch
    from matching.advisor import advise
    from matching.matcher import match as run_match
    from matching.profile import make_profile

    try:
        profile = make_profile(
            credential or (),
            experience_years,
            settings=setting or (),
            location=near,
            radius_miles=radius_miles,
            remote_ok=not no_remote,
            min_salary=min_salary,
            keywords=keywords,
        )
    except InvalidSearch as error:
        flag = _FLAGS.get(error.parameter, error.parameter)
        raise typer.BadParameter(error.message, param_hint=flag) from error
    store = open_store(Settings())
    today = date.today()
    matches = run_match(store, profile, today=today, limit=limit)
    advice = advise(store, profile, today=today)
    store.close()
    for status, heading in (("eligible", "Jobs you can get"), ("stretch", "Stretches")):
        shown = [found for found in matches if found.status == status]
        typer.echo(f"{heading}: {len(shown)}")
        for found in shown:
            job = found.job
            typer.echo(f"  {job.title} @ {job.employer or '?'}  (score {found.score:g})")
            for reason in found.reasons:
                typer.echo(f"      - {reason}")
        typer.echo("")
    typer.echo("Advice:" if advice else "Advice: no single step opens more jobs within reach.")
    for item in advice:
        typer.echo(f"  {item.sentence}")
