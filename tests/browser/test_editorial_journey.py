"""Issue #6's journey in Chromium, the browser twin of tests/translations/test_journey.py:
an editor builds and publishes an interview in the admin, an Italian translator translates it
in wagtail-localize's editor and submits it for review, the Italian reviewer approves it, and a
reader watches it in Italian. Each actor signs in through the real login form, in a browser
context of their own. Every step is screenshotted into test-artifacts/screenshots/<test name>/.
"""

import re
from pathlib import Path

import pytest
from django.core.files import File
from django.utils.html import strip_tags
from playwright.sync_api import expect
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation
from wagtailmedia.models import get_media_model

from articles.models import ArticlePage
from tests import factories
from tests.browser.admin import (
    choose_block,
    log_in,
    open_header_menu_item,
    translate_strings,
    type_rich_text,
)
from tests.browser.conftest import ADMIN_UI

pytestmark = ADMIN_UI

DEMO_VIDEO = Path(__file__).resolve().parents[2] / "demo/assets/parlance-demo.webm"
TRANSCRIPT = """\
[0:05] Ada Lovelace: Listening takes time.

[0:40] Audience member: Does the camera change that?
"""
# Every string the translator is given: exactly these, each typed in the editor.
ITALIAN = {
    "On listening": "Sull’ascolto",
    "A conversation about listening.": "Una conversazione sull’ascolto.",
    "Part one": "Prima parte",
    "Listening takes time.": "Ascoltare richiede tempo.",
    "Does the camera change that?": "La telecamera lo cambia?",
    "Audience member": "Una persona del pubblico",
    "Silence is part of the answer.": "Il silenzio fa parte della risposta.",
    "A listener": "Un’ascoltatrice",
    "Record everything": "Registrare tutto",
    "two cameras": "due telecamere",
}


@pytest.fixture
def cast(settings):
    """The users (with the roles the site set-up creates, roles.py), Ada Lovelace's bio in
    English and Italian, and the demo video in the media library."""
    # Wagtail 8 autosaves the page editor half a second after each change; the first autosave
    # of a new page creates it, and a "Save draft" click that races it posts a second creation
    # ("slug already in use"). These tests save and publish with the buttons, so it is off.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    factories.make_user("edith", "Editors")
    factories.make_user("tom", "Translators (Italian)")
    factories.make_user("rita", "Reviewers (Italian)")
    ada = factories.make_person("Ada Lovelace")
    factories.translate(ada, Locale.objects.get(language_code="it"))[
        "it"
    ].get_latest_revision().publish()
    with DEMO_VIDEO.open("rb") as video:
        media = get_media_model().objects.create(
            title="Parlance demo recording",
            type="video",
            duration=90,
            width=320,
            height=180,
            file=File(video, name="parlance-demo.webm"),
        )
    return {"ada": ada, "media": media, "index": factories.article_index()}


