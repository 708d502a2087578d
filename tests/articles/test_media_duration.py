"""A media file's duration is read from the uploaded file, and a segment that plays it takes
its duration from there unless the editor gives one."""

import io
import wave

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtailmedia.models import get_media_model

from articles.media_duration import read_duration
from articles.models import ArticlePage
from tests import factories
from tests.admin_forms import article_edit_form_data

pytestmark = pytest.mark.django_db

Media = get_media_model()


def wav_bytes(seconds, rate=8000):
    """A real WAV file of `seconds` of silence (mono, 16-bit)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(rate)
        recording.writeframes(b"\x00\x00" * int(rate * seconds))
    return buffer.getvalue()


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(user)
    return user


def upload(client, title, content, name, duration="0"):
    from wagtail.models import Collection

    response = client.post(
        reverse("wagtailmedia:add", args=["audio"]),
        {
            "title": title,
            "file": SimpleUploadedFile(name, content, content_type="audio/wav"),
            "collection": str(Collection.get_first_root_node().pk),
            "duration": duration,
            "tags": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Media.objects.get(title=title)


def test_read_duration_of_a_real_file_and_of_a_file_it_cannot_read():
    assert read_duration(io.BytesIO(wav_bytes(2.5)), "clip.wav") == pytest.approx(2.5)
    assert read_duration(io.BytesIO(b"\x00" * 64), "clip.mp4") is None
    assert read_duration(io.BytesIO(b""), "empty.wav") is None


def test_uploading_a_file_fills_its_duration(client, editor):
    # left at 0, as the form offers it: stored 0.0 for a real clip before
    media = upload(client, "Short clip", wav_bytes(3), "short-clip.wav")
    assert media.duration == pytest.approx(3.0)

    # a mistyped duration gives way to the file's
    media = upload(client, "Typed clip", wav_bytes(4.25), "typed-clip.wav", duration="99")
    assert media.duration == pytest.approx(4.25)

    # the edit form then offers the read duration
    response = client.get(reverse("wagtailmedia:edit", args=[media.pk]))
    assert b'name="duration"' in response.content and b'value="4.25"' in response.content

    # editing the title, without a new file, keeps it (no new read of the stored file)
    Media.objects.filter(pk=media.pk).update(duration=7)
    media.refresh_from_db()
    media.title = "Renamed clip"
    media.save()
    media.refresh_from_db()
    assert media.duration == 7


def test_a_segment_takes_its_duration_from_the_uploaded_file(client, editor):
    media = upload(client, "Long clip", wav_bytes(125.4), "long-clip.wav")
    article = factories.make_article(
        "Clip", body=[factories.uploaded_segment("Part one", media, duration=10)]
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])

    # the editor leaves the segment's duration empty
    data = article_edit_form_data(article, **{"action-publish": "1"})
    assert data["body-0-value-duration"] == "0:10"
    data["body-0-value-duration"] = ""
    response = client.post(edit_url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.body.raw_data[0]["value"]["duration"] == 125
    assert article.total_duration == 125

    # a duration the editor gives is kept
    data["body-0-value-duration"] = "1:00"
    assert client.post(edit_url, data).status_code == 302
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.body.raw_data[0]["value"]["duration"] == 60


def test_a_youtube_segment_still_needs_a_duration(client, editor):
    article = factories.make_article("Tube", body=[factories.video_segment("Part one")])
    data = article_edit_form_data(article, **{"action-publish": "1"})
    data["body-0-value-duration"] = ""

    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)

    assert response.status_code == 200
    assert ArticlePage.objects.get(pk=article.pk).body.raw_data[0]["value"]["duration"] == 600


def test_a_command_fills_the_durations_stored_as_zero():
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    clip = Media.objects.create(
        title="Old clip", type="audio", file=ContentFile(wav_bytes(2), name="old-clip.wav")
    )
    placeholder = factories.make_media("Placeholder", kind="audio", duration=0)
    factories.make_media("Typed", kind="audio", duration=42)
    Media.objects.filter(pk=clip.pk).update(duration=0)  # uploaded before durations were read
    output = io.StringIO()

    call_command("fill_media_durations", stdout=output)

    durations = dict(Media.objects.values_list("title", "duration"))
    assert durations["Old clip"] == pytest.approx(2.0)
    assert (durations["Placeholder"], durations["Typed"]) == (0, 42)
    assert output.getvalue().splitlines() == [
        "Durations read and filled: 1.",
        f"Could not read the duration of “Placeholder” (id {placeholder.pk}).",
    ]
