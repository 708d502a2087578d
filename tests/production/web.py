"""A small HTTP client for the gunicorn processes: one connection per request, no redirects
followed, cookies kept by name (Secure ones too: the tests speak plain HTTP to 127.0.0.1, as
the TLS proxy in front of gunicorn would)."""

import http.client
import re
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str
    content: bytes = b""

    def header(self, name):
        return self.headers.get(name)


class Browser:
    def __init__(self, base_url, *, headers=None, source_address=None):
        self.base_url = base_url
        self.headers = dict(headers or {})
        self.cookies = {}
        self.source_address = source_address  # e.g. ("127.0.0.2", 0): another client

    def request(self, method, path, *, data=None, headers=None, timeout=30):
        address = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(
            address.hostname, address.port, timeout=timeout, source_address=self.source_address
        )
        sent = {**self.headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if isinstance(data, bytes):
            body = data
        elif data is not None:
            body = urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            content = answer.read()
            text = content.decode("utf-8", errors="replace")
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or ():
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Response(answer.status, answer.headers, text, content)

    def get(self, path, **options):
        return self.request("GET", path, **options)

    def post(self, path, data, **options):
        return self.request("POST", path, data=data, **options)

    def csrf_token(self, path):
        """The CSRF token of the form on `path` (which also sets the CSRF cookie)."""
        page = self.get(path)
        assert page.status == 200, (path, page.status)
        return CSRF_FIELD.search(page.text).group(1)

    def sign_in(self, username, password):
        token = self.csrf_token("/admin/login/")
        answer = self.post(
            "/admin/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
        )
        assert answer.status == 302, f"sign-in refused ({answer.status})"
        return answer
