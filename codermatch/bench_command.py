"""`codermatch bench`: speed figures on synthetic postings (DESIGN.md, stable keys).

Progress goes to stderr; with `--json` the last line of stdout is one JSON object.
"""

from __future__ import annotations

import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Annotated, Any

import typer

from digest.mime import Email
from indexer.sqlite_store import SqlitePostingStore

# The end-to-end `codermatch tag --jsonl` run uses at most this many postings.
_JSONL_POSTINGS = 20_000
# Searches timed of each kind, and what they filter on.
_SEARCHES = 200
_MATCHES = 20
# The API benchmark: client threads, and seconds of requests an endpoint.
_API_CLIENTS = 4
_API_SECONDS = 3.0
_CREDENTIALS = ("CPC-A", "CPC", "CCS", "RHIT")
_SETTINGS = ("professional", "outpatient", "inpatient", "risk_adjustment")
_TODAY = date(2026, 11, 25)
_SEEN_AT = datetime(2026, 11, 25, 6, 0)


def bench(
    postings: Annotated[
        int, typer.Option("--postings", min=1, help="How many synthetic postings to use.")
    ] = 100_000,
    only: Annotated[
        str | None, typer.Option("--only", help="Comma-separated kinds to run (default: all).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Measure tagging, ingest and search on synthetic postings of realistic length."""
    kinds = _chosen_kinds(only)

    results: dict[str, Any] = {"postings": postings}
    with tempfile.TemporaryDirectory() as folder:
        workspace = _Workspace(postings, Path(folder))
        for kind in kinds:
            results.update(_KINDS[kind](workspace))
        workspace.close()
    # The largest of this process and its worker processes, in MB.
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    results["peak_rss_mb"] = round(peak_kb / 1024, 1)
    if as_json:
        typer.echo(json.dumps(results))
    else:
        for key, value in results.items():
            typer.echo(f"{key:<20} {value}")


def _chosen_kinds(only: str | None) -> list[str]:
    if not only:
        return list(_KINDS)
    kinds = [kind.strip() for kind in only.split(",") if kind.strip()]
    unknown = [kind for kind in kinds if kind not in _KINDS]
    if unknown:
        raise typer.BadParameter(
            f"unknown kind {', '.join(unknown)}; choose from {', '.join(_KINDS)}",
            param_hint="--only",
        )
    return kinds


class _Workspace:
    """How many synthetic postings to use and, once a kind needs it, a store holding them."""

    def __init__(self, count: int, folder: Path) -> None:
        self.count = count
        self.workers = os.cpu_count() or 1
        self.folder = folder
        self._store: SqlitePostingStore | None = None
        self.ingest_seconds = 0.0

    def postings(self) -> Iterator[dict[str, Any]]:
        """The synthetic postings, made afresh (the same every time) so none stay in memory."""
        from codermatch.synthetic import synthetic_postings

        return synthetic_postings(self.count)

    def store(self) -> SqlitePostingStore:
        """The store with every synthetic posting ingested (timed the first time)."""
        if self._store is None:
            from indexer.ingest import ingest
            from indexer.models import RawPosting

            self._store = SqlitePostingStore(self.folder / "bench.db")
            raw = (RawPosting.model_validate(posting) for posting in self.postings())
            started = time.perf_counter()
            ingest(raw, self._store, today=_TODAY, seen_at=_SEEN_AT, workers=self.workers)
            self.ingest_seconds = time.perf_counter() - started
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def _bench_ingest(workspace: _Workspace) -> dict[str, Any]:
    """Raw postings to stored jobs per second, normalizing and tagging included."""
    _progress(f"ingest: {workspace.count:,} postings into SQLite")
    workspace.store()
    return {
        "ingest_per_s": round(workspace.count / workspace.ingest_seconds),
        "ingest_workers": workspace.workers,
    }


def _bench_search(workspace: _Workspace) -> dict[str, Any]:
    """Search latency, p50 and p95 in ms, for filters only, a rare term and a common term;
    each query has a credential, a setting, a place with radius, and all three facets."""
    from codermatch.synthetic import SPECIALTIES
    from indexer.location import resolve_place
    from indexer.store import SearchQuery

    store = workspace.store()
    places = [resolve_place(city) for city in ("Austin, TX", "Columbus, OH", "Denver, CO")]
    texts = {"filters": lambda i: "", "rare_term": lambda i: SPECIALTIES[i % len(SPECIALTIES)]}
    texts["common_term"] = lambda i: "coder"
    figures = {}
    for kind, text_of in texts.items():
        timings = []
        for index in range(_SEARCHES):
            query = SearchQuery(
                text=text_of(index),
                credentials=frozenset({_CREDENTIALS[index % len(_CREDENTIALS)]}),
                settings=frozenset({_SETTINGS[index % len(_SETTINGS)]}),
                near=places[index % len(places)],
                radius_miles=100,
                today=_TODAY,
            )
            started = time.perf_counter()
            store.search(query)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        figures[kind] = {
            "p50": round(timings[len(timings) // 2], 2),
            "p95": round(timings[int(len(timings) * 0.95) - 1], 2),
        }
        _progress(f"search {kind}: p50 {figures[kind]['p50']} ms, p95 {figures[kind]['p95']} ms")
    return {"search_ms": figures}


def _bench_match(workspace: _Workspace) -> dict[str, Any]:
    """Match latency, p50 and p95 in ms, of seekers' profiles, each credential in turn with
    0-2 years near a city: matches only (`match_ms`), then with the advisor's answer."""
    from matching.advisor import advise
    from matching.matcher import match
    from matching.profile import make_profile

    store = workspace.store()
    cities = ("Austin, TX", "Columbus, OH", "Denver, CO")
    profiles = [
        make_profile([credential], index % 3, location=cities[index % len(cities)])
        for index, credential in enumerate(_CREDENTIALS * (_MATCHES // len(_CREDENTIALS)))
    ]
    figures = {}
    for key, with_advice in (("match_ms", False), ("match_with_advice_ms", True)):
        timings = []
        for profile in profiles:
            started = time.perf_counter()
            match(store, profile, today=_TODAY)
            if with_advice:
                advise(store, profile, today=_TODAY)
            timings.append((time.perf_counter() - started) * 1000)
        figures[key] = _percentiles(timings)
        _progress(f"{key}: p50 {figures[key]['p50']} ms, p95 {figures[key]['p95']} ms")
    return figures


def _bench_api(workspace: _Workspace) -> dict[str, Any]:
    """Requests a second to `codermatch serve` on loopback (one server process), for a
    credential search and for `/healthz`, from client threads in this process; each path is
    asked once first, so a store's first read of its file is not counted."""
    import socket
    import subprocess
    import sys

    workspace.store()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    environment = {**os.environ, "CODERMATCH_STORE": f"sqlite:///{workspace.folder / 'bench.db'}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "codermatch", "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_ready(port)
        paths = {
            "healthz": "/healthz",
            "search": "/api/jobs?credential=CPC-A&setting=professional&near=Austin,%20TX",
        }
        for path in paths.values():
            _get(port, path)
        rates = {name: _requests_per_second(port, path) for name, path in paths.items()}
    finally:
        server.terminate()
        server.wait(timeout=10)
    share = round(rates["search"] / rates["healthz"], 3)
    _progress(f"api: {rates}, search at {share} of healthz")
    return {
        "api_search_per_s": rates["search"],
        "api_healthz_per_s": rates["healthz"],
        "api_search_share_of_healthz": share,
    }


def _get(port: int, path: str) -> None:
    """One request, its answer read and dropped."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    connection.getresponse().read()
    connection.close()


def _wait_until_ready(port: int) -> None:
    import http.client

    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the API did not start")


def _requests_per_second(port: int, path: str) -> float:
    """Completed requests a second over `_API_SECONDS`, `_API_CLIENTS` keep-alive clients."""
    import http.client
    import threading

    deadline = time.perf_counter() + _API_SECONDS
    counts = [0] * _API_CLIENTS

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.perf_counter() < deadline:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            counts[index] += response.status == 200

    threads = [threading.Thread(target=client, args=(i,)) for i in range(_API_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return round(sum(counts) / _API_SECONDS, 1)


def _percentiles(timings: list[float]) -> dict[str, float]:
    timings = sorted(timings)
    return {
        "p50": round(timings[len(timings) // 2], 2),
        "p95": round(timings[max(0, int(len(timings) * 0.95) - 1)], 2),
    }


def _bench_tag(workspace: _Workspace) -> dict[str, Any]:
    """Postings tagged per second on one core, in process; then end to end through the CLI."""
    from indexer.tagging.tagger import tag_posting

    sample = workspace.postings()

    started = time.perf_counter()
    for index, posting in enumerate(sample, start=1):
        tag_posting(posting["title"], posting["text"], employer=posting["employer"])
        if index % 10_000 == 0:
            _progress(f"tag: {index:,}/{workspace.count:,}")
    tag_per_s = workspace.count / (time.perf_counter() - started)
    jsonl_postings = islice(workspace.postings(), _JSONL_POSTINGS)
    return {"tag_per_s": round(tag_per_s), "tag_jsonl_per_s": _bench_tag_jsonl(jsonl_postings)}


def _bench_tag_jsonl(postings: Iterable[dict[str, Any]]) -> int:
    """`codermatch tag --jsonl` on up to 20,000 postings, start-up included."""
    subset = list(postings)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "postings.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for posting in subset:
                record = {key: posting[key] for key in ("title", "employer", "text")}
                out.write(json.dumps({"id": posting["source_id"], **record}) + "\n")
        _progress(f"tag --jsonl: {len(subset):,} postings through the command")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "codermatch", "tag", "--jsonl", str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return round(len(subset) / (time.perf_counter() - started))


def _progress(message: str) -> None:
    typer.echo(message, err=True)


# The digest benchmark: subscribers, and the postings first seen in the week of the run.
_SUBSCRIBERS = 10_000
_NEW_THIS_WEEK = 2_000
_DIGEST_CREDENTIALS = (["CPC-A"], ["CPC"], ["CCA"], ["CCS"], ["CPC", "CRC"], ["RHIT"], ["COC"])
# Subscribers live all over the synthetic postings' cities (each at one of its ZIP codes), so
# distances, and so the digests, differ from one subscriber to the next.
_DIGEST_CITIES = (
    ("Austin", "TX"), ("Columbus", "OH"), ("Denver", "CO"), ("Tampa", "FL"), ("Nashville", "TN"),
    ("Pittsburgh", "PA"), ("Phoenix", "AZ"), ("Raleigh", "NC"), ("Boise", "ID"), ("Omaha", "NE"),
)  # fmt: skip


class _DiscardedMail:
    """A sender that drops each message, already written out as SMTP carries it: the digest
    benchmark measures CoderMatch, not a mail server."""

    def send(self, email: Email) -> None:
        """Nothing: the message is dropped."""


def _bench_digest(workspace: _Workspace) -> dict[str, Any]:
    """Subscribers a second through a whole digest run (choosing, rendering, logging; SMTP
    excluded) over the store, with `_NEW_THIS_WEEK` postings first seen in the run's week,
    shared by one worker process a core; and the Python heap's peak in one process sending to
    a tenth of the subscribers and to all (each on a copy of the subscribers as they were):
    streamed, they leave it flat."""
    import tracemalloc
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from codermatch.synthetic import synthetic_postings
    from digest.subscribers import SubscriberStore
    from indexer.ingest import ingest
    from indexer.models import RawPosting

    store = workspace.store()
    week_start = (_SEEN_AT + timedelta(days=60)).replace(tzinfo=UTC)
    _progress(f"digest: {_NEW_THIS_WEEK:,} postings new this week")
    fresh = synthetic_postings(_NEW_THIS_WEEK, seed=7, first_number=workspace.count)
    raw = (RawPosting.model_validate(posting) for posting in fresh)
    ingest(raw, store, today=week_start.date(), seen_at=week_start, workers=workspace.workers)
    postings, now = workspace.folder / "bench.db", week_start + timedelta(days=3)
    subscribers_file = workspace.folder / "subscribers.db"
    subscribers = SubscriberStore(f"sqlite:///{subscribers_file}")
    copies = {}  # subscriber count -> a copy of the subscribers, for the heap's runs
    for count in (_SUBSCRIBERS // 10, _SUBSCRIBERS):
        _add_subscribers(subscribers, count, at=week_start)
        copies[count] = workspace.folder / f"subscribers-{count}.db"
        with sqlite3.connect(subscribers_file) as source, sqlite3.connect(copies[count]) as copy:
            source.backup(copy)
    subscribers.close()
    _progress(f"digest: {_SUBSCRIBERS:,} subscribers, {workspace.workers} worker processes")
    stores = (postings, f"sqlite:///{subscribers_file}")
    started = time.perf_counter()
    with ProcessPoolExecutor(workspace.workers, mp_context=get_context("fork")) as pool:
        shares = [(number, workspace.workers) for number in range(workspace.workers)]
        parts = [pool.submit(_digest_share, stores, "2027-W04", now, send=True, share=share)
                 for share in shares]  # fmt: skip
        sent = sum(part.result().sent for part in parts)
    per_s = round(_SUBSCRIBERS / (time.perf_counter() - started))
    _progress(f"digest: {per_s:,} subscribers/s (sent {sent}); now the heap, in one process")
    # Once, unwatched: the stores' first reads, the gazetteer, the caches of the rules.
    _digest_share((postings, f"sqlite:///{copies[_SUBSCRIBERS // 10]}"), "warm-up", now,
                  send=False, share=None)  # fmt: skip
    heap_peaks = {}
    for count, copy in copies.items():
        tracemalloc.start()
        _digest_share((postings, f"sqlite:///{copy}"), "2027-W04", now, send=True, share=None)
        heap_peaks[count] = round(tracemalloc.get_traced_memory()[1] / 1_048_576, 1)
        tracemalloc.stop()
    _progress(f"digest: heap peak {heap_peaks} MB")
    return {
        "digest_subscribers_per_s": per_s,
        "digest_workers": workspace.workers,
        "digest_sent": sent,
        "digest_heap_peak_mb": {f"{count}_subscribers": mb for count, mb in heap_peaks.items()},
    }


def _digest_share(
    stores: tuple[Path, str], week: str, now: datetime, *, send: bool, share: tuple[int, int] | None
) -> Any:
    """A digest run (or one worker's share of it) on stores of its own; sent messages are
    written out and dropped."""
    from digest.emails import MailSettings
    from digest.run import DigestRun, send_digests
    from digest.subscribers import SubscriberStore
    from digest.tokens import Tokens

    postings, subscribers = SqlitePostingStore(stores[0]), SubscriberStore(stores[1])
    run = DigestRun(
        postings=postings,
        subscribers=subscribers,
        mailer=_DiscardedMail() if send else None,
        tokens=Tokens("bench"),
        mail=MailSettings("CoderMatch <digest@bench.example>", "https://bench.example"),
        week=week,
        now=now,
    )
    summary = send_digests(run, share=share)
    subscribers.close()
    postings.close()
    return summary


def _add_subscribers(subscribers: Any, count: int, *, at: datetime) -> None:
    """Confirmed subscribers with varied profiles, up to `count` in all; the same each time."""
    import zipcodes

    places = [
        place["zip_code"]
        for city, state in _DIGEST_CITIES
        for place in zipcodes.filter_by(city=city, state=state, zip_code_type="STANDARD")
    ]
    already = sum(1 for _ in subscribers.confirmed())
    for number in range(already, count):
        pick = random.Random(number)
        profile = {
            "credentials": pick.choice(_DIGEST_CREDENTIALS),
            "experience_years": pick.randrange(4),
            "location": pick.choice(places),
            "radius_miles": pick.choice((25, 50, 100)),
            "remote_ok": pick.random() < 0.8,
        }
        subscriber = subscribers.subscribe(f"seeker{number}@bench.example", profile, now=at)
        subscribers.confirm(subscriber.id, now=at)


_KINDS: dict[str, Callable[[_Workspace], dict[str, Any]]] = {
    "tag": _bench_tag,
    "ingest": _bench_ingest,
    "search": _bench_search,
    "match": _bench_match,
    "api": _bench_api,
    "digest": _bench_digest,
}
