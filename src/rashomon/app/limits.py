"""The request body limit: a declared length over it is refused before reading, and a streamed body (chunked, or
lying about its length) is counted as it arrives and refused as soon as it passes the limit, never read whole.

Starlette has a limiter of its own, but it answers a declared oversize body with a bare plain-text 413 in place of
whatever the app sends; this one lets the app's error pages say what the limit is (JSON on the API, HTML else).
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(413, "request body too large")


class BodyLimit:
    """``refuse(request)`` builds the 413 sent for a declared length over ``limit``; past the limit while
    streaming, ``BodyTooLarge`` is raised from ``receive`` for the app's exception handler to answer."""

    def __init__(self, app: ASGIApp, limit: int, refuse: Callable[[Request], Response]) -> None:
        self.app = app
        self.limit = limit
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await self.refuse(Request(scope))(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge()
            return message

        await self.app(scope, counted, send)
