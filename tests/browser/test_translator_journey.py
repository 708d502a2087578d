"""Issue 15's journey in Chromium: translator-fr starts the French translation of an interview
from "Translation status", takes a machine draft, uploads a translated subtitle file for its
video segment, checks the remaining strings in the review mode (correcting and accepting them
turn by turn, from the keyboard too), saves and submits it for review; reviewer-fr reads it in
the review mode and approves it there; readers of /fr/ get the interview with the uploaded
text. Each actor signs in
through the login form, in a browser context of their own; every step is screenshotted into
test-artifacts/screenshots/<test name>/."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation

from tests import factories
from tests.browser.admin import log_in
from tests.browser.conftest import ADMIN_UI
from translations.machine import OfflineDraftTranslator

pytestmark = ADMIN_UI

# What translator-fr types over the machine draft in the editor, and what their subtitle tool
# gives for the segment's cues.
CHECKED_IN_EDITOR = {
    "On listening": "Sur l’écoute",
    "A conversation about listening.": "Une conversation sur l’écoute.",
    "Part one": "Première partie",
}
SUBTITLES = {
    "Listening takes time.": "Écouter prend du temps.",
    "Does the camera change that?": "La caméra change-t-elle cela ?",
}


def french_translation(page):
    from translations.workflows import synced_translation

    return synced_translation(page)


def review_mode_violations(tab):
    """axe's violations in the review mode (the rest of the screen is Wagtail's)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab, context="[data-review-mode]")
    return [violation["id"] for violation in results.response["violations"]]


