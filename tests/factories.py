"""Builders for real Wagtail page trees used across the suite. One place, no JSON fixtures."""

import datetime
import io
import itertools
import uuid

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Locale

from articles.models import ArticleIndexPage, ArticlePage, ArticlePersonRole
from people.models import PersonIndexPage, PersonLink, PersonPage
from site_core.models import HomePage, Topic

_sequence = itertools.count(1)


def english_home():
    return HomePage.objects.get(locale=Locale.get_default())


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_image(title="Portrait", width=64, height=48, colour=(120, 60, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return Image.objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title.lower()}.png")
    )


def article_index(home=None):
    home = home or english_home()
    existing = ArticleIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    return publish(home.add_child(instance=ArticleIndexPage(title="Interviews", slug="interviews")))


def person_index(home=None):
    home = home or english_home()
    existing = PersonIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    return publish(home.add_child(instance=PersonIndexPage(title="People", slug="people")))


def make_person(name=None, *, photo=False, links=(), **fields):
    name = name or f"Person {next(_sequence)}"
    person = PersonPage(
        title=name,
        roles=fields.pop("roles", "New media explorer"),
        short_bio=fields.pop("short_bio", f"{name} explores how people talk on camera."),
        photo=make_image(f"{name} photo") if photo else None,
        **fields,
    )
    for label, url in links:
        person.links.add(PersonLink(label=label, url=url))
    return publish(person_index().add_child(instance=person))


def make_topic(name="Media", slug=None):
    return Topic.objects.get_or_create(slug=slug or name.lower(), defaults={"name": name})[0]


def stream_child(block_type, value):
    """A StreamField child in Wagtail's stored format (with its own id)."""
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def paragraph(text):
    return stream_child("paragraph", f"<p>{text}</p>")


def list_item(value):
    """A ListBlock item in Wagtail's stored format (with its own id)."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def turn(text, *, speaker=None, name="", timecode=None, extra=()):
    return list_item(
        {
            "speaker": speaker.pk if speaker else None,
            "speaker_name": name,
            "timecode": timecode,
            "content": [paragraph(text), *extra],
        }
    )


def video_segment(
    title, *, turns=(), duration=600, url="https://www.youtube.com/watch?v=aqz-KE-bpKQ"
):
    return stream_child(
        "video_segment",
        {
            "title": title,
            "video_url": url,
            "media": None,
            "duration": duration,
            "start_offset": None,
            "poster": None,
            "transcript": list(turns),
        },
    )


def nested_list(style="numbered"):
    """Three levels: items, a bulleted sub-list, and sub-items under it."""
    detail = list_item({"text": "a detail", "sub_items": [list_item("a finer detail")]})
    return stream_child(
        "list",
        {
            "style": style,
            "items": [
                list_item({"text": "First point", "sub_style": "bulleted", "sub_items": [detail]}),
                list_item({"text": "Second point", "sub_style": "bulleted", "sub_items": []}),
            ],
        },
    )


def quote(text, *, person=None, name="", source_title="", source_url=""):
    return stream_child(
        "quote",
        {
            "text": text,
            "attribution_person": person.pk if person else None,
            "attribution_name": name,
            "source_title": source_title,
            "source_url": source_url,
        },
    )


def interview_body(speakers, *, segments=3, turns_per_segment=4):
    """A body of `segments` video segments, each with timecoded turns alternating speakers."""
    body = [paragraph("An introduction to the conversation.")]
    for number in range(1, segments + 1):
        turns = [
            turn(
                f"Segment {number}, turn {index}: words said on camera.",
                speaker=speakers[index % len(speakers)],
                timecode=index * 10,
            )
            for index in range(turns_per_segment)
        ]
        body.append(
            video_segment(f"Part {number}", turns=turns, duration=max(600, turns_per_segment * 10))
        )
    return body


def make_article(title=None, *, body=None, people=(), topics=(), live=True, **fields):
    """An article under the English index. `people` is [(PersonPage, role)]."""
    title = title or f"Interview {next(_sequence)}"
    article = ArticlePage(
        title=title,
        standfirst=fields.pop("standfirst", f"A long conversation: {title}."),
        original_publication_date=fields.pop(
            "original_publication_date", datetime.date(2020, 5, 17)
        ),
        body=body if body is not None else [paragraph("Hello.")],
        live=live,
        **fields,
    )
    for person, role in people:
        article.people.add(ArticlePersonRole(person=person, role=role))
    article.topics = list(topics)
    article = article_index().add_child(instance=article)
    if live:
        publish(article)
    else:
        article.save_revision()
    return article


def translation_of(page, locale, **changes):
    """`page` in `locale` — its existing translation, or a copy made as Wagtail's "Translate"
    action does — with `changes` (a translated title, say) applied, then published. Its parent
    must be translated already."""
    if page.has_translation(locale):  # e.g. the section indexes made by the site set-up
        translated = page.get_translation(locale).specific
    else:
        translated = page.copy_for_translation(locale)
    for field, value in changes.items():
        setattr(translated, field, value)
    return publish(translated)


def make_draft_article(title=None, **fields):
    """An article saved as a draft and never published."""
    return make_article(title, live=False, **fields)


def make_user(username, *group_names):
    """A user who belongs to the named groups only (say "Translators (Italian)"): no superuser
    rights, so every page the admin lets them touch is down to their groups' permissions."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    groups = list(Group.objects.filter(name__in=group_names))
    assert len(groups) == len(group_names), f"no such group among {group_names}"
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "password")
    user.groups.set(groups)
    return user


def translate(page, *locales, user=None):
    """`page` translated into `locales` the way "Translate this page" does it (wagtail-localize's
    TranslationCreator): synced translations, saved as drafts. Returns {language code: page}."""
    from wagtail_localize.operations import translate_object

    translate_object(page, list(locales), user=user)
    return {locale.language_code: page.get_translation(locale).specific for locale in locales}
