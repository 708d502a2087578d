"""Who posted a comment, as far as moderation needs to know: a random token kept in a
signed, long-lived, HttpOnly cookie, set on the (never cached) response to a post. A comment
stores the token's hash; a new comment is approved at once only if an earlier one with the
same hash was. Typing someone's email proves nothing, so the email plays no part.

The cookie is not Django's session cookie, so the page cache keeps serving the reader's
pages from the cache; those pages never read it."""

import hashlib
import secrets

COOKIE_NAME = "parlance_commenter"
COOKIE_SALT = "community.commenter"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2


def token_of(request):
    """The token of this browser's cookie, or a new one."""
    token = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT)
    return token or secrets.token_urlsafe(32)


def fingerprint(token):
    """What a comment keeps: the hash, so a copy of the database proves no one's identity."""
    return hashlib.sha256(token.encode()).hexdigest()


def remember(request, response, token):
    response.set_signed_cookie(
        COOKIE_NAME,
        token,
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response
