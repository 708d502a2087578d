"""The Content-Security-Policy: which origins a page may load scripts, styles, frames and media
from. Two policies, built once from settings:

- Reader pages (everything outside /admin/) run no inline script and no inline style at all,
  so they need neither nonces nor 'unsafe-inline': scripts and styles come from our own
  origin only. JSON-LD blocks are data, which CSP does not govern. (Nonces would not suit
  them anyway: the page cache serves one rendering to many readers.)
- The Wagtail admin needs 'unsafe-inline' for scripts and styles. Wagtail 8 and its
  add-ons still render inline <script> blocks (InlinePanel, date pickers, wagtailmedia's
  upload form, wagtail-localize's editor) and chooser modals insert server-rendered HTML
  with inline scripts, which a per-page nonce cannot cover; Draftail, the StreamField
  editor and many templates set `style` attributes. The admin serves signed-in staff only,
  and every other directive still applies: no plugins, no foreign scripts, no <base>
  hijack, forms post only to us, frames only by us.

Uploaded media may live on another host (S3-compatible storage, a CDN): its origin is taken
from MEDIA_URL (and STATIC_URL) when they are absolute. `CSP_REPORT_ONLY` sends the policy as
Content-Security-Policy-Report-Only, to try a change on a live site first; `CSP_REPORT_URI`
names a collector for violation reports."""

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed

ENFORCED = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"
SELF = "'self'"
NONE = "'none'"
UNSAFE_INLINE = "'unsafe-inline'"
# The players that interview.js puts in an iframe when the reader presses play
# (articles/video.py builds their addresses;
# tests/site_core/test_security_headers.py::test_every_player_address_we_build_is_allowed_as_a_frame
# checks that they stay in this list).
VIDEO_PLAYER_ORIGINS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")
# Wagtail's upgrade notice on a superuser's dashboard fetches the latest version from here
# (`WAGTAIL_ENABLE_UPDATE_CHECK`: off in our settings, on in Wagtail's; tests/browser/test_csp.py).
WAGTAIL_RELEASES_ORIGIN = "https://releases.wagtail.org"
# Wagtail's documents and image views set their own policy ("default-src 'none'"); files
# served from MEDIA_URL by the site get the same, so an uploaded file opened directly can
# never run as a page of ours.
UPLOADED_FILE_POLICY = "default-src 'none'"


def origin_of(url):
    """The origin of an absolute URL ("https://cdn.example"), None for a path."""
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    if url and url.startswith("//") and parts.netloc:
        return f"https://{parts.netloc}"  # scheme-relative: browsers use https under TLS
    return None


def asset_origins():
    """Our own origin plus the hosts of MEDIA_URL and STATIC_URL when they are elsewhere."""
    origins = [SELF]
    for url in (settings.MEDIA_URL, settings.STATIC_URL):
        origin = origin_of(url)
        if origin and origin not in origins:
            origins.append(origin)
    return origins


def serialize(directives):
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


def common_directives():
    assets = asset_origins()
    directives = {
        "default-src": [SELF],
        "script-src": [SELF, *origin_list(settings.STATIC_URL)],
        "style-src": assets,
        "img-src": assets,
        "media-src": assets,
        "font-src": assets,
        "connect-src": [SELF],
        "frame-src": [*VIDEO_PLAYER_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Like X-Frame-Options SAMEORIGIN: Wagtail's live preview frames our own pages.
        "frame-ancestors": [SELF],
    }
    if settings.CSP_REPORT_URI:
        directives["report-uri"] = [settings.CSP_REPORT_URI]
    return directives


@cache
def reader_policy():
    return serialize(common_directives())


@cache
def admin_policy():
    directives = common_directives()
    directives["script-src"] = [*directives["script-src"], UNSAFE_INLINE]
    directives["style-src"] = [*directives["style-src"], UNSAFE_INLINE]
    # Upload previews and image focal-point tools draw into data: and blob: images.
    directives["img-src"] = [*directives["img-src"], "data:", "blob:"]
    directives["media-src"] = [*directives["media-src"], "blob:"]
    directives["font-src"] = [*directives["font-src"], "data:"]
    # Wagtail's preview panel frames our own pages.
    directives["frame-src"] = [SELF, *VIDEO_PLAYER_ORIGINS]
    if getattr(settings, "WAGTAIL_ENABLE_UPDATE_CHECK", True):
        directives["connect-src"] = [*directives["connect-src"], WAGTAIL_RELEASES_ORIGIN]
    return serialize(directives)


def origin_list(url):
    origin = origin_of(url)
    return [origin] if origin else []


def is_admin(path):
    return path.startswith("/admin/")


def is_uploaded_file(path):
    media_url = settings.MEDIA_URL
    return media_url.startswith("/") and path.startswith(media_url)


def header_for(request):
    """(header name, policy) for the response to `request`. The uploaded-file policy is
    always enforced: it only repeats what Wagtail enforces for its own file views."""
    if is_uploaded_file(request.path):
        return ENFORCED, UPLOADED_FILE_POLICY
    name = REPORT_ONLY if settings.CSP_REPORT_ONLY else ENFORCED
    return name, admin_policy() if is_admin(request.path) else reader_policy()


def clear_cached_policies(*, setting, **kwargs):
    """The policies are built once from settings; rebuilt when a test changes one."""
    if setting in {"MEDIA_URL", "STATIC_URL", "CSP_REPORT_URI", "WAGTAIL_ENABLE_UPDATE_CHECK"}:
        reader_policy.cache_clear()
        admin_policy.cache_clear()


setting_changed.connect(clear_cached_policies)
