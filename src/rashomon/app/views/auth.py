"""Logging in to a served store that has a token: ``/login?token=T`` or its form sets the session cookie."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from rashomon.app.security import COOKIE, COOKIE_MAX_AGE_S, cross_site, safe_next, same, session_value
from rashomon.app.views.common import error_response, page, parts


async def login(request: Request) -> Response:
    p = parts(request)
    next_path = safe_next(request.query_params.get("next"))
    if p.token is None:
        return RedirectResponse(next_path, status_code=303)
    given = request.query_params.get("token")
    if request.method == "POST":
        if cross_site(request):
            return error_response(request, 403, "this form only accepts posts from this site's own pages")
        async with request.form(max_files=0, max_fields=4, max_part_size=4096) as form:
            value = form.get("token")
            given = value if isinstance(value, str) else ""
            next_path = safe_next(str(form.get("next") or next_path))
    if given is None:
        return page(request, "login.html", {"next_path": next_path, "failed": False})
    if not same(given.strip(), p.token):
        return page(request, "login.html", {"next_path": next_path, "failed": True}, 401)
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(
        COOKIE,
        session_value(p.token),
        max_age=COOKIE_MAX_AGE_S,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


async def logout(request: Request) -> Response:
    if cross_site(request):
        return error_response(request, 403, "this form only accepts posts from this site's own pages")
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response
