"""``rashomon serve``: the web app under uvicorn, on loopback unless a token guards it."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from rashomon.app.security import bind_refusal


class ServeRefused(ValueError):
    """Serving as asked would expose the store; the message says why and what to do."""


def serve(
    db_path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    max_upload: int | None = None,
    insecure_public: bool = False,
) -> None:
    """Serve the store at ``db_path`` until interrupted."""
    refusal = bind_refusal(host, token, insecure_public)
    if refusal is not None:
        raise ServeRefused(refusal)
    import uvicorn

    from rashomon.app.web import DEFAULT_MAX_UPLOAD, create_app

    logging.basicConfig(level=logging.INFO, format="rashomon: %(message)s")
    app = create_app(db_path, token, max_upload=max_upload or DEFAULT_MAX_UPLOAD)
    guarded = "token required" if token else "no token"
    print(f"rashomon: serving {db_path} on http://{host}:{port}/ ({guarded}; Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        proxy_headers=False,
        timeout_keep_alive=30,  # longer than a reader pauses between pages, so connections are reused
        timeout_graceful_shutdown=10,
    )
