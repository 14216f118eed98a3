"""What every route needs: a database session, the event filters, a page window.

The filters are the same everywhere (API, pages and their .json/.csv twins, exports), parsed
once here from the query string: an empty form field means "no filter", and values are
validated (dates, numbers) before they reach the store, which binds them as parameters.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date

from fastapi import HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.orm import Session

from ..export.records import check_date_filter
from ..store.documents import DocumentFilter
from ..store.events import EventFilter

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
DAY = r"^(\d{4}-\d{2}-\d{2})?$"
MAX_PAGE = 500


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A session per request, opened and closed on the event loop: a plain generator would be
    entered and left in the thread pool, two thread hops per request on top of the endpoint's
    own. Making a session touches no database (its connection is taken when first used, in
    the endpoint's thread); closing one hands that connection back to the pool."""
    with Session(request.app.state.engine) as session:
        yield session


def blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def real_date(value: str | None, name: str) -> str | None:
    """A `since`/`until` value that is a real date ("2021-13" matches the pattern, not the calendar):
    a 422 like any other bad parameter, saying what is wrong."""
    try:
        return check_date_filter(value)
    except ValueError as exc:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", name), "msg": str(exc), "input": value}]) from None


def event_filter(
    actor: str | None = Query(None, max_length=120, description="Actor code, e.g. RUS"),
    recipient: str | None = Query(None, max_length=120, description="Recipient code, e.g. TJK"),
    either: str | None = Query(None, max_length=120, description="A code on either side"),
    type: str | None = Query(None, max_length=20, description="PLOVER event type, e.g. COOPERATE"),
    context: str | None = Query(None, max_length=60, description="PLOVER context, e.g. military"),
    since: str | None = Query(None, pattern=DATE, description="From this date: YYYY, YYYY-MM or YYYY-MM-DD"),
    until: str | None = Query(None, pattern=DATE, description="Up to this date, inclusive"),
    place: str | None = Query(None, max_length=200, description="Place name (partial)"),
    outlet: str | None = Query(None, max_length=200, description="Reported by this outlet (id or name, partial)"),
    min_sources: str | None = Query(None, pattern=r"^\d{0,4}$", description="At least this many independent outlets"),
    status: str | None = Query(None, max_length=20, description="occurred, future, negated, ..."),
    doc: str | None = Query(None, max_length=500, description="With evidence in this document"),
) -> EventFilter:
    return EventFilter(
        actor=blank(actor), recipient=blank(recipient), either=blank(either), type=blank(type),
        context=blank(context), since=real_date(since, "since"), until=real_date(until, "until"), place=blank(place),
        outlet=blank(outlet), min_sources=int(min_sources) if blank(min_sources) else None,
        status=blank(status), doc=blank(doc),
    )  # fmt: skip


def document_filter(
    outlet: str | None = Query(None, max_length=200, description="Outlet id or name (partial)"),
    since: str | None = Query(None, pattern=DAY, description="Published on or after YYYY-MM-DD"),
    until: str | None = Query(None, pattern=DAY, description="Published on or before YYYY-MM-DD"),
    kind: str | None = Query(None, max_length=20, description="Having a unit of this kind: article, comment, forum-post, clipping"),
) -> DocumentFilter:
    return DocumentFilter(
        outlet=blank(outlet),
        since=date.fromisoformat(since) if blank(since) else None,
        until=date.fromisoformat(until) if blank(until) else None,
        kind=blank(kind),
    )


@dataclass(frozen=True)
class Window:
    limit: int
    offset: int


def window(
    limit: int = Query(50, ge=1, le=MAX_PAGE, description="Items per page"),
    offset: int = Query(0, ge=0, le=10_000_000, description="Items to skip"),
) -> Window:
    return Window(limit, offset)


def require_token(request: Request) -> None:
    """Write endpoints: off without a configured token; with one, the request must carry it."""
    import hmac

    token = request.app.state.token
    if not token:
        raise HTTPException(403, "uploads are disabled: start the server with --token to enable them")
    given = request.headers.get("authorization", "")
    given = given[7:] if given.lower().startswith("bearer ") else request.headers.get("x-sphere-token", "")
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid token is required (Authorization: Bearer <token>)")
