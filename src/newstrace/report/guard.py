"""What the web app checks on every request before a page or the API sees it.

The app runs on a person's machine with their index behind it, and any web page they visit
can send requests to it. So:

- the ``Host`` header must name the address the app was bound to (or, on loopback, one of
  localhost's names): a page that rebinds its own domain to 127.0.0.1 (DNS rebinding) gets
  a 421, not the index;
- a request that changes or costs something (a POST: the query
  form, the API's query) is refused with a 403 when the browser says it comes from another
  site (``Origin`` not this app's, or ``Sec-Fetch-Site: cross-site``); scripts and ``curl``,
  which send neither, are served;
- every response forbids scripts, framing (CSP ``frame-ancestors`` and ``X-Frame-Options``)
  and content sniffing;
- a body over the upload limit is refused with a 413 before it is read;
- ``HEAD`` is answered like ``GET`` without the body (monitors and ``curl -I`` use it).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi.responses import JSONResponse
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CONTENT_SECURITY_POLICY", "LOOPBACK", "Guard", "UploadLimit"]

#: Pages carry no script and are never framed; styles are inline, forms post to this server.
CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                           "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
#: The names of this machine a loopback-bound app answers to.
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
#: Methods that neither change nor cost anything here (the app has no OPTIONS route).
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


class Guard:
    """Host check, cross-site refusal, security headers and HEAD, as described above.
    ``hosts`` are the host names (without port) the app answers to; None answers to any
    (an app deliberately served beyond this machine under names not known in advance).

    Plain ASGI, not Starlette's ``BaseHTTPMiddleware``: behind that, an endpoint never
    learns that its client went away (``request.is_disconnected()`` stays False), and a
    query abandoned by its browser would run to its time budget."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = _hostname(headers.get("host", ""))
        if self.hosts is not None and host not in self.hosts:
            await _refuse(421, f"this server answers to {', '.join(sorted(self.hosts))}, "
                               f"not {host or 'no host'}")(scope, receive, send)
            return
        if scope["method"] not in _SAFE and _cross_site(headers):
            await _refuse(403, "refused: the request comes from another site's page")(
                scope, receive, send)
            return
        head = scope["method"] == "HEAD"

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                _secure(MutableHeaders(scope=message))
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        # HEAD is served as GET on a copy of the scope: the server's own scope keeps
        # "HEAD", so it still sends no body (uvicorn's httptools checks it).
        await self.app(dict(scope, method="GET") if head else scope, receive, secured)


class UploadLimit:
    """Refuses a request body over the limit before reading it, saying what the limit is
    (plain ASGI, for the reason ``Guard`` gives)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = Headers(scope=scope).get("content-length")
            if size is not None and size.isdigit() and int(size) > self.limit:
                await _refuse(413, f"upload too large: {int(size):,} bytes; this server takes "
                                   f"at most {self.limit:,} bytes (newstrace serve "
                                   "--max-upload)")(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _secure(headers: MutableHeaders) -> None:
    headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"


def _hostname(host: str) -> str:
    """The host name of a Host header, without its port or an IPv6 address's brackets
    (``[::1]:8765`` -> ``::1``); anything after a bracketed address but a port makes it
    no name at all."""
    host = host.strip().lower()
    if host.startswith("["):
        address, _, rest = host[1:].partition("]")
        return address if rest == "" or (rest[:1] == ":" and rest[1:].isdigit()) else ""
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_names(host: str) -> frozenset[str]:
    """The names an app bound to ``host`` answers to: the host itself (an IPv6 address
    without brackets), and this machine's loopback names."""
    return LOOPBACK | {host.strip().lower().strip("[]")}


def _cross_site(headers: Headers) -> bool:
    """Whether the browser says this request was made by another site's page."""
    if headers.get("sec-fetch-site", "") == "cross-site":
        return True
    origin = headers.get("origin")
    if origin is None:
        return False  # not a browser's cross-origin request (curl, scripts, same-origin GET)
    return origin == "null" or urlsplit(origin).netloc.lower() != headers.get("host",
                                                                              "").lower()


def _refuse(status: int, detail: str) -> Response:
    response = JSONResponse(status_code=status, content={"detail": detail})
    _secure(response.headers)
    return response
