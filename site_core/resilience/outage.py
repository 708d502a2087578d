"""An unreachable database gives readers a translated 503 page, never a stack trace.

Django turns an exception raised in any middleware or view into the 500 handler's response,
at the layer where it was raised: a middleware would see only the exceptions of the views and
middleware inside it. So this is the 500 handler (`handler500` in site_core/urls.py): when the
exception being handled is the database failing to answer (the driver's operational or
interface error, or an error raised from one), it answers 503 with `Retry-After`; any other
error keeps Django's 500 page (500.html).

`503.html` is rendered without a request context (no context processors), so neither the
database nor the cache is touched, in the reader's language worked out from the request alone:
the address's /it/ prefix, then the language cookie, then Accept-Language.

Recovery needs nothing: Django checks a kept connection before reusing it
(`conn_health_checks`), so the first request after the database returns reconnects."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_database_outage(error):
    """Is `error`, or an exception it was raised from or while handling, the database not
    answering?"""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OUTAGE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def database_unavailable(request):
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        content = render_to_string("503.html")
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def server_error(request, template_name="500.html"):
    """The 500 handler: 503 for a database outage, Django's 500 page for anything else."""
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable(request)
    return django_server_error(request, template_name)
