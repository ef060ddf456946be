"""What the web app checks on every request before a page or the API sees it.

The app runs on a person's machine with their index behind it, and any web page they visit
can send requests to it. So:

- the ``Host`` header must name the address the app was bound to (or, on loopback, one of
  localhost's names): a page that rebinds its own domain to 127.0.0.1 (DNS rebinding) gets
  a 421, not the index;
- a request that changes or costs something (every method but GET and HEAD: the query
  form, the API's query) is refused with a 403 when the browser says it comes from another
  site (``Origin`` not this app's, or ``Sec-Fetch-Site: cross-site``); scripts and ``curl``,
  which send neither, are served;
- every response forbids scripts, framing (CSP ``frame-ancestors`` and ``X-Frame-Options``)
  and content sniffing;
- a body over the upload limit is refused with a 413 before it is read;
- ``HEAD`` is answered like ``GET`` without the body (monitors and ``curl -I`` use it).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

__all__ = ["CONTENT_SECURITY_POLICY", "LOOPBACK", "Guard", "UploadLimit"]

#: Pages carry no script and are never framed; styles are inline, forms post to this server.
CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                           "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
#: The names of this machine a loopback-bound app answers to.
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


class Guard(BaseHTTPMiddleware):
    """Host check, cross-site refusal, security headers and HEAD, as described above.
    ``hosts`` are the host names (without port) the app answers to; None answers to any
    (an app deliberately served beyond this machine under names not known in advance)."""

    def __init__(self, app: Any, hosts: frozenset[str] | None) -> None:
        super().__init__(app)
        self.hosts = hosts

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint
                       ) -> Response:
        host = _hostname(request.headers.get("host", ""))
        if self.hosts is not None and host not in self.hosts:
            return _refuse(421, f"this server answers to {', '.join(sorted(self.hosts))}, "
                                f"not {host or 'no host'}")
        if request.method not in _SAFE and _cross_site(request):
            return _refuse(403, "refused: the request comes from another site's page")
        head = request.method == "HEAD"
        if head:
            request.scope["method"] = "GET"
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        if head:
            return Response(status_code=response.status_code, headers=dict(response.headers))
        return response


class UploadLimit(BaseHTTPMiddleware):
    """Refuses a request body over the limit before reading it, saying what the limit is."""

    def __init__(self, app: Any, limit: int) -> None:
        super().__init__(app)
        self.limit = limit

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint
                       ) -> Response:
        size = request.headers.get("content-length")
        if size is not None and size.isdigit() and int(size) > self.limit:
            return _refuse(413, f"upload too large: {int(size):,} bytes; this server takes at "
                                f"most {self.limit:,} bytes (newstrace serve --max-upload)")
        return await call_next(request)


def _hostname(host: str) -> str:
    """The host name of a Host header, without its port (``[::1]:8765`` -> ``[::1]``)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _cross_site(request: Request) -> bool:
    """Whether the browser says this request was made by another site's page."""
    if request.headers.get("sec-fetch-site", "") == "cross-site":
        return True
    origin = request.headers.get("origin")
    if origin is None:
        return False  # not a browser's cross-origin request (curl, scripts, same-origin GET)
    parts = urlsplit(origin)
    return origin == "null" or parts.netloc.lower() != request.headers.get("host", "").lower()


def _refuse(status: int, detail: str) -> Response:
    response = JSONResponse(status_code=status, content={"detail": detail})
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Frame-Options"] = "DENY"
    return response
