from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe

HEALTH_CACHE_KEY = "healthz:probe"


def database_is_up():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def cache_is_up():
    """Asked of Redis itself when the cache can be probed (FailSoftRedisCache answers reads
    even with Redis down, by missing); otherwise a write and a read through the cache."""
    probe = getattr(cache, "probe", None)
    if probe is not None:
        return probe()
    try:
        cache.set(HEALTH_CACHE_KEY, "ok", timeout=10)
        return cache.get(HEALTH_CACHE_KEY) == "ok"
    except Exception:  # noqa: BLE001 - any backend error (e.g. Redis down) means "down"
        return False


@never_cache
@require_GET
def healthz(request):
    """Liveness for load balancers: 200 while the database answers (the site can serve, maybe
    uncached), 503 when it does not."""
    database = database_is_up()
    cache_ok = cache_is_up()
    status = "ok" if database and cache_ok else ("degraded" if database else "down")
    return JsonResponse(
        {
            "status": status,
            "database": "up" if database else "down",
            "cache": "up" if cache_ok else "down",
        },
        status=200 if database else 503,
    )


@require_safe
def robots_txt(request):
    """Crawlers may read everything but the admin; the sitemap lists every language."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Allow: /", "Disallow: /admin/", "", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever a page links to: send them to the
    fingerprinted icon (a redirect of a day, so that a new icon reaches them)."""
    return HttpResponseRedirect(static("site_core/favicon.ico"))
