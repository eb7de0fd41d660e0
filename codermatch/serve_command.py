"""`codermatch serve`: the web pages and the JSON API with uvicorn, on one address.

`serve_app` is shared with `codermatch demo`, which ends by serving what it crawled.
"""

from __future__ import annotations

import socket
import sys
from typing import Annotated

import typer

from codermatch.settings import Settings


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
) -> None:
    """Serve the web pages and the API on http://HOST:PORT over the configured store."""
    serve_app(Settings(), host=host, port=port)


def serve_app(settings: Settings, *, host: str, port: int, or_any_free_port: bool = False) -> None:
    """Run the app until Ctrl-C and say where. A port in use is one clear line and exit 1,
    or, with `or_any_free_port`, a free port is taken instead and named."""
    import uvicorn

    from api.app import create_app

    if not _is_free(host, port):
        if not or_any_free_port:
            typer.echo(
                f"Port {port} on {host} is in use: stop what uses it, or pass --port.", err=True
            )
            raise typer.Exit(1)
        typer.echo(f"Port {port} is in use, so another one is taken.", err=True)
        port = _free_port(host)
    url = f"http://{host}:{port}"
    typer.echo(
        f"\nCoderMatch is on {url} : search, Match me and insights in your browser, "
        f"the API's docs at {url}/docs. Press Ctrl-C to stop it.",
    )
    sys.stdout.flush()  # said before the server blocks, even into a pipe
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


def _is_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
