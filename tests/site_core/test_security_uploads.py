"""Uploads through the real admin views: documents, audio/video (wagtailmedia) and images
are refused — with a clear message on the file field and nothing saved — when they are too
big, of a type we do not take, or not what their name says (a web page or an SVG renamed
.jpg, .vtt or .pdf). Good files of each kind still go through."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection
from wagtailmedia.models import get_media_model

DEMO_VIDEO = Path(__file__).resolve().parents[2] / "demo/assets/parlance-demo.webm"
WEB_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ada>Hello, <i>world</i>.\n"
MISMATCH = "This file does not contain what its name says"


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (10, 20, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


def upload_document(client, collection, name, content):
    """Wagtail's "Add a document" (multiple upload): the JSON it answers."""
    response = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content), "collection": collection.pk},
    )
    assert response.status_code == 200
    return json.loads(response.content)


def add_document(client, collection, name, content):
    """The single-document form: the response (the form again when it is refused)."""
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": collection.pk},
    )


def add_media(client, collection, kind, name, content, thumbnail=None):
    data = {
        "title": name,
        "file": SimpleUploadedFile(name, content),
        "collection": collection.pk,
        "duration": 90,
    }
    if thumbnail is not None:
        data["thumbnail"] = SimpleUploadedFile(*thumbnail)
    return client.post(f"/admin/media/{kind}/add/", data)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("captions.vtt", VTT),
        ("notes.txt", "Trascrizione: è così.\n".encode()),
        ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        ("letter.docx", b"PK\x03\x04" + b"\x00" * 40),
    ],
)
def test_good_documents_are_saved(admin_client, root_collection, name, content):
    answer = upload_document(admin_client, root_collection, name, content)

    assert answer["success"], answer
    assert Document.objects.filter(title=name).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("captions.vtt", WEB_PAGE),  # a web page renamed .vtt
        ("captions.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nHello\n"),  # SRT, not WebVTT
        ("notes.txt", SVG),
        ("notes.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),  # binary
        ("paper.pdf", WEB_PAGE),
        ("letter.docx", b"not a zip"),
    ],
)
def test_documents_that_are_not_what_their_name_says_are_refused(
    admin_client, root_collection, name, content
):
    answer = upload_document(admin_client, root_collection, name, content)

    assert not answer["success"]
    assert MISMATCH in answer["error_message"]
    assert not Document.objects.exists()


def test_the_single_document_form_shows_the_error_and_saves_nothing(admin_client, root_collection):
    response = add_document(admin_client, root_collection, "captions.vtt", WEB_PAGE)

    assert response.status_code == 200
    assert MISMATCH in response.content.decode()
    assert not Document.objects.exists()


def test_a_document_over_the_size_limit_is_refused(admin_client, root_collection, settings):
    settings.UPLOAD_MAX_DOCUMENT_BYTES = 1024

    answer = upload_document(admin_client, root_collection, "notes.txt", b"words " * 200)

    assert not answer["success"]
    assert "This file is too big (1.2\xa0KB)" in answer["error_message"]
    assert "is 1.0\xa0KB" in answer["error_message"]
    assert not Document.objects.exists()


def test_a_document_type_not_on_the_list_is_refused(admin_client, root_collection):
    answer = upload_document(admin_client, root_collection, "page.html", WEB_PAGE)

    assert not answer["success"]
    assert not Document.objects.exists()


def test_a_real_video_is_saved(admin_client, root_collection):
    response = add_media(
        admin_client, root_collection, "video", "demo.webm", DEMO_VIDEO.read_bytes()
    )

    assert response.status_code == 302
    assert get_media_model().objects.get().title == "demo.webm"


@pytest.mark.parametrize(
    ("kind", "name", "content"),
    [
        ("video", "clip.mp4", WEB_PAGE),
        ("video", "clip.webm", b"RIFF\x00\x00\x00\x00WAVE"),  # a WAV renamed .webm
        ("audio", "talk.mp3", SVG),
        ("audio", "talk.ogg", b"fLaC\x00\x00\x00\x22"),
    ],
)
def test_media_that_is_not_what_its_name_says_is_refused(
    admin_client, root_collection, kind, name, content
):
    response = add_media(admin_client, root_collection, kind, name, content)

    assert response.status_code == 200
    assert MISMATCH in response.content.decode()
    assert not get_media_model().objects.exists()


def test_media_over_the_size_limit_is_refused(admin_client, root_collection, settings):
    settings.UPLOAD_MAX_MEDIA_BYTES = 1024

    response = add_media(
        admin_client, root_collection, "video", "demo.webm", DEMO_VIDEO.read_bytes()
    )

    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_media_model().objects.exists()


def test_a_media_thumbnail_must_be_a_real_image(admin_client, root_collection):
    video = DEMO_VIDEO.read_bytes()

    refused = add_media(
        admin_client, root_collection, "video", "a.webm", video, ("poster.jpg", WEB_PAGE)
    )
    accepted = add_media(
        admin_client, root_collection, "video", "b.webm", video, ("poster.png", png_bytes())
    )

    assert refused.status_code == 200
    assert "poster.jpg" not in str(get_media_model().objects.values_list("thumbnail"))
    assert accepted.status_code == 302
    assert [media.title for media in get_media_model().objects.all()] == ["b.webm"]


def upload_image(client, collection, name, content):
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content), "collection": collection.pk},
    )
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.parametrize(
    ("name", "content"), [("photo.jpg", WEB_PAGE), ("photo.jpg", SVG), ("photo.svg", SVG)]
)
def test_images_that_are_not_images_are_refused(admin_client, root_collection, name, content):
    answer = upload_image(admin_client, root_collection, name, content)

    assert not answer["success"]
    assert not Image.objects.exists()


def test_image_size_limit_comes_from_settings(admin_client, root_collection, settings):
    content = png_bytes()
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = len(content) - 1

    answer = upload_image(admin_client, root_collection, "photo.png", content)

    assert not answer["success"]
    assert "This file is too big" in answer["error_message"]
    assert not Image.objects.exists()


def test_a_real_image_is_saved(admin_client, root_collection):
    answer = upload_image(admin_client, root_collection, "photo.png", png_bytes())

    assert answer["success"], answer
    assert Image.objects.count() == 1
