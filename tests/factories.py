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
from site_core.models import HomePage
from taxonomy.models import Topic

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
    empty = {"quote": "", "sub_style": "bulleted", "text_after": ""}  # as the editor stores them
    detail = list_item(
        {"text": "<p>a detail</p>", **empty, "sub_items": [list_item("<p>a finer detail</p>")]}
    )
    return stream_child(
        "list",
        {
            "style": style,
            "start": None,
            "items": [
                list_item({"text": "<p>First point</p>", **empty, "sub_items": [detail]}),
                list_item({"text": "<p>Second point</p>", **empty, "sub_items": []}),
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


# --- Translations made through wagtail-localize, as translators and reviewers make them.


def localize(page, locale, user=None):
    """`translate()` into one language, returning its wagtail-localize `Translation` (synced,
    strings untranslated, the translated page a draft)."""
    from wagtail_localize.models import Translation

    translate(page, locale, user=user)
    return Translation.objects.get(
        source__object_id=page.translation_key,
        source__locale_id=page.locale_id,
        target_locale=locale,
    )


def tag_with_language(code):
    """A stand-in translator: "Hello." becomes "[it] Hello."."""
    return lambda text: f"[{code}] {text}"


def translate_strings(translation, translate=None, *, user=None, only=None):
    """Translate the source's strings into the translation's language in translation memory
    (wagtail-localize's StringTranslation), like a translator in its editor; `only` limits it
    to source strings for which `only(text)` is true. Returns the number translated."""
    from wagtail_localize.models import StringSegment, StringTranslation

    locale = translation.target_locale
    translate = translate or tag_with_language(locale.language_code)
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    count = 0
    for segment in segments:
        if only is not None and not only(segment.string.data):
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": translate(segment.string.data),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
        count += 1
    return count


def approve(translated_page):
    """Publish the latest revision of a translation, as its reviewers' approval does."""
    translated_page.refresh_from_db()
    translated_page.get_latest_revision().publish()
    translated_page.refresh_from_db()
    return translated_page


def live_translation(page, locale, translate=None):
    """`page` translated into `locale` through wagtail-localize with every string translated,
    saved and approved: (Translation, the live translated page)."""
    translation = localize(page, locale)
    translate_strings(translation, translate)
    translation.save_target(publish=False)
    return translation, approve(translation.get_target_instance())


# --- Uploaded media, for captions and structured data.


def make_media(title="Interview recording", *, kind="video", duration=600, path=None, size=None):
    """An uploaded video (or audio) file in wagtailmedia; its bytes are a placeholder, or the
    file at `path` (say the demo video) for browsers that play it. `size` is (width, height)."""
    from pathlib import Path

    from django.core.files.base import ContentFile
    from wagtailmedia.models import get_media_model

    extension = Path(path).suffix.lstrip(".") if path else "mp4" if kind == "video" else "mp3"
    content = Path(path).read_bytes() if path else b"\x00"
    width, height = size or (None, None)
    return get_media_model().objects.create(
        title=title,
        type=kind,
        duration=duration,
        width=width,
        height=height,
        file=ContentFile(content, name=f"recording-{next(_sequence)}.{extension}"),
    )


def uploaded_segment(title, media, *, turns=(), duration=600, start_offset=None, poster=None):
    """A video segment playing an uploaded file (`media`) instead of a video address."""
    segment = video_segment(title, turns=turns, duration=duration, url="")
    segment["value"].update(
        {
            "media": media.pk,
            "start_offset": start_offset,
            "poster": poster.pk if poster else None,
        }
    )
    return segment


# --- Machine drafts, translators' edits and reviewers' approvals, through the admin's views.


def make_person_user(first_name="", last_name="", *, superuser=True):
    """An admin user with a public name (or none); a superuser unless said otherwise."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    number = next(_sequence)
    create = users.create_superuser if superuser else users.create_user
    return create(
        f"user{number}",
        f"user{number}@example.com",
        "password",
        first_name=first_name,
        last_name=last_name,
    )


def machine_translate(client, translation):
    """Press "Translate with …" in wagtail-localize's translation editor."""
    from django.urls import reverse

    page = translation.get_target_instance()
    return client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]),
        {"next": reverse("wagtailadmin_pages:edit", args=[page.pk])},
    )


