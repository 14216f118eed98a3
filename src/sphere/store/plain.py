"""Plain rows for the hottest reads: fixed SQL handed to the database driver as it is.

A page of the event list reads the same few statements again and again (events, their
participants and evidence, their documents and units by id). Building them as SQLAlchemy
expressions and processing their results costs several times what the database spends on them
at 25 rows; handed to the driver directly (`exec_driver_sql`), they cost next to nothing.
Values are still bound parameters, never spliced: only the number of `?`s depends on the call.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import orjson
from sqlalchemy.orm import Session


def plain_rows(session: Session, sql: str, values: Sequence[Any], lead: Sequence[Any] = ()) -> list[tuple]:
    """Rows of `sql`, whose `{in}` stands for one placeholder per value (the driver's own
    style: `?` for SQLite, `%s` for psycopg), or per tuple of values `(?, ?)` (row values,
    as in `(a, b) IN (VALUES {in})`); `{lead}`, before it in `sql`, for one per `lead` value."""
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    if values and isinstance(values[0], tuple):
        one = "(" + ", ".join([mark] * len(values[0])) + ")"
        flat = tuple(v for row in values for v in row)
    else:
        one, flat = mark, tuple(values)
    sql = sql.replace("{in}", ", ".join([one] * len(values)))
    if lead:
        sql, flat = sql.replace("{lead}", ", ".join([mark] * len(lead))), (*lead, *flat)
    return conn.exec_driver_sql(sql, flat).fetchall()


def date_value(value: Any) -> date | None:
    """A DATE column as read by the driver: ISO text on SQLite, a date from psycopg."""
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def json_value(value: Any) -> Any:
    """A JSON column as read by the driver: text on SQLite, already decoded by psycopg."""
    return orjson.loads(value) if isinstance(value, str) else value
