"""Outgoing email settings from the environment, read by the settings (so nothing here
imports Django's mail machinery). `EMAIL_URL` in one variable, or Django's own names
(`EMAIL_HOST`, `EMAIL_PORT`, `EMAIL_HOST_USER`, `EMAIL_HOST_PASSWORD`, `EMAIL_USE_TLS`,
`EMAIL_USE_SSL`, `EMAIL_TIMEOUT`) one by one; `EMAIL_URL` wins. Unset, mail goes where
Django sends it by default (localhost:25), and `check --deploy` warns (site_core/mail.py)."""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# EMAIL_URL schemes: (delivery backend, default port, STARTTLS, implicit TLS).
SCHEMES = {
    "smtp": (SMTP_BACKEND, 25, False, False),
    "smtp+tls": (SMTP_BACKEND, 587, True, False),
    "submission": (SMTP_BACKEND, 587, True, False),
    "smtps": (SMTP_BACKEND, 465, False, True),
    "smtp+ssl": (SMTP_BACKEND, 465, False, True),
    "console": ("django.core.mail.backends.console.EmailBackend", None, False, False),
}
# An SMTP server that accepts the connection and then says nothing must not hold a task
# worker (or, with the immediate task backend, a request) forever: Django waits forever.
DEFAULT_TIMEOUT = 10


def _flag(value):
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def email_settings(environ):
    """{setting name: value} for Django's EMAIL_* settings and Parlance's
    EMAIL_DELIVERY_BACKEND (what the task worker sends through, site_core/mail.py)."""
    url = environ.get("EMAIL_URL", "").strip()
    if url:
        return _from_url(url)
    result = {
        "EMAIL_DELIVERY_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": environ.get("EMAIL_HOST", "").strip() or "localhost",
        "EMAIL_PORT": int(environ.get("EMAIL_PORT") or 25),
        "EMAIL_HOST_USER": environ.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": environ.get("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": _flag(environ.get("EMAIL_USE_TLS", "")),
        "EMAIL_USE_SSL": _flag(environ.get("EMAIL_USE_SSL", "")),
        "EMAIL_TIMEOUT": float(environ.get("EMAIL_TIMEOUT") or DEFAULT_TIMEOUT),
        "EMAIL_CONFIGURED": bool(environ.get("EMAIL_HOST", "").strip()),
    }
    if result["EMAIL_USE_TLS"] and result["EMAIL_USE_SSL"]:
        raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
    return result


def _from_url(url):
    """`<scheme>://[user[:password]@]host[:port][?timeout=<seconds>]`, scheme one of SCHEMES:
    e.g. `smtp+tls://parlance:secret@mail.example.org:587`. The user and password are
    percent-encoded (`@` is `%40`)."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with one of {', '.join(SCHEMES)}, not {parts.scheme!r}."
        )
    backend, default_port, use_tls, use_ssl = SCHEMES[parts.scheme]
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if backend == SMTP_BACKEND and not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL needs a host, e.g. smtp+tls://mail.example.org")
    try:
        port = parts.port or default_port
    except ValueError as error:
        raise ImproperlyConfigured(f"EMAIL_URL has a bad port: {error}") from None
    return {
        "EMAIL_DELIVERY_BACKEND": backend,
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": port or 25,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": float(query.get("timeout") or DEFAULT_TIMEOUT),
        "EMAIL_CONFIGURED": True,
    }
