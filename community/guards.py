"""Spam and abuse protection without outside services, for the community's public forms.

The forms sit in pages that the page cache shares between readers, so they carry no CSRF
token (it would be a per-visitor cookie); their views are CSRF-exempt and rely on these
instead. A forged cross-site post could only create a pending comment or send a
confirmation email, and the Origin check refuses it anyway.

The signed timestamp only proves that a form was rendered by us some time ago; it is not
single-use (a robot may fetch one stamp and post with it many times until it expires, and
cached pages carry stamps as old as the page). The rate limit is what bounds repetition."""

import ipaddress
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from . import conf

STAMP_SALT = "community.form-stamp"


def make_stamp():
    """A signed record of when a form was rendered."""
    return signing.dumps(time.time(), salt=STAMP_SALT)


def stamp_problem(value):
    """None if the form was rendered long enough ago (and not too long); else 'too_fast',
    'expired' or 'invalid'."""
    try:
        rendered = float(signing.loads(value or "", salt=STAMP_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return "invalid"
    age = time.time() - rendered
    if age < conf.get("COMMUNITY_MIN_SUBMIT_SECONDS"):
        return "too_fast"
    if age > conf.get("COMMUNITY_FORM_MAX_AGE"):
        return "expired"
    return None


def parse_address(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def trusted_proxies():
    """settings.TRUSTED_PROXIES (addresses or networks) as networks."""
    try:
        entries = getattr(settings, "TRUSTED_PROXIES", ())
        return [ipaddress.ip_network(entry, strict=False) for entry in entries]
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error


def client_address(request):
    """The reader's address: the peer's (REMOTE_ADDR; gunicorn always sets it to the socket's
    peer) unless the peer is one of our TRUSTED_PROXIES; then the right-most address in
    X-Forwarded-For that is not a trusted proxy (entries left of it are the client's own
    claims). None if there is no usable address."""
    address = parse_address(request.META.get("REMOTE_ADDR") or "")
    proxies = trusted_proxies()

    def is_proxy(ip):
        return any(ip in network for network in proxies)

    if address is None or not is_proxy(address):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for entry in reversed(forwarded):
        hop = parse_address(entry)
        if hop is None:
            break  # garbage our proxy did not write: stop trusting the chain here
        address = hop
        if not is_proxy(hop):
            break
    return address


def rate_key(address):
    """What one bucket of the rate limit counts: an IPv4 address, or an IPv6 /64 (one
    subscriber usually holds a whole /64)."""
    if address is None:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def rate_limited(request, kind):
    """Count this post against the reader's address; True once over the limit."""
    key = f"community:rate:{kind}:{rate_key(client_address(request))}"
    window = conf.get("COMMUNITY_RATE_WINDOW")
    if cache.add(key, 1, window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, window)
            count = 1
    return count > conf.get("COMMUNITY_RATE_LIMIT")


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
