"""Tags for what an article or bio offers beyond its HTML: caption tracks, the transcript
download and schema.org data. They read what the page's context has already loaded."""

from django import template
from django.db.models import prefetch_related_objects
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from articles.captions import has_chapters, has_transcript
from articles.structured_data import article_data, person_data
from site_core.seo import json_ld_script

register = template.Library()


def _article(context):
    from articles.models import ArticlePage

    page = context.get("page")
    return page if isinstance(page, ArticlePage) and page.pk else None


def _article_file_url(context, name):
    page = _article(context)
    if page is None:
        return ""
    url = page.get_url(context.get("request"))
    return f"{url}{name}" if url else ""


@register.simple_tag(takes_context=True)
def segment_captions(context, value, block_id):
    """`{% segment_captions value block_id as captions %}`: `{src, srclang, label}` for a
    `<track>` of the segment's captions in the page's language, or None when the segment has
    no timecodes (or is not rendered as part of an article)."""
    if not block_id or not value.has_timecodes:
        return None
    src = _article_file_url(context, f"captions/{block_id}.vtt")
    if not src:
        return None
    language = get_language()
    return {"src": src, "srclang": language, "label": get_language_info(language)["name_local"]}


@register.simple_tag(takes_context=True)
def segment_chapters(context, value, block_id):
    """`{% segment_chapters value block_id as chapters %}`: `{src, srclang, label}` for a
    `<track kind="chapters">` of the segment's uploaded video, or None when chapters make no
    sense for it (articles.captions.has_chapters)."""
    page = _article(context)
    if not block_id or page is None:
        return None
    segment = next((b for b in page.body if str(b.id) == str(block_id)), None)
    if segment is None or not has_chapters(page, segment):
        return None
    src = _article_file_url(context, f"chapters/{block_id}.vtt")
    if not src:
        return None
    return {"src": src, "srclang": get_language(), "label": _("Chapters")}


@register.simple_tag(takes_context=True)
def transcript_download_url(context):
    """`{% transcript_download_url as url %}`: the article's plain-text transcript, or ""."""
    page = _article(context)
    if page is None or not has_transcript(page):
        return ""
    return _article_file_url(context, "transcript.txt")


@register.simple_tag(takes_context=True)
def article_structured_data(context):
    """The article's JSON-LD (Article, its people and a VideoObject per segment)."""
    page = _article(context)
    if page is None:
        return ""
    data = article_data(
        page,
        request=context.get("request"),
        roles=context.get("roles") or [],
        people=context.get("localized_people") or {},
    )
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def person_structured_data(context):
    """A bio's JSON-LD Person. Loads the person's links once, for this and the page's list."""
    page = context.get("page")
    if page is None or not page.pk:
        return ""
    prefetch_related_objects([page], "links")
    return json_ld_script(person_data(page, request=context.get("request"), links=page.links.all()))
