"""URL converters: an id in a URL is a row id, or the page is not there (a 404, never a database overflow)."""

from __future__ import annotations

import re

from werkzeug.routing import IntegerConverter

# Ids are INTEGER columns: 32 bits on PostgreSQL. A larger number cannot name a row.
MAX_ID = 2**31 - 1
ID_TEXT = re.compile(r"[0-9]{1,10}")


class RowIdConverter(IntegerConverter):
    """`<int:…>` for row ids: 0 … 2³¹−1, plain ASCII digits; anything else does not match the route."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002  (werkzeug's parameter name)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
