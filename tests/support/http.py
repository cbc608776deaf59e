"""A person's HTTP client against a live server: its own cookies, redirects kept as answers, every status counted."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer of its own: we record its status


class Browser:
    """One person's HTTP client with its own cookies; every answer's status is kept."""

    def __init__(self, base_url: str, statuses: Counter, lock: threading.Lock):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect())
        self.statuses, self.lock = statuses, lock
        self.csrf_token: str | None = None

    def read_csrf_token(self, path: str) -> None:
        """Take the form token from a page, as a browser that shows the form does (sent with every later POST)."""
        with self.opener.open(self.base_url + path, timeout=60) as response:
            found = re.search(
                r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"',
                response.read().decode(),
            )
        self.csrf_token = next(group for group in found.groups() if group) if found else None

    def request(self, path: str, form: dict | None = None) -> int:
        if form is not None and self.csrf_token and "csrf_token" not in form:
            form = {**form, "csrf_token": self.csrf_token}
        data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
        try:
            with self.opener.open(self.base_url + path, data=data, timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            error.read()
            status = error.code
        with self.lock:
            self.statuses[(path.split("/")[1] if "/" in path else path, form is not None, status)] += 1
        return status
