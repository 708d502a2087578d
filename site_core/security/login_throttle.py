"""Admin sign-in throttling: after too many failed sign-ins for one username, or from one
client address, within a window, further attempts are refused — even with the right
password — until the window that began with the first failure has passed.

Failures are counted in the shared cache (Redis in production), so every gunicorn host
agrees. Usernames are counted case-insensitively and hashed (the cache never holds them);
addresses are the client's behind our trusted proxies (site_core/security/client_address.py),
IPv6 per /64. The address limit is higher than the username limit, because an office or a
newsroom may share one address. A username lock can be used to keep its owner out for one
window; that is the price of stopping password guessing, and the window is short.

If the cache is unreachable the throttle fails open (sign-in works, unthrottled): locking every
editor out because Redis restarted would be worse. The production cache backend then misses
instead of raising and logs that Redis is unreachable (site_core/resilience/cache.py).

Wagtail uses `ThrottledLoginForm` for /admin/login/ (WAGTAILADMIN_USER_LOGIN_FORM)."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext_lazy
from wagtail.admin.forms.auth import LoginForm

from site_core.page_cache.store import CACHE_ERRORS

from .client_address import client_address, rate_key

logger = logging.getLogger(__name__)


def buckets(request, username):
    """(cache key, limit) for each count this attempt belongs to. Without a usable client
    address (gunicorn on a unix socket, say) there is no address count: one shared
    "unknown" bucket would let anyone lock every editor out."""
    address = client_address(request)
    if address is not None:
        yield (
            f"login-throttle:address:{rate_key(address)}",
            settings.LOGIN_THROTTLE_ADDRESS_FAILURES,
        )
    if username:
        digest = hashlib.sha256(username.casefold().encode()).hexdigest()
        yield f"login-throttle:username:{digest}", settings.LOGIN_THROTTLE_USERNAME_FAILURES


def is_locked(request, username):
    """True while the username or the client address has used up its failures."""
    limits = dict(buckets(request, username))
    try:
        counts = cache.get_many(limits)
    except CACHE_ERRORS:
        logger.warning("Sign-in throttling unavailable (cache down): not throttling")
        return False
    return any(counts.get(key, 0) >= limit for key, limit in limits.items())


def record_failure(request, username):
    window = settings.LOGIN_THROTTLE_WINDOW
    try:
        for key, _limit in buckets(request, username):
            if not cache.add(key, 1, window):
                try:
                    cache.incr(key)
                except ValueError:  # expired between add and incr
                    cache.add(key, 1, window)
    except CACHE_ERRORS:
        logger.warning("Sign-in throttling unavailable (cache down): failure not counted")


class ThrottledLoginForm(LoginForm):
    error_messages = {
        **LoginForm.error_messages,
        "throttled": ngettext_lazy(
            "Too many failed sign-in attempts. For your security, signing in is paused; "
            "please try again in %(minutes)d minute.",
            "Too many failed sign-in attempts. For your security, signing in is paused; "
            "please try again in %(minutes)d minutes.",
            "minutes",
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username", "")
        address = client_address(self.request)
        if is_locked(self.request, username):
            logger.warning(
                "Admin sign-in refused: too many failures",
                extra={"client_address": str(address)},
            )
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": max(1, round(settings.LOGIN_THROTTLE_WINDOW / 60))},
            )
        try:
            return super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                record_failure(self.request, username)
                logger.info("Admin sign-in failed", extra={"client_address": str(address)})
            raise
