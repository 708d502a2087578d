"""Warn the editor who saves an article with external video segments (YouTube, Vimeo…) that
have no poster image: the Content-Security-Policy keeps the provider's thumbnail from loading
(and loading it would tell the provider who reads what), so readers see the segment's own
placeholder until they press play (articles/blocks/video_segment.html)."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def segments_without_poster(page):
    return [
        block.value
        for block in page.segments
        if block.value.get("video_url") and not block.value.get("poster")
    ]


def warn_about_missing_posters(request, page):
    from articles.models import ArticlePage

    page = page.specific
    if not isinstance(page, ArticlePage):
        return
    segments = segments_without_poster(page)
    if not segments:
        return
    titles = ", ".join(f"“{segment['title']}”" for segment in segments)
    providers = sorted({segment.source.provider_name for segment in segments if segment.source})
    message = ngettext(
        "The segment %(titles)s has no poster image. Readers see a plain panel with its title "
        "until they press play: %(providers)s’s own picture is not loaded here. Add a poster "
        "image in the segment’s settings.",
        "The segments %(titles)s have no poster image. Readers see a plain panel with their "
        "titles until they press play: %(providers)s’s own pictures are not loaded here. Add "
        "a poster image in each segment’s settings.",
        len(segments),
    ) % {"titles": titles, "providers": " / ".join(providers) or _("the video site")}
    messages.warning(request, message)
