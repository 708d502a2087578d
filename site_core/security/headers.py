"""Security headers on every response — pages, the admin, static files (whitenoise), media
and cached pages alike, which is why this middleware sits before whitenoise and the page
cache. Django's SecurityMiddleware already sends Referrer-Policy, X-Content-Type-Options,
Cross-Origin-Opener-Policy and, in production, HSTS (see the settings); this adds the
Content-Security-Policy (site_core/security/csp.py) and the Permissions-Policy.

A header a view has already set is left alone (Wagtail's document and image views set their
own, stricter Content-Security-Policy)."""

from . import csp

# Powerful features nobody on Parlance needs: off for us and for every frame we embed.
DISABLED_FEATURES = (
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
# What our own video and the YouTube/Vimeo players may do (their iframe's `allow` asks for
# exactly these: articles/static/articles/js/interview.js).
PLAYER_FEATURES = ("autoplay", "encrypted-media", "fullscreen", "picture-in-picture")


def permissions_policy():
    players = " ".join(f'"{origin}"' for origin in csp.VIDEO_PLAYER_ORIGINS)
    rules = [f"{feature}=()" for feature in DISABLED_FEATURES]
    rules += [f"{feature}=(self {players})" for feature in PLAYER_FEATURES]
    return ", ".join(rules)


PERMISSIONS_POLICY = permissions_policy()


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        name, policy = csp.header_for(request)
        if csp.ENFORCED not in response and csp.REPORT_ONLY not in response:
            response[name] = policy
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
