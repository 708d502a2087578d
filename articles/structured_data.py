"""schema.org data (JSON-LD) for articles and people, built from what the page has already
loaded — the article's roles and people in its language, its body with images and renditions
prefetched — so it adds no database queries to the page.

Image renditions use the filter specs the templates already render (the hero at width-1200,
portraits at 160 and 320 pixels, posters at 1280×720), so no new renditions are needed."""

from django.utils.translation import get_language

from site_core.models import PublisherSettings
from site_core.seo import absolute_url

from .captions import segment_cues, transcript_plain_text, turn_texts
from .models import ArticlePersonRole
from .people_links import localize

SCHEMA_CONTEXT = "https://schema.org"
HERO_SPEC = "width-1200|format-webp"
PORTRAIT_SPEC = "fill-160x160|format-webp"
PROFILE_PHOTO_SPEC = "fill-320x320|format-webp"
POSTER_SPEC = "fill-1280x720|format-webp"
CLIP_NAME_WORDS = 10
# Who wrote an interview: its authors and interviewers. Everyone else with a role
# (interviewees, curators, video, translators) contributed to it.
AUTHOR_ROLES = {ArticlePersonRole.Role.AUTHOR, ArticlePersonRole.Role.INTERVIEWER}


def rendition_url(image, spec):
    return absolute_url(image.get_rendition(spec).url) if image else ""


def person_reference(person, request, *, image_spec=PORTRAIT_SPEC):
    node = {"@type": "Person", "name": person.title}
    if person.live:
        node["url"] = person.get_full_url(request)
    if person.photo_id:
        node["image"] = rendition_url(person.photo, image_spec)
    return node


def credits(roles, people):
    """(authors, contributors): the people to show for `roles`, each once, in order."""
    authors, contributors, seen = [], [], set()
    for role in roles:
        person = localize(role.person_id, people)
        if person is None or person.pk in seen:
            continue
        seen.add(person.pk)
        (authors if role.role in AUTHOR_ROLES else contributors).append(person)
    return authors, contributors


def embed_url(source, start=0):
    """A clean player address for YouTube and Vimeo (no autoplay); empty for other hosts."""
    if source is None:
        return ""
    if source.provider == "youtube":
        return f"https://www.youtube-nocookie.com/embed/{source.video_id}" + (
            f"?start={int(start)}" if start else ""
        )
    if source.provider == "vimeo":
        query = f"?h={source.privacy_hash}" if source.privacy_hash else ""
        return f"https://player.vimeo.com/video/{source.video_id}{query}" + (
            f"#t={int(start)}s" if start else ""
        )
    return ""


def first_words(text, count):
    """`text` cut after `count` words, with an ellipsis when cut (as Django's Truncator)."""
    words = text.split(maxsplit=count)  # the first `count` words, then the rest if any
    if len(words) <= count:
        return " ".join(words)
    return " ".join(words[:count]) + "…"


def clip_name(cue):
    words = first_words(" ".join(cue.turns[0].lines), CLIP_NAME_WORDS)
    return f"{cue.speaker}: {words}" if cue.speaker else words


def video_object(page, block, people, *, page_url, language):
    """A VideoObject for a video segment, with a Clip for each timed stretch of it."""
    value = block.value
    offset = value.get("start_offset") or 0
    node = {
        "@type": "VideoObject",
        "name": value.get("title"),
        "description": page.search_description or page.standfirst,
        "duration": value.iso_duration,
        "uploadDate": page.original_publication_date.isoformat(),
        "inLanguage": language,
        "url": f"{page_url}#segment-{block.id}",
    }
    media, source = value.get("media"), value.source
    if media:
        node["contentUrl"] = absolute_url(media.url)
    elif source:
        node["embedUrl"] = embed_url(source, offset) or source.url
    if value.get("poster"):
        node["thumbnailUrl"] = rendition_url(value.get("poster"), POSTER_SPEC)
    elif media and getattr(media, "thumbnail", None):
        node["thumbnailUrl"] = absolute_url(media.thumbnail.url)
    turns = turn_texts(value.get("transcript"), people)
    transcript = transcript_plain_text(turns)
    if transcript:
        node["transcript"] = transcript
    clips = [
        {
            "@type": "Clip",
            "name": clip_name(cue),
            "startOffset": offset + cue.start,
            "endOffset": offset + cue.end,
            "url": f"{page_url}#turn-{cue.id}",
        }
        for cue in segment_cues(value, people, turns)
    ]
    if clips:
        node["hasPart"] = clips
    return node


def publisher_data(request):
    """The `Organization` that publishes the site, from its settings (Settings → Publisher):
    one query, kept on the request; the logo's original file, so no rendition is made."""
    publisher = PublisherSettings.load(request_or_site=request)
    data = {"@type": "Organization", "name": publisher.name}
    if publisher.logo:
        data["logo"] = {"@type": "ImageObject", "url": absolute_url(publisher.logo.file.url)}
    if publisher.profile_urls:
        data["sameAs"] = publisher.profile_urls
    return data


def article_data(page, *, request, roles, people, language=None):
    """An `Article` with its authors and contributors and a `VideoObject` per segment."""
    language = language or get_language()
    url = page.get_full_url(request)
    modified = page.last_updated or page.last_published_at or page.original_publication_date
    authors, contributors = credits(roles, people)
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Article",
        "headline": page.seo_title or page.title,
        "description": page.search_description or page.standfirst,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": language,
        "datePublished": page.original_publication_date.isoformat(),
        "dateModified": modified.isoformat(),
        "publisher": publisher_data(request),
    }
    if page.canonical_url:
        data["isBasedOn"] = page.canonical_url
    if page.hero_image_id:
        data["image"] = rendition_url(page.hero_image, HERO_SPEC)
    if authors:
        data["author"] = [person_reference(person, request) for person in authors]
    if contributors:
        data["contributor"] = [person_reference(person, request) for person in contributors]
    videos = [
        video_object(page, block, people, page_url=url, language=language)
        for block in page.segments
    ]
    if videos:
        data["video"] = videos
    return data


def person_data(page, *, request, links):
    """A `Person`: name, what they do, year of birth, photo and their pages elsewhere."""
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Person",
        "name": page.title,
        "url": page.get_full_url(request),
    }
    if page.roles:
        data["jobTitle"] = page.roles
    if page.short_bio:
        data["description"] = page.short_bio
    if page.birth_year:
        data["birthDate"] = f"{page.birth_year:04d}"
    if page.photo_id:
        data["image"] = rendition_url(page.photo, PROFILE_PHOTO_SPEC)
    same_as = [link.url for link in links]
    if same_as:
        data["sameAs"] = same_as
    return data
