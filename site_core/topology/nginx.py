"""nginx's configuration for Parlance, from the templates in deploy/nginx/ and the settings,
so that nginx and the app agree on one set of facts: the body limits are the app's upload
limits, files nginx serves carry the security headers the app gives them, static files are
cached as whitenoise caches them, and media are served from MEDIA_ROOT as the app would."""

import getpass
import os
import shutil
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.template import Context, Engine
from django.test import RequestFactory

from site_core.security.headers import SecurityHeadersMiddleware

TEMPLATES = settings.BASE_DIR / "deploy" / "nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
# Room for the other fields of an upload form, above the largest file the app accepts.
UPLOAD_FORM_MARGIN = 1024**2
HSTS = "Strict-Transport-Security"
# Headers of the app's answer that are about the body, not its security.
NOT_SECURITY = {"Content-Type", "Content-Length"}


def find_nginx():
    """nginx's path: on PATH, or in /usr/sbin (Debian's, not on a non-root user's PATH)."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def app_file_headers(path):
    """The security headers the app's middleware gives a file it serves at `path` over
    HTTPS (whitenoise answers between these middlewares; the request id aside)."""
    request = RequestFactory().get(path, secure=True)
    handler = SecurityHeadersMiddleware(SecurityMiddleware(lambda request: HttpResponse()))
    response = handler(request)
    return {name: value for name, value in response.items() if name not in NOT_SECURITY}


def add_headers(headers):
    """`add_header` arguments for `headers`, and the request id nginx passes to the app."""
    arguments = [f"{name} {quoted(value)}" for name, value in headers.items() if name != HSTS]
    if HSTS in headers:  # on what came over TLS only: a map in parlance.conf
        arguments.append(f"{HSTS} $parlance_hsts")
    return [*arguments, "X-Request-ID $request_id"]


def quoted(value):
    """`value` as an nginx string: in single quotes if it has double ones, else double."""
    if "$" in value:  # nginx would read a variable; no header of ours has one
        raise ValueError(f"A header value with $ cannot be written for nginx: {value}")
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def site_config(*, listen, upstream, default_server=True):
    """parlance.conf: the `upstream` and `server` blocks, for nginx's `http { }`."""
    static_headers = app_file_headers(f"{settings.STATIC_URL}parlance.css")
    media_headers = app_file_headers(f"{settings.MEDIA_URL}parlance.jpg")
    serves_media = settings.MEDIA_URL.startswith("/") and not settings.OBJECT_STORAGE
    largest_upload = max(
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        settings.UPLOAD_MAX_DOCUMENT_BYTES,
        settings.UPLOAD_MAX_MEDIA_BYTES,
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
    )
    return render(
        "parlance.conf",
        listen=listen,
        upstream=upstream,
        default_server=default_server,
        body_limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        upload_limit=largest_upload + UPLOAD_FORM_MARGIN,
        hsts=static_headers.get(HSTS, ""),
        static_url=settings.STATIC_URL,
        static_root=Path(settings.STATIC_ROOT).resolve(),
        static_max_age=settings.WHITENOISE_MAX_AGE,
        static_headers=add_headers(static_headers),
        media_url=settings.MEDIA_URL,
        media_root=Path(settings.MEDIA_ROOT).resolve() if serves_media else None,
        media_max_age=settings.MEDIA_CACHE_SECONDS,
        media_headers=add_headers(media_headers),
    )


def main_config(prefix):
    """nginx.conf for an nginx of our own: pid, logs and temporary files under `prefix`; its
    workers run as whoever starts it (root's would otherwise be `nobody`, who may not read
    STATIC_ROOT)."""
    user = getpass.getuser() if os.geteuid() == 0 else None
    return render("nginx.conf", prefix=Path(prefix).resolve(), mime_types=MIME_TYPES, user=user)


def render(name, **context):
    template = Engine(autoescape=False).from_string((TEMPLATES / name).read_text())
    return template.render(Context(context, autoescape=False))


def write_prefix(prefix, *, listen, upstream):
    """An nginx prefix directory ready for `nginx -p prefix -c nginx.conf`: both files and
    the temporary directories. Returns the path of nginx.conf."""
    prefix = Path(prefix)
    for directory in ("", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / directory).mkdir(mode=0o700, parents=True, exist_ok=True)
    (prefix / "parlance.conf").write_text(site_config(listen=listen, upstream=upstream))
    (prefix / "nginx.conf").write_text(main_config(prefix))
    return prefix / "nginx.conf"
