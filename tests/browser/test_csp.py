"""The Content-Security-Policy in Chromium: nothing the site does is blocked. Every
`securitypolicyviolation` event (from any document the tab opens) and every console message
about the policy is recorded; reading and playing an article (uploaded video with seeking, a
YouTube player behind its facade), the admin's page editor (StreamField, Draftail, the image
chooser, the live preview) and wagtail-localize's translation editor must leave none."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from tests import factories
from tests.browser.admin import choose_block, log_in, type_rich_text
from tests.browser.conftest import READER_UI
from tests.browser.test_interactive_transcript import (  # noqa: F401 - fixtures
    media_served_by_the_site,
    offline,
    open_article,
    provider_article,
    turn_ids,
    video_article,
    wait_for_time,
)

pytestmark = READER_UI

RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event => {
  window.reportCspViolation({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ":" + event.lineNumber,
    sample: event.sample,
    page: location.href,
  });
});
"""


@pytest.fixture
def violations(page):
    """The tab's CSP violations so far (events, and Chromium's console reports)."""
    found = []
    page.context.expose_binding("reportCspViolation", lambda source, detail: found.append(detail))
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text or "Permissions-Policy" in message.text
            else None
        ),
    )
    return found


def test_reading_and_playing_an_article_breaks_no_policy(page, violations, video_article):  # noqa: F811
    ids = turn_ids(video_article)
    open_article(page, video_article.url)
    assert page.evaluate("document.querySelector('script[type=\"application/ld+json\"]') !== null")

    page.locator(f"#{ids[2]} .turn__time").click()  # plays from the third turn (0:40)
    wait_for_time(page, 45)
    page.evaluate("document.querySelector('video').currentTime = 70")  # seek
    wait_for_time(page, 70)
    page.get_by_role("button", name="Follow along").click()

    assert violations == []


def test_opening_a_youtube_player_breaks_no_policy(page, violations, offline):  # noqa: F811
    article = provider_article("https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    page.goto(article.url)

    page.get_by_role("link", name="Play “On air” (loads the YouTube player)").click()

    page.frame_locator(".video-facade__frame").locator("title").wait_for(state="attached")
    assert offline and offline[0].startswith("https://www.youtube-nocookie.com/embed/")
    assert violations == []


@pytest.fixture
def editor(settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # as in the journey test: saves are explicit
    user = factories.make_user("edith", "Editors")
    factories.make_image("Portrait of Ada")
    return user


def test_the_page_editor_breaks_no_policy(page, violations, editor):
    article = factories.make_article("Editing under a policy")
    log_in(page, "edith")

    page.goto(f"/admin/pages/{article.pk}/edit/")
    outline = choose_block(page, "List")
    type_rich_text(outline, "text", "Typed in Draftail.")
    image = choose_block(page, "Image")
    image.get_by_role("button", name="Choose an image").click()
    page.get_by_role("link", name="Portrait of Ada").click()
    expect(image.get_by_text("Portrait of Ada")).to_be_visible()
    page.get_by_role("button", name="Toggle preview").click()
    expect(
        page.frame_locator("#w-preview-iframe").get_by_text("Typed in Draftail.")
    ).to_be_visible()
    page.get_by_role("button", name="Toggle preview").click()  # closed: no refresh after saving
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Page 'Editing under a policy' has been updated.")).to_be_visible()
    page.wait_for_load_state("networkidle")

    assert violations == []


def test_the_translation_editor_breaks_no_policy(page, violations):
    factories.make_user("tom", "Translators (Italian)")
    article = factories.make_article(
        "Translated under a policy", body=[factories.paragraph("Words to translate.")]
    )
    italian = factories.translate(article, Locale.objects.get(language_code="it"))["it"]
    log_in(page, "tom")

    page.goto(f"/admin/pages/{italian.pk}/edit/")
    segment = page.locator("li:has(> p)").filter(has=page.get_by_text("Words to translate."))
    segment.get_by_role("button", name="Translate", exact=True).click()
    segment.locator("textarea").fill("Parole da tradurre.")
    with page.expect_response(lambda response: response.request.method == "PUT") as saved:
        segment.get_by_role("button", name="Save", exact=True).click()
    assert saved.value.ok
    page.wait_for_load_state("networkidle")

    assert violations == []


def test_the_recorder_sees_what_the_policy_blocks(page, violations, video_article):  # noqa: F811
    """The harness above can fail: an injected inline script and a foreign frame are blocked
    on a reader page, and both are recorded."""
    page.goto(video_article.url)

    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
            const frame = document.createElement("iframe");
            frame.src = "https://evil.example/";
            document.body.append(frame);
        }"""
    )

    expect(page.locator("iframe[src='https://evil.example/']")).to_have_count(1)
    page.wait_for_timeout(300)
    assert page.evaluate("window.injected") is None
    directives = {item["directive"] for item in violations if isinstance(item, dict)}
    assert {"script-src-elem", "frame-src"} <= directives


def test_a_superusers_dashboard_breaks_no_policy(page, violations, offline):  # noqa: F811
    """Wagtail shows superusers an upgrade notice, which asks releases.wagtail.org for the
    latest version from the browser."""
    user = factories.make_person_user("Sam", "Super")
    log_in(page, user.username)
    page.wait_for_load_state("networkidle")

    assert violations == []
