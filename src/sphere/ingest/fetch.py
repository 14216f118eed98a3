"""Fetching pages and feeds over HTTP(S) with httpx, within the size cap.

The response is streamed and abandoned as soon as it passes the cap, so an endless or huge
response costs at most the cap. Errors become `FetchError`s naming the URL and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import FetchError
from .limits import too_large

if TYPE_CHECKING:  # imported on first use: an ingest of local files never needs it (~0.16 s)
    import httpx

USER_AGENT = "Sphere/0.1 (research; +https://github.com/) httpx"


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    content_type: str | None
    body: bytes


@dataclass
class Fetcher:
    """One HTTP client for a whole ingest (connections are reused); opened on first use."""

    timeout: float = 20.0
    _client: httpx.Client | None = field(default=None, init=False)

    def client(self) -> httpx.Client:
        import httpx

        if self._client is None:
            self._client = httpx.Client(
                follow_redirects=True, timeout=httpx.Timeout(self.timeout, connect=10.0), headers={"User-Agent": USER_AGENT}
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def get(self, url: str, max_size: int) -> Response:
        import httpx

        try:
            with self.client().stream("GET", url) as r:
                if r.status_code >= 400:
                    raise FetchError(url, f"HTTP {r.status_code} {r.reason_phrase}")
                declared = r.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_size:
                    raise too_large(url, int(declared), max_size)
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > max_size:
                        raise too_large(url, None, max_size)
                    chunks.append(chunk)
                return Response(str(r.url), r.headers.get("Content-Type"), b"".join(chunks))
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out ({type(exc).__name__})") from exc
        except httpx.ConnectError as exc:
            raise FetchError(url, f"cannot connect ({exc})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}") from exc
