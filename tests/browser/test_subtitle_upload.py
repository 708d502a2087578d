"""The "Subtitle files" page in Chromium: a French translator goes there from the translation
editor, downloads a segment as WebVTT, uploads a file with mistakes (every problem listed, with
its line, nothing saved) and then the corrected one (applied, back in the editor). The page
passes axe, errors included."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from tests import factories
from tests.browser.admin import log_in
from tests.browser.conftest import ADMIN_UI, axe_violations

pytestmark = ADMIN_UI

FRENCH = {
    "Listening takes time.": "Écouter prend du temps.",
    "Does the camera change that?": "La caméra change-t-elle cela ?",
}


@pytest.fixture
def french():
    ada = factories.make_person("Ada Lovelace")
    body = [
        factories.video_segment(
            "Part one",
            duration=60,
            turns=[
                factories.turn("Listening takes time.", speaker=ada, timecode=5),
                factories.turn("Does the camera change that?", name="Guest", timecode=30),
            ],
        )
    ]
    article = factories.make_article("On listening", body=body)
    factories.make_user("tina", "Translators (French)")
    return factories.translate(article, Locale.objects.get(language_code="fr"))["fr"]


def test_a_translator_downloads_and_uploads_a_segment(page, french, screenshot, tmp_path):
    log_in(page, "tina")
    page.goto(f"/admin/pages/{french.pk}/edit/")
    page.get_by_role("link", name="Subtitle files (WebVTT, SRT)").click()
    expect(page.get_by_role("heading", name="1. Download a segment")).to_be_visible()
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="WebVTT — Part one").click()
    assert download.value.suggested_filename == "on-listening-1-part-one-en.vtt"
    english = download.value.path().read_text()
    assert "Listening takes time." in english

    # A file with two mistakes: a broken timing line and a cue left empty.
    french_text = english
    for source, text in FRENCH.items():
        french_text = french_text.replace(f">{source}<", f">{text}<")
    broken = french_text.replace(" --> 00:00:30.000", " -> 00:00:30.000").replace(
        "<v Guest>La caméra change-t-elle cela ?</v>", ""
    )
    broken_file = tmp_path / "part-one-fr.vtt"
    broken_file.write_text(broken)
    page.get_by_label("Video segment").select_option(label="1. Part one")
    page.get_by_label("Translated subtitle file").set_input_files(broken_file)
    page.get_by_role("button", name="Upload and apply").click()
    alert = page.get_by_role("alert").filter(has_text="The file was not applied")
    expect(alert).to_be_visible()
    items = alert.get_by_role("listitem")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Line 7: Expected a cue timing")
    expect(items.nth(1)).to_contain_text("Line 11: This cue has no text.")
    screenshot(page, "upload-refused")
    assert axe_violations(page) == []
    assert not StringTranslation.objects.filter(locale=french.locale).exists()

    # The corrected file is applied; the translator is back in the translation editor.
    good_file = tmp_path / "part-one-fr-fixed.vtt"
    good_file.write_text(french_text)
    page.get_by_label("Translated subtitle file").set_input_files(good_file)
    page.get_by_role("button", name="Upload and apply").click()
    page.wait_for_url(f"**/admin/pages/{french.pk}/edit/")
    expect(page.get_by_text("2 cues of “part-one-fr-fixed.vtt” were applied")).to_be_visible()
    expect(page.get_by_text("La caméra change-t-elle cela ?")).to_be_visible()
    screenshot(page, "upload-applied")
    strings = StringTranslation.objects.filter(locale=french.locale)
    assert sorted(strings.values_list("data", flat=True)) == sorted(FRENCH.values())
