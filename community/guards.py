"""Spam and abuse protection without outside services, for the community's public forms.

The forms sit in pages that the page cache shares between readers, so they carry no CSRF
token (it would be a per-visitor cookie); their views are CSRF-exempt and rely on these
instead. A forged cross-site post could only create a pending comment or send a
confirmation email, and the Origin check refuses it anyway.

The signed timestamp only proves that a form was rendered by us some time ago; it is not
single-use (a robot may fetch one stamp and post with it many times until it expires, and
cached pages carry stamps as old as the page). The rate limit is what bounds repetition."""

import hashlib
import time
from urllib.parse import urlsplit

from django.core import signing
from django.core.cache import cache

from site_core.security.client_address import client_address, rate_key

from . import conf

STAMP_SALT = "community.form-stamp"


def make_stamp():
    """A signed record of when a form was rendered."""
    return signing.dumps(time.time(), salt=STAMP_SALT)


def stamp_problem(value, minimum=None):
    """None if the form was rendered at least `minimum` seconds ago (by default
    COMMUNITY_MIN_SUBMIT_SECONDS) and not too long ago; else 'too_fast', 'expired' or
    'invalid'."""
    try:
        rendered = float(signing.loads(value or "", salt=STAMP_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return "invalid"
    age = time.time() - rendered
    if minimum is None:
        minimum = conf.get("COMMUNITY_MIN_SUBMIT_SECONDS")
    if age < minimum:
        return "too_fast"
    if age > conf.get("COMMUNITY_FORM_MAX_AGE"):
        return "expired"
    return None


def count_in_window(key, window):
    """Count one more event under `key` in the cache; the count starts again `window` seconds
    after its first event. Returns the count, this event included."""
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        return 1


def rate_limited(request, kind):
    """Count this post against the reader's address; True once over the limit."""
    key = f"community:rate:{kind}:{rate_key(client_address(request))}"
    count = count_in_window(key, conf.get("COMMUNITY_RATE_WINDOW"))
    return count > conf.get("COMMUNITY_RATE_LIMIT")


def recipient_limited(email):
    """Count a confirmation email to `email` (however many clients ask for it); True once
    over COMMUNITY_CONFIRMATIONS_PER_ADDRESS in COMMUNITY_CONFIRMATION_WINDOW. The key holds a
    hash, so the cache holds no address."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    count = count_in_window(f"community:mailed:{digest}", conf.get("COMMUNITY_CONFIRMATION_WINDOW"))
    return count > conf.get("COMMUNITY_CONFIRMATIONS_PER_ADDRESS")


def from_this_site(request):
    """The post comes from one of our pages: its Origin (or, without one, its Referer)
    names this host. A post with neither is accepted: some privacy tools strip both."""
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not source:
        return True
    return urlsplit(source).netloc == request.get_host()


def body_too_large(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > conf.get("COMMUNITY_MAX_BODY_BYTES")
