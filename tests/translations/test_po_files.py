"""Translators download a translation as a PO file and upload it back, through wagtail-localize's
views; a file that is not this translation's PO is refused with a message and changes nothing."""

import html

import polib
import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from wagtail_localize.models import StringSegment, StringTranslation

from tests import factories
from translations import po_files

pytestmark = pytest.mark.django_db

IMPORTED = "Successfully imported translations from PO File."


def messages_of(response):
    return [
        (message.level_tag, html.unescape(str(message)).strip())
        for message in get_messages(response.wsgi_request)
    ]


def article(title, *texts):
    return factories.make_article(
        title,
        standfirst=f"{title}: the standfirst.",
        body=[factories.paragraph(text) for text in texts],
    )


@pytest.fixture
def talk(locales):
    return article("Talking on video", "Hello there.", "Goodbye.")


@pytest.fixture
def italian(talk, locales):
    return factories.localize(talk, locales["it"])


def edit_url(translation):
    return reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk])


def download(client, translation):
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    return response


def filled(po_bytes, prefix="IT: "):
    """The PO file with every entry translated as `prefix` + source."""
    po = polib.pofile(po_bytes.decode())
    for entry in po:
        entry.msgstr = prefix + entry.msgid
    return str(po).encode()


def upload(client, translation, content, name="translation.po"):
    return client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile(name, content), "next": edit_url(translation)},
    )


def errors(response):
    return [text for level, text in messages_of(response) if level == "error"]


# Download --------------------------------------------------------------------------------


def test_download_is_a_po_file_of_the_articles_strings(admin_client, italian):
    response = download(admin_client, italian)

    assert response["Content-Type"] == "text/x-gettext-translation"
    assert response["Content-Disposition"] == "attachment; filename=talking-on-video-it.po"
    po = polib.pofile(response.content.decode())
    assert po.metadata["X-WagtailLocalize-TranslationID"] == str(italian.uuid)
    sources = set(
        StringSegment.objects.filter(source=italian.source).values_list("string__data", flat=True)
    )
    assert {entry.msgid for entry in po} == sources
    assert {"Talking on video", "Hello there.", "Goodbye."} <= sources
    assert all(entry.msgstr == "" for entry in po)
    assert all(entry.msgctxt for entry in po)  # where each string is used


# Upload ----------------------------------------------------------------------------------


def test_uploading_the_filled_file_translates_the_strings(admin_client, admin_user, italian):
    content = filled(download(admin_client, italian).content)

    response = upload(admin_client, italian, content)

    assert response.status_code == 302
    assert response["Location"] == edit_url(italian)
    assert ("success", IMPORTED) in messages_of(response)
    translated = StringTranslation.objects.filter(locale=italian.target_locale)
    by_source = {string.translation_of.data: string for string in translated}
    assert by_source["Hello there."].data == "IT: Hello there."
    assert by_source["Talking on video"].data == "IT: Talking on video"
    assert len(by_source) == StringSegment.objects.filter(source=italian.source).count()
    assert {(s.translation_type, s.tool_name, s.last_translated_by) for s in translated} == {
        ("manual", "PO File", admin_user)
    }
    # The translated page gets them when the translation is next saved.
    italian.save_target(publish=False)
    assert italian.get_target_instance().specific.get_latest_revision_as_object().title == (
        "IT: Talking on video"
    )


def test_a_language_header_for_the_same_language_is_accepted(admin_client, italian):
    po = polib.pofile(filled(download(admin_client, italian).content).decode())
    po.metadata["Language"] = "it_IT"  # as Poedit writes it

    response = upload(admin_client, italian, str(po).encode())

    assert ("success", IMPORTED) in messages_of(response)
    assert StringTranslation.objects.filter(locale=italian.target_locale).exists()


def test_the_upload_url_is_still_wagtail_localizes_served_by_our_checking_view(italian):
    url = reverse("wagtail_localize:upload_pofile", args=[italian.pk])

    view = resolve(url).func  # wrapped by Wagtail's admin-access check
    assert (view.__module__, view.__name__) == (po_files.__name__, "upload_pofile")


# Refusals: a message, and nothing changed --------------------------------------------------


@pytest.fixture
def translated_before(admin_client, italian):
    """Some strings already translated, so a refused upload can be seen to change nothing."""
    factories.translate_strings(italian, only=lambda text: text == "Goodbye.")
    return {
        "count": StringTranslation.objects.count(),
        "data": sorted(StringTranslation.objects.values_list("data", flat=True)),
    }


def assert_unchanged(before):
    assert StringTranslation.objects.count() == before["count"]
    assert sorted(StringTranslation.objects.values_list("data", flat=True)) == before["data"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"this is not a po file", "This is not a valid PO file."),
        (b'msgid "Hello there."\nmsgstr "Ciao" "', "This is not a valid PO file."),
        (b"\xff\xfe\x00 binary", "This is not a valid PO file."),
        (b"", "This PO file was not downloaded from Parlance"),
        (
            b'msgid "Hello there."\nmsgstr "Ciao."\n',
            "This PO file was not downloaded from Parlance",
        ),
    ],
    ids=["text", "syntax error", "binary", "empty", "no translation id"],
)
def test_a_malformed_file_is_refused(admin_client, italian, translated_before, content, expected):
    response = upload(admin_client, italian, content)

    assert response.status_code == 302
    assert response["Location"] == edit_url(italian)
    assert len(errors(response)) == 1
    assert errors(response)[0].startswith(expected)
    assert_unchanged(translated_before)


def test_a_file_for_another_pages_translation_is_refused(
    admin_client, italian, translated_before, locales
):
    other = factories.localize(article("Another talk", "Hello there."), locales["it"])
    content = filled(download(admin_client, other).content)
    before = {**translated_before, "count": StringTranslation.objects.count()}

    response = upload(admin_client, italian, content)

    assert errors(response) == [
        "This PO file belongs to another page's translation, not this one. Upload it on the "
        "page it was downloaded from."
    ]
    assert_unchanged(before)


def test_a_file_for_another_language_is_refused(
    admin_client, talk, italian, translated_before, locales
):
    french = factories.localize(talk, locales["fr"])
    content = filled(download(admin_client, french).content, prefix="FR: ")

    response = upload(admin_client, italian, content)

    assert errors(response) == [
        "This PO file is for the French translation of this page, not the Italian one. Upload "
        "it on the French translation."
    ]
    assert_unchanged(translated_before)
    assert not StringTranslation.objects.filter(locale=locales["fr"]).exists()


def test_a_file_whose_tool_says_another_language_is_refused(
    admin_client, italian, translated_before
):
    po = polib.pofile(filled(download(admin_client, italian).content, prefix="FR: ").decode())
    po.metadata["Language"] = "fr"

    response = upload(admin_client, italian, str(po).encode())

    assert errors(response) == [
        "This PO file says its translations are in “fr”, but this is the Italian translation. "
        "Check the language in your translation tool."
    ]
    assert_unchanged(translated_before)


def test_an_upload_without_a_file_is_refused(admin_client, italian, translated_before):
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[italian.pk]), {"next": edit_url(italian)}
    )

    assert errors(response) == ["Choose a PO file to upload."]
    assert_unchanged(translated_before)


def test_someone_who_cannot_edit_the_translation_learns_nothing(
    client, admin_client, italian, translated_before, django_user_model
):
    content = filled(download(admin_client, italian).content)
    outsider = django_user_model.objects.create_user("outsider", password="password")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)

    response = upload(client, italian, content)

    assert errors(response) == ["Sorry, you do not have permission to access this area."]
    assert_unchanged(translated_before)
