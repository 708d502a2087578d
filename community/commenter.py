"""Who posted a comment, as far as moderation needs to know: a random token kept in a
signed, HttpOnly cookie, set on the (never cached) response to a post. A comment stores a
fingerprint of the token; a new comment is approved at once only if an earlier one with the
same fingerprint was, and no moderator has revoked that commenter's trust. Typing someone's
email proves nothing, so the email plays no part.

The cookie is a bearer token, so it is held to three limits:
- **Bound**: the fingerprint hashes the token with the client it was used from — the browser
  (User-Agent) and its network (IPv4 /16, IPv6 /48, wide enough for a phone moving between
  cells). The same cookie replayed from another client is another commenter: pending.
- **Expiring**: the signature carries its date; a cookie older than COMMUNITY_COMMENTER_MAX_AGE
  (90 days) is ignored. Each post signs it again, so it lapses 90 days after the last one.
- **Revocable**: moderators revoke a commenter's trust from any of their comments (Community
  → Comments, "Revoke trust"; "Mark as spam" does it too): `RevokedCommenter` keeps the
  fingerprint, and its comments wait for moderation again.

The cookie is not Django's session cookie, so the page cache keeps serving the reader's
pages from the cache; those pages never read it."""

import hashlib
import ipaddress
import secrets

from django.core import signing

from site_core.security.client_address import client_address

from . import conf

COOKIE_NAME = "parlance_commenter"
COOKIE_SALT = "community.commenter"
# The prefix lengths a client's network is taken at (see the module).
NETWORK_PREFIX = {4: 16, 6: 48}


def token_of(request):
    """The token of this browser's cookie, if signed by us and recent enough; else a new one."""
    try:
        token = request.get_signed_cookie(
            COOKIE_NAME, salt=COOKIE_SALT, max_age=conf.get("COMMUNITY_COMMENTER_MAX_AGE")
        )
    except (KeyError, signing.BadSignature):  # no cookie, forged, or expired
        token = None
    return token or secrets.token_urlsafe(32)


def client_of(request):
    """What the token is bound to: the client's network and its User-Agent."""
    address = client_address(request)
    if address is None:
        network = "unknown"
    else:
        if address.version == 6 and address.ipv4_mapped:
            address = address.ipv4_mapped
        prefix = NETWORK_PREFIX[address.version]
        network = str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    return f"{network} {user_agent}"


def fingerprint(token, request):
    """What a comment keeps: a hash of the token and its client, so a copy of the database
    proves no one's identity and the cookie is worth nothing from elsewhere."""
    return hashlib.sha256(f"{token}\n{client_of(request)}".encode()).hexdigest()


def remember(request, response, token):
    max_age = conf.get("COMMUNITY_COMMENTER_MAX_AGE")
    response.set_signed_cookie(
        COOKIE_NAME,
        token,
        salt=COOKIE_SALT,
        max_age=max_age,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response