@pytest.fixture
def new_tab(browser, live_server):
    """`new_tab()`: a tab in a browser context of its own (own cookies: one per actor)."""
    contexts = []

    def open_tab():
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def test_an_interview_goes_from_editor_to_italian_reader(cast, new_tab, screenshot):
    editor = new_tab()
    log_in(editor, "edith")

    # 1. The editor builds the article with the page editor's block picker …
    editor.goto(f"/admin/pages/{cast['index'].pk}/add_subpage/")
    editor.get_by_role("textbox", name="Title").fill("On listening")
    editor.get_by_role("textbox", name="Standfirst").fill("A conversation about listening.")
    segment = choose_block(editor, "Video segment")
    segment.get_by_label("Section title").fill("Part one")
    segment.get_by_label("Duration").fill("1:30")
    segment.get_by_role("button", name="Choose a media item").click()
    editor.get_by_role("link", name="Parlance demo recording").click()
    expect(segment.get_by_text("Parlance demo recording")).to_be_visible()
    quote = choose_block(editor, "Quote")
    quote.get_by_label("Quotation").fill("Silence is part of the answer.")
    quote.get_by_label("Said by (name)").fill("A listener")
    outline = choose_block(editor, "List")
    type_rich_text(outline, "text", "Record everything")
    nested_list = outline.locator("[data-contentpath='sub_items']").first
    nested_list.locator("[data-streamfield-list-add]").first.click()
    type_rich_text(nested_list, "text", "two cameras")
    screenshot(editor, "editor-builds-article")
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.get_by_text("Page 'On listening' created.")).to_be_visible()
    article = ArticlePage.objects.get(title="On listening")

    # 2. … fills the segment's turns with "Import transcript" from the header's menu …
    open_header_menu_item(editor, "Import transcript")
    editor.get_by_label("Paste the transcript").fill(TRANSCRIPT)
    screenshot(editor, "editor-imports-transcript")
    editor.get_by_role("button", name="Import transcript").click()
    expect(
        editor.get_by_text("Imported 2 turns into “Part one”; review and publish.")
    ).to_be_visible()
    screenshot(editor, "editor-transcript-imported")

    # 3. … previews the article as readers will see it …
    editor.get_by_role("button", name="Toggle preview").click()
    preview = editor.frame_locator("#w-preview-iframe")
    for text in ["Listening takes time.", "Silence is part of the answer.", "two cameras"]:
        expect(preview.get_by_text(text, exact=True)).to_be_visible()
    expect(preview.locator("body")).not_to_contain_text("StructValue")
    screenshot(editor, "editor-previews")

    # 4. … and publishes it. What was published holds every block (unknown ones would vanish).
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish", exact=True).click()
    expect(editor.get_by_text("Page 'On listening' has been published.")).to_be_visible()
    screenshot(editor, "editor-published")
    article = fresh(article)
    assert article.live
    assert [block.block_type for block in article.body] == ["video_segment", "quote", "list"]
    segment, quote, outline = (block.value for block in article.body)
    assert (segment["title"], segment["duration"], segment["media"]) == (
        "Part one",
        90,
        cast["media"],
    )
    turns = [
        (turn["timecode"], turn["speaker"], turn["speaker_name"]) for turn in segment["transcript"]
    ]
    assert turns == [(5, cast["ada"], ""), (40, None, "Audience member")]
    assert (quote["text"], quote["attribution_name"]) == (
        "Silence is part of the answer.",
        "A listener",
    )
    [item] = outline["items"]
    assert strip_tags(item["text"].source) == "Record everything"
    assert [strip_tags(sub_item["text"].source) for sub_item in item["sub_items"]] == [
        "two cameras"
    ]

    # 5. The editor asks for an Italian translation from the translation status page.
    editor.goto("/admin/translation-status/")
    editor.get_by_role("link", name=re.compile(r"^Translate\W+On listening, Italian$")).click()
    expect(editor.get_by_label("Italian")).to_be_checked()
    expect(editor.get_by_label("French")).not_to_be_checked()
    screenshot(editor, "editor-asks-for-italian")
    editor.get_by_role("button", name="Submit").click()
    editor.wait_for_url("**/edit/")
    italian = article.get_translation(Locale.objects.get(language_code="it")).specific
    assert not italian.live
    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=italian.locale
    )
    sources = StringSegment.objects.filter(source=translation.source)
    assert sorted(sources.values_list("string__data", flat=True)) == sorted(ITALIAN)

    # 6. The Italian translator opens it from the translation status page …
    translator = new_tab()
    log_in(translator, "tom")
    translator.goto("/admin/translation-status/")
    screenshot(translator, "translator-status-page")
    translator.get_by_role(
        "link", name=re.compile(r"^Edit translation\W+On listening, Italian$")
    ).click()
    translator.wait_for_url(f"**/admin/pages/{italian.pk}/edit/")

    # 7. … translates every string in wagtail-localize's editor …
    translate_strings(translator, ITALIAN)
    assert translation.get_progress() == (len(ITALIAN), len(ITALIAN))
    screenshot(translator, "translator-translated")

    # 8. … and submits it for review. Readers see nothing in Italian yet.
    translator.get_by_role("button", name="Submit for review").click()
    expect(
        translator.get_by_text(
            "“Sull’ascolto” was submitted for review. Readers see it once it is approved."
        )
    ).to_be_visible()
    screenshot(translator, "translator-submitted")
    italian = fresh(italian)
    assert italian.workflow_in_progress and not italian.live
    reader = new_tab()
    assert reader.goto(italian.url).status == 404

    # 9. The Italian reviewer approves it from the tasks on their dashboard: it is published.
    reviewer = new_tab()
    log_in(reviewer, "rita")
    task = reviewer.get_by_role("row").filter(has_text="Sull’ascolto")
    screenshot(reviewer, "reviewer-dashboard")
    task.get_by_role("button", name="Actions").click()
    task.get_by_role("button", name="Approve", exact=True).click()
    expect(task).to_have_count(0)
    screenshot(reviewer, "reviewer-approved")
    italian = fresh(italian)
    assert italian.live and not italian.workflow_in_progress

    # 10. A reader opens the Italian article, switches to English and back, and follows a
    # timecode: the video jumps there.
    reader.goto(italian.url)
    expect(reader.locator("html")).to_have_attribute("lang", "it")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Sull’ascolto")
    for text in [
        "Ascoltare richiede tempo.",
        "Il silenzio fa parte della risposta.",
        "due telecamere",
    ]:
        expect(reader.get_by_text(text, exact=True)).to_be_visible()
    screenshot(reader, "reader-italian")
    switcher = reader.get_by_role("navigation", name="Scegli una lingua")
    switcher.get_by_role("link", name="English").click()
    expect(reader).to_have_url(re.compile(r"/en/interviews/on-listening/$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text("On listening")
    screenshot(reader, "reader-english")
    switcher = reader.get_by_role("navigation", name="Choose a language")
    switcher.get_by_role("link", name="Italiano").click()
    expect(reader).to_have_url(re.compile(re.escape(italian.url) + "$"))
    video = reader.locator("video[data-segment-player]")
    expect(video).to_have_attribute("src", cast["media"].url)
    reader.get_by_role("link", name="0:40").click()
    # The seek needs the media served with HTTP range requests (206); no 206, no jump.
    reader.wait_for_function(
        "video => !video.seeking && Math.abs(video.currentTime - 40) < 1",
        arg=video.element_handle(),
    )
    screenshot(reader, "reader-follows-timecode")


def test_a_transcript_with_a_mistake_is_refused_with_its_line(cast, new_tab, screenshot):
    segment = factories.uploaded_segment("Part one", cast["media"], duration=90)
    article = factories.make_article("On listening", body=[segment], live=False)
    revisions = article.revisions.count()
    editor = new_tab()
    log_in(editor, "edith")
    editor.goto(f"/admin/pages/{article.pk}/edit/")

    open_header_menu_item(editor, "Import transcript")
    editor.get_by_label("Paste the transcript").fill(
        TRANSCRIPT + "\n[2:00] Ada Lovelace: Too late.\n"
    )
    editor.get_by_role("button", name="Import transcript").click()

    errors = editor.get_by_role("alert")
    expect(errors).to_contain_text("The transcript was not imported, and nothing was changed:")
    expect(errors).to_contain_text("Line 5: timecode 2:00 is after the end of the segment (1:30).")
    expect(editor.get_by_label("Paste the transcript")).to_have_value(re.compile("Too late"))
    screenshot(editor, "editor-import-refused")
    assert article.revisions.count() == revisions
