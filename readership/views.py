"""The readership beacon: `POST /readership/beacon` with `page=<id>`, sent by
`readership/js/beacon.js` from the reader's browser once an article is shown. The article
itself stays the same for every reader (and cached whole); only this request counts.

Answers 204 whatever happens, with nothing stored about the reader and no cookie set.
Not counted: robots (by User-Agent), prefetches and prerenders not yet shown, posts from
other sites, pages that are not live and public."""

import re
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .models import count_reader

ROBOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|"
    r"lighthouse|pingdom|monitor|curl|wget|python|java/|go-http|okhttp|node-fetch|httpclient",
    re.IGNORECASE,
)
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


def is_robot(request):
    agent = request.META.get("HTTP_USER_AGENT", "")
    return not agent or bool(ROBOTS.search(agent))


def is_prefetch(request):
    return any("prefetch" in request.META.get(header, "").lower() for header in PREFETCH_HEADERS)


def from_another_site(request):
    """A browser says where a post comes from (Sec-Fetch-Site, Origin): anything but this
    host is not one of our pages."""
    if request.META.get("HTTP_SEC_FETCH_SITE", "same-origin") not in ("same-origin", "none"):
        return True
    origin = request.META.get("HTTP_ORIGIN")
    return bool(origin) and urlsplit(origin).netloc != request.get_host()


def countable_page_id(request):
    """The id of the live, public page the beacon names, or None."""
    raw = request.POST.get("page", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        return None
    page_id = int(raw)
    return page_id if Page.objects.live().public().filter(pk=page_id).exists() else None


@csrf_exempt  # posted from cached pages that carry no token; it can only add one to a count
@require_POST
@never_cache
def beacon(request):
    if not (is_robot(request) or is_prefetch(request) or from_another_site(request)):
        page_id = countable_page_id(request)
        if page_id is not None:
            count_reader(page_id)
    return HttpResponse(status=204)
