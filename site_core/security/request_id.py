"""A request id on every request: taken from the proxy's `X-Request-ID` when it is a sane
token (so one id follows a request from the load balancer through gunicorn's access log to
our logs), generated otherwise, and sent back in the response's `X-Request-ID`.

The id lives in a context variable for the length of the request, where the logging filter
(site_core/security/logging.py) finds it. This middleware comes first, so that cached pages,
static files and errors raised by later middleware all carry it."""

import contextvars
import re
import uuid

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
# Letters, digits and . _ : - ; 8 to 128 characters (UUIDs, nginx's $request_id, trace ids).
# Anything else (spaces, quotes, markup, control characters, huge values) is replaced.
SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")

current_request_id = contextvars.ContextVar("request_id", default=None)


def request_id_from(request):
    """The incoming id if it is sane, else a new random one."""
    incoming = request.META.get(META_KEY, "")
    if SANE_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_from(request)
        token = current_request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request.id
        return response
