"""`codermatch serve`: the HTTP API (and, once built, the web pages) with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
) -> None:
    """Serve the API on http://HOST:PORT over the configured store (docs at /docs)."""
    import uvicorn

    from api.app import create_app
    from codermatch.settings import Settings

    settings = Settings()
    typer.echo(f"CoderMatch API on http://{host}:{port} (docs: http://{host}:{port}/docs)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
