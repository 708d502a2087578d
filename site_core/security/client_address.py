"""Who is asking: the client's address behind our own reverse proxies. Shared by every rate
limit (the community forms, admin sign-in throttling), so they all count the same client."""

import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


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
    """What one bucket of a rate limit counts: an IPv4 address, or an IPv6 /64 (one
    subscriber usually holds a whole /64)."""
    if address is None:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