def save_strings_in_editor(client, translation, translate=None, *, only=None):
    """The client's user saves strings in wagtail-localize's translation editor (its string
    API), so they become "manual", last translated by that user. `translate(source)` gives
    the text (default "(<lang>) source"); `only(source)` limits which strings."""
    from urllib.parse import urlencode

    from django.urls import reverse
    from wagtail_localize.models import StringSegment

    code = translation.target_locale.language_code
    translate = translate or (lambda text: f"({code}) {text}")
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    for segment in segments:
        if only is not None and not only(segment.string.data):
            continue
        url = reverse(
            "wagtail_localize:edit_string_translation",
            kwargs={"translation_id": translation.pk, "string_segment_id": segment.pk},
        )
        response = client.put(
            url,
            urlencode({"value": translate(segment.string.data)}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content


def submit_for_review(page, user):
    """Save `page` as a revision (a synced translation's from its strings, as "Submit for
    review" in the translation editor does) and start the review workflow of its tree: the site
    set-up's, or, if there is none, a one-task group-approval workflow made here like it."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from translations.workflows import save_translation_draft, synced_translation

    workflow = page.get_workflow()
    if workflow is None:
        task = GroupApprovalTask.objects.create(name=f"Review {next(_sequence)}")
        workflow = Workflow.objects.create(name=f"Review workflow {task.pk}")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        language_home = page.get_ancestors().filter(depth=2).get()
        WorkflowPage.objects.create(page=language_home, workflow=workflow)
    translation = synced_translation(page)
    if translation is None:
        page.save_revision(user=user)
    else:
        save_translation_draft(translation, user)
    return workflow.start(page, user)


def approve_in_workflow(client, page, **headers):
    """Press "Approve" on the page's current review task (Wagtail's workflow-action view)."""
    from django.urls import reverse
    from wagtail.models import WorkflowState

    state = WorkflowState.objects.get(pk=page.current_workflow_state.pk)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    return client.post(url, {"comment": ""}, **headers)


# --- A realistic interview for reader-page checks (accessibility, design, page weight).

DEMO_VIDEO = "demo/assets/parlance-demo.webm"

ARABIC = {
    "Speaking on camera": "الكلام أمام الكاميرا",
    "Mara Quint": "مارا كوينت",
    "Jonas Ebbe": "يوناس إيبه",
    "Lena Ortiz": "لينا أورتيز",
    "Interviewee": "ضيفة الحوار",
    "Producer": "منتج",
    "Editor": "محررة",
}
ARABIC_SENTENCE = "قيلت هذه الكلمات أمام الكاميرا، في حوار طويل عن الكلام والصورة والذاكرة."


VOCABULARY = (
    "camera light voice pause silence question answer memory studio tape archive listen "
    "speak face hands breath story language accent translate interview record frame cut "
    "edit minute evening morning city river street kitchen school teacher mother friend "
    "letter radio film screen audience stage rehearsal mistake courage habit patience"
)


def sentences(seed, words=60):
    """Varied prose from a fixed vocabulary: the same for the same seed, and compressing
    like real text rather than like one sentence repeated."""
    import random

    picker = random.Random(seed)  # noqa: S311 - sample prose, not secrets
    vocabulary = VOCABULARY.split()
    chosen = [picker.choice(vocabulary) for _ in range(words)]
    return " ".join(
        " ".join(chosen[start : start + 12]).capitalize() + "." for start in range(0, words, 12)
    )


def to_arabic(text):
    """A stand-in Arabic translator: known names and titles, "Part 2" as "الجزء 2", one
    sentence for the rest."""
    if text.startswith("Part ") and text[5:].isdigit():
        return f"الجزء {text[5:]}"
    return ARABIC.get(text, ARABIC_SENTENCE)


def make_demo_media(title="Demo recording"):
    """The committed demo video (WebM, 320x180, 90 s) as an uploaded wagtailmedia file."""
    from django.conf import settings
    from django.core.files import File
    from wagtailmedia.models import get_media_model

    with open(settings.BASE_DIR / DEMO_VIDEO, "rb") as video:
        return get_media_model().objects.create(
            title=title,
            type="video",
            duration=90,
            width=320,
            height=180,
            file=File(video, name="parlance-demo.webm"),
        )


def make_long_interview(*, segments=4, turns_per_segment=6, figures=3):
    """A published interview as readers meet it: three people with photos (interviewee,
    interviewer, author), topics, a hero image, video segments (the first plays the demo
    video, the others are YouTube facades with posters) of timecoded turns, a quote, a
    nested list and captioned figures. Returns (article, [people])."""
    mara = make_person("Mara Quint", photo=True, roles="Interviewee")
    jonas = make_person("Jonas Ebbe", photo=True, roles="Producer")
    lena = make_person("Lena Ortiz", photo=True, roles="Editor")
    speakers = [mara, jonas]
    body = [paragraph("Mara Quint has spent thirty years listening to people talk on camera.")]
    for number in range(1, segments + 1):
        turns = [
            turn(
                f"Part {number}, turn {index}. {sentences(number * 1000 + index)}",
                speaker=speakers[index % 2],
                timecode=index * 12,
            )
            for index in range(turns_per_segment)
        ]
        turns[1]["value"]["content"].append(
            quote("You hear the thought before the words.", person=mara)
        )
        if number == 1:
            turns[2]["value"]["content"].append(nested_list())
            segment = uploaded_segment(
                f"Part {number}", make_demo_media(), turns=turns, duration=90
            )
        else:
            segment = video_segment(f"Part {number}", turns=turns, duration=turns_per_segment * 12)
            poster = make_image(f"Poster {number}", 1280, 720, (40, 60 + number * 20, 90))
            segment["value"]["poster"] = poster.pk
        body.append(segment)
        if number <= figures:
            figure = make_image(f"Figure {number}", 1600, 1000, (150, 110, 60 + number * 30))
            body.append(
                stream_child(
                    "image",
                    {
                        "image": figure.pk,
                        "alt_text": f"The studio during part {number}",
                        "caption": f"Setting up for part {number}",
                        "credit": "Parlance",
                    },
                )
            )
    body.append(
        quote(
            "Listening is most of the work.",
            name="A sound engineer",
            source_title="Notes from the booth",
            source_url="https://example.org/booth",
        )
    )
    article = make_article(
        "Speaking on camera",
        body=body,
        people=[(mara, "interviewee"), (jonas, "interviewer"), (lena, "author")],
        topics=[make_topic("Media"), make_topic("Language")],
        hero_image=make_image("Hero", 1600, 900, (90, 40, 30)),
        hero_caption="Mara Quint in the studio",
        hero_credit="Parlance",
    )
    return article, [mara, jonas, lena]


def make_long_interview_in_arabic(article, people):
    """The interview and its people live in Arabic through wagtail-localize (`to_arabic`)."""
    arabic = Locale.objects.get(language_code="ar")
    for person in people:
        live_translation(person, arabic, to_arabic)
    return live_translation(article, arabic, to_arabic)[1]


# --- Translators' own work (issue 15): the reviewer's other answer, through the admin.


def request_changes_in_workflow(client, page, comment="Please look again."):
    """Press "Request changes" on the page's current review task, with a comment (Wagtail's
    group approval task calls that action "reject")."""
    from django.urls import reverse
    from wagtail.models import WorkflowState

    state = WorkflowState.objects.get(pk=page.current_workflow_state.pk)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "reject", state.current_task_state.pk],
    )
    return client.post(url, {"comment": comment})
