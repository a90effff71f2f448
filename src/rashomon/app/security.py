"""What keeps a served store safe: where it may bind, the optional token, cross-site form posts, response headers.

With a token, every route but the login page needs it: the API as ``Authorization: Bearer TOKEN``, the browser
pages as a session cookie that ``/login`` sets (from ``?token=`` or its form). The cookie holds an HMAC of the
token, not the token; both are compared in constant time. Forms that change something refuse cross-site posts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import re
from collections.abc import Mapping

import jinja2
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "rashomon_session"
COOKIE_MAX_AGE_S = 30 * 24 * 3600
TOKEN_ENV = "RASHOMON_TOKEN"

# No script but the comparison page's own few lines (allowed by their hash); styles are inline in the layout.
CSP_BASE = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
HEADERS: Mapping[str, str] = {
    "content-security-policy": CSP_BASE,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def script_hashes(env: jinja2.Environment, template: str = "comparison.html") -> tuple[str, ...]:
    """CSP hashes of the inline scripts in a template's ``scripts`` block: its own static text, rendered with no
    data, so no report text can ever match one."""
    try:
        found = env.get_template(template)
    except jinja2.TemplateNotFound:
        return ()
    block = found.blocks.get("scripts")
    if block is None:
        return ()
    rendered = "".join(block(found.new_context({})))
    digests = (hashlib.sha256(body.encode("utf-8")).digest() for body in _SCRIPT.findall(rendered))
    return tuple(f"'sha256-{base64.b64encode(d).decode('ascii')}'" for d in digests)


def csp(script_hashes: tuple[str, ...] = ()) -> str:
    scripts = f"; script-src {' '.join(script_hashes)}" if script_hashes else ""
    return CSP_BASE + scripts


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine (127.0.0.0/8, ::1, localhost)."""
    name = host.strip("[]").lower()
    if name in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def bind_refusal(host: str, token: str | None, insecure_public: bool) -> str | None:
    """Why serving on ``host`` is refused, or None when it is allowed."""
    if is_loopback(host) or token or insecure_public:
        return None
    return (
        f"refusing to serve on {host} without a token: anyone who can reach this address could read every stored "
        "report and add their own. Give --token (or set RASHOMON_TOKEN) and share it with your team, bind to "
        "127.0.0.1, or pass --insecure-public if the network is trusted."
    )


def session_value(token: str) -> str:
    """The cookie's value for a token: a keyed hash, so the cookie does not hold the token itself."""
    return hmac.new(token.encode("utf-8"), b"rashomon session v1", hashlib.sha256).hexdigest()


def same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def bearer_ok(conn: HTTPConnection, token: str) -> bool:
    scheme, _, value = conn.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and same(value.strip(), token)


def cookie_ok(conn: HTTPConnection, token: str) -> bool:
    return same(conn.cookies.get(COOKIE, ""), session_value(token))


def cross_site(conn: HTTPConnection) -> bool:
    """Whether a request comes from another site's page (a forged form post): by Sec-Fetch-Site, else by Origin."""
    fetch_site = conn.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = conn.headers.get("origin")
    if origin is None or origin == "null":
        return origin == "null"
    host = conn.headers.get("host", "")
    return origin.split("://", 1)[-1] != host


def safe_next(value: str | None) -> str:
    """Where to go after logging in: a path on this site only (never another host)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


class SecurityHeaders:
    """Adds ``HEADERS`` (with ``content_security_policy``) to every response (pure ASGI, so streamed responses and
    errors get them too)."""

    def __init__(self, app: ASGIApp, content_security_policy: str = CSP_BASE) -> None:
        self.app = app
        self.headers = {**HEADERS, "content-security-policy": content_security_policy}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