def panel_violations(tab):
    """axe's violations in the dashboard's "Your translation work" panel (the rest of the
    dashboard is Wagtail's)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab, context="#translation-work-section")
    return [violation["id"] for violation in results.response["violations"]]


@pytest.fixture
def interview():
    ada = factories.make_person("Ada Lovelace")
    body = [
        factories.video_segment(
            "Part one",
            duration=90,
            turns=[
                factories.turn("Listening takes time.", speaker=ada, timecode=5),
                factories.turn("Does the camera change that?", speaker=ada, timecode=40),
            ],
        )
    ]
    article = factories.make_article(
        "On listening", standfirst="A conversation about listening.", body=body
    )
    factories.make_user("translator-fr", "Translators (French)")
    factories.make_user("reviewer-fr", "Reviewers (French)")
    return article


@pytest.fixture
def new_tab(browser, live_server):
    """`new_tab()`: a tab in a browser context of its own (own cookies: one per actor)."""
    contexts = []

    def open_tab():
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1366, "height": 768}
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def test_translator_fr_takes_an_interview_from_start_to_readers(
    interview, new_tab, screenshot, tmp_path
):
    french_locale = Locale.objects.get(language_code="fr")
    translator = new_tab()
    log_in(translator, "translator-fr")

    # 1. Their dashboard lists the interview as not started; from "Translation status",
    # translator-fr starts the French translation …
    queue = translator.locator("#translation-work-section")
    not_started = queue.locator("[data-state=missing]")
    expect(not_started.get_by_role("heading", name=re.compile("^Not started"))).to_be_visible()
    expect(not_started.get_by_text("On listening", exact=True)).to_be_visible()
    assert panel_violations(translator) == []
    screenshot(translator, "translator-dashboard")
    translator.get_by_role("link", name="Translation status").click()
    start = translator.get_by_role(
        "button", name=re.compile(r"^Start translation\W+On listening, French$")
    )
    screenshot(translator, "status-page")
    start.click()
    french = interview.get_translation(french_locale).specific
    translator.wait_for_url(f"**/admin/pages/{french.pk}/edit/")
    expect(
        translator.get_by_text("The French translation of “On listening” is started")
    ).to_be_visible()
    assert not french.live

    # 2. … takes a machine draft …
    machine = f"Translate with {OfflineDraftTranslator.display_name}"
    translator.get_by_role("button", name=machine).click()
    marker = OfflineDraftTranslator.marker(french_locale)
    expect(translator.get_by_text(f"{marker}Listening takes time.")).to_be_visible()
    # Each turn is found by segment, timecode and speaker, each string by what it is.
    turn = translator.locator("li").filter(
        has=translator.get_by_text("1. Part one · 0:40 · Ada Lovelace", exact=True)
    )
    expect(turn.get_by_text("Does the camera change that?", exact=True)).to_be_visible()
    expect(turn.get_by_text("Paragraph", exact=True)).to_be_visible()
    expect(translator.get_by_text("Transcript", exact=True)).to_have_count(0)
    screenshot(translator, "machine-draft")

    # 3. … downloads the segment's subtitles, translates them in a subtitle tool (here, Python)
    # and uploads them: the machine draft of those cues is replaced.
    translator.get_by_role("link", name="Subtitle files (WebVTT, SRT)").click()
    with translator.expect_download() as download:
        translator.get_by_role("link", name="WebVTT — Part one").click()
    subtitles = download.value.path().read_text()
    for source, text in SUBTITLES.items():
        subtitles = subtitles.replace(f">{source}<", f">{text}<")
    upload = tmp_path / "part-one-fr.vtt"
    upload.write_text(subtitles)
    translator.get_by_label("Translated subtitle file").set_input_files(upload)
    screenshot(translator, "subtitle-upload")
    translator.get_by_role("button", name="Upload and apply").click()
    translator.wait_for_url(f"**/admin/pages/{french.pk}/edit/")
    expect(translator.get_by_text("2 cues of “part-one-fr.vtt” were applied")).to_be_visible()

    # 4. … checks the other strings the machine drafted in the review mode: each string is
    # marked machine or person; "n" goes to the first turn left to review, where the
    # translator types over the machine text and accepts the group; the next one is accepted
    # with the "a" key. Nothing reloads the page.
    translator.get_by_role("link", name="Review mode").click()
    translator.wait_for_url(f"**/admin/translation-review/{french_translation(french).pk}/")
    uploaded = translator.locator("[data-review-string]").filter(
        has=translator.get_by_text("Listening takes time.", exact=True)
    )
    expect(uploaded.locator("[data-review-mark]")).to_have_text("Person (translator-fr)")
    expect(translator.locator("[data-state=machine]")).to_have_count(len(CHECKED_IN_EDITOR))
    assert review_mode_violations(translator) == []
    screenshot(translator, "review-mode")
    translator.keyboard.press("n")
    expect(translator.locator("[data-review-group]:focus")).to_have_attribute(
        "data-review-group", "page"
    )
    first = translator.locator("[data-review-group='page']")
    for source in ("On listening", "A conversation about listening."):
        string = first.locator("[data-review-string]").filter(
            has=translator.get_by_text(source, exact=True)
        )
        string.locator("textarea").fill(CHECKED_IN_EDITOR[source])
    with translator.expect_response(lambda r: r.request.method == "POST") as accepted:
        first.get_by_role("button", name=re.compile("^Accept")).click()
    assert accepted.value.ok
    expect(first).to_have_class(re.compile("review-group--reviewed"))
    focused = translator.locator("[data-review-group]:focus")  # moved on by itself
    expect(focused.get_by_role("heading")).to_have_text("1. Part one")
    segment = translator.locator(
        f"[data-review-group='{focused.get_attribute('data-review-group')}']"
    )
    segment.locator("textarea").fill(CHECKED_IN_EDITOR["Part one"])
    segment.focus()
    with translator.expect_response(lambda r: r.request.method == "POST") as accepted:
        translator.keyboard.press("a")
    assert accepted.value.ok
    expect(translator.locator("[data-state=machine]")).to_have_count(0)
    translator.reload()
    expect(translator.get_by_text("Every string has been reviewed by a person.")).to_be_visible()
    screenshot(translator, "strings-checked")
    translator.get_by_role("link", name="Back to the translation editor").click()

    # 5. … saves a draft and submits it for review, from the bar at the top of the editor.
    translator.get_by_role("button", name="Save draft").click()
    expect(translator.get_by_text("“Sur l’écoute” was saved as a draft.")).to_be_visible()
    translator.get_by_role("button", name="Submit for review").click()
    expect(translator.get_by_text("“Sur l’écoute” was submitted for review.")).to_be_visible()
    french = Page.objects.get(pk=french.pk).specific
    assert french.workflow_in_progress and not french.live
    reader = new_tab()
    assert reader.goto(french.get_url()).status == 404

    # 6. reviewer-fr finds it on their dashboard, reads it in the review mode (every string
    # reviewed by a person, the text translator-fr gave) …
    reviewer = new_tab()
    log_in(reviewer, "reviewer-fr")
    queue = reviewer.locator("#translation-work-section")
    expect(queue.get_by_role("heading", name=re.compile("^Awaiting your review"))).to_be_visible()
    review = re.compile(r"^Review\W+On listening, French$")
    expect(queue.get_by_role("link", name=review)).to_be_visible()
    assert panel_violations(reviewer) == []
    screenshot(reviewer, "reviewer-dashboard")
    queue.get_by_role("link", name=re.compile(r"^Review mode\W+On listening, French$")).click()
    expect(reviewer.get_by_text("Every string has been reviewed by a person.")).to_be_visible()
    expect(reviewer.locator("[data-state=human]")).to_have_count(
        len(CHECKED_IN_EDITOR) + len(SUBTITLES)
    )
    expect(reviewer.get_by_label("Paragraph in French").first).to_have_value(
        SUBTITLES["Listening takes time."]
    )
    screenshot(reviewer, "reviewer-review-mode")

    # 7. … and approves it from there.
    reviewer.get_by_role("button", name="Approve and publish").click()
    reviewer.wait_for_url(f"**/admin/pages/{french.pk}/edit/")
    french = Page.objects.get(pk=french.pk).specific
    assert french.live and not french.workflow_in_progress

    # 8. Readers of /fr/ get the interview with the uploaded text, on the source's timecodes.
    reader.goto(french.get_url())
    expect(reader.locator("html")).to_have_attribute("lang", "fr")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Sur l’écoute")
    for text in SUBTITLES.values():
        expect(reader.get_by_text(text, exact=True)).to_be_visible()
    expect(reader.get_by_role("link", name="0:40")).to_be_visible()
    assert marker not in reader.content()
    screenshot(reader, "reader-french")
    uploaded = StringTranslation.objects.filter(locale=french_locale, tool_name="Subtitle file")
    assert sorted(uploaded.values_list("data", flat=True)) == sorted(SUBTITLES.values())
