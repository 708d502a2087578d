"""Issue 21's reader features in Chromium, in English and in Arabic: each one is visited as a
reader would, checked (lang and hreflang, visible text, where things are), and saved as a named
screenshot in `test-artifacts/screenshots/reader-features/` (git-ignored).

`FEATURES` (tests/browser/reader_features.py) is the one list of them; docs/reader-features.md
is made from it (`.venv/bin/python -m tests.browser.reader_features` rewrites it) and a test
checks the two agree, so the list in the docs names exactly the files these tests write."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests import factories
from tests.browser import test_interactive_transcript as interactive
from tests.browser.conftest import READER_UI, SCREENSHOTS
from tests.browser.reader_features import DOC, FEATURES, LANGUAGES, markdown, screenshot_name
from tests.browser.test_interactive_transcript import (
    OFFSET,
    TIMECODES,
    open_article,
    settle,
    turn_ids,
    wait_for_time,
)

pytestmark = READER_UI

FOLDER = SCREENSHOTS / "reader-features"


def shoot(page, feature, language, target=None):
    """Save the viewport, with `target` (a locator) scrolled to its middle, as the feature's
    screenshot in that language."""
    assert feature in FEATURES and language in LANGUAGES
    if target is not None:
        target.evaluate("node => node.scrollIntoView({block: 'center', behavior: 'instant'})")
    FOLDER.mkdir(parents=True, exist_ok=True)
    path = FOLDER / screenshot_name(feature, language)
    page.screenshot(path=str(path))
    assert path.stat().st_size > 1000
    return path


def in_language(language, message):
    with translation.override(language):
        text = translation.gettext(message)
    assert language == "en" or text != message, f"{message!r} has no {language} translation"
    return text


def expect_document_language(page, language):
    direction = "rtl" if language == "ar" else "ltr"
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == direction


# The interactive transcript's fixtures: its demo article, and media served with ranges.
video_article = interactive.video_article
media_served_by_the_site = interactive.media_served_by_the_site


ARABIC = {
    "Talking pictures": "صور ناطقة",
    "The engine": "الآلة",
    "Charles Babbage": "Charles Babbage",
}


def arabic(text):
    """A stand-in Arabic translator: a few real translations, the rest tagged."""
    return ARABIC.get(text, f"[ar] {text}")


@pytest.fixture
def articles(video_article, locales):
    """The demo video interview in English and Arabic. Only Charles Babbage (who made the
    interview) has an Arabic bio: Ada Lovelace (interviewed) is shown in English there."""
    babbage = next(r.person for r in video_article.people.all() if r.role == "interviewer")
    factories.live_translation(babbage, locales["ar"], arabic)
    arabic_article = factories.live_translation(video_article, locales["ar"], arabic)[1]
    return {"en": video_article, "ar": arabic_article}


def test_people_and_their_language_marks(page, articles):
    for language, article in articles.items():
        page.goto(article.url)
        expect_document_language(page, language)
        interviewed = page.locator("section[aria-labelledby=interviewed-title]")
        assert interviewed.locator(".person-box__name").all_text_contents() == ["Ada Lovelace"]
        heading = interviewed.locator("h2").text_content()
        with translation.override(language):
            assert heading == translation.ngettext(
                "About the person interviewed", "About the people interviewed", 1
            )
        made_by = page.locator("section[aria-labelledby=authors-title]")
        assert made_by.locator(".person-box__name").all_text_contents() == ["Charles Babbage"]
        english_links = page.locator('.article a[lang="en"][hreflang="en"]')
        notice = interviewed.locator(".person-box__language")
        if language == "en":
            assert page.locator(".article [lang]").count() == 0
            assert notice.count() == 0
        else:
            # Ada, everywhere: role list, her speaker turns, her box; Babbage is in Arabic.
            assert english_links.count() >= 3
            assert set(english_links.all_text_contents()) == {"Ada Lovelace"}
            assert all(
                href.startswith("/en/people/")
                for href in english_links.evaluate_all("links => links.map(a => a.pathname)")
            )
            assert page.locator('.article a[href^="/ar/people/"]').count() >= 1
            assert notice.is_visible() and notice.get_attribute("lang") is None
            assert notice.text_content().strip().startswith("لم تُترجم بعد")
        shoot(page, "people-and-language-marks", language, interviewed)


def test_article_cards_name_the_interviewee_and_the_video_length(page, articles):
    for language in articles:
        page.goto(f"/{language}/interviews/")
        expect_document_language(page, language)
        card = page.locator(".article-card").first
        people = card.locator(".article-card__people")
        with translation.override(language):
            words = translation.pgettext(
                "article card, before the names of the people interviewed", "In conversation with"
            )
        assert words != "In conversation with" or language == "en"
        assert people.text_content().strip().startswith(words)
        name = card.locator(".article-card__person")
        assert name.text_content() == "Ada Lovelace"
        assert name.get_attribute("lang") == (None if language == "en" else "en")
        length = card.locator(".article-card__length")
        assert length.get_attribute("datetime") == "PT1M20S"  # the segment's 80 s
        with translation.override(language):
            assert length.text_content() == translation.gettext("Video: %(minutes)s min") % {
                "minutes": 1
            }
        shoot(page, "article-cards", language, card)


@pytest.fixture
def only_in_french_and_spanish(locales):
    """An interview live in French and Spanish only: its English source was unpublished."""
    english = factories.make_article(
        "Rivers of Lagos",
        standfirst="A city and its water.",
        people=[(factories.make_person("Ngozi Adichie"), "interviewee")],
    )
    french = factories.live_translation(english, locales["fr"], lambda text: f"{text} (fr)")[1]
    spanish = factories.live_translation(english, locales["es"], lambda text: f"{text} (es)")[1]
    english.unpublish()
    return {"slug": english.slug, "fr": french, "es": spanish}


def test_a_missing_page_offers_the_languages_it_is_in(page, only_in_french_and_spanish):
    versions = only_in_french_and_spanish
    for language in LANGUAGES:
        response = page.goto(f"/{language}/interviews/{versions['slug']}/")
        assert response.status == 404
        expect_document_language(page, language)
        explanation = in_language(
            language,
            "This page has not been published in this language yet. It is available in:",
        )
        assert page.get_by_text(explanation).is_visible()
        offers = page.locator(".error-page__languages a")
        found = offers.evaluate_all(
            "links => links.map(a => [a.pathname, a.hreflang, a.lang, a.textContent])"
        )
        assert found == [
            [versions["fr"].url, "fr", "fr", "Français: Rivers of Lagos (fr)"],
            [versions["es"].url, "es", "es", "Español: Rivers of Lagos (es)"],
        ]
        shoot(page, "missing-page-offers-languages", language)


def test_an_empty_home_lists_what_is_readable_elsewhere(page, only_in_french_and_spanish):
    versions = only_in_french_and_spanish
    for language in LANGUAGES:
        page.goto(f"/{language}/")
        expect_document_language(page, language)
        heading = page.get_by_role(
            "heading", name=in_language(language, "Readable now in other languages")
        )
        assert heading.is_visible()
        (item,) = page.locator(".home-elsewhere li").all()
        found = item.locator("a").evaluate_all(
            "links => links.map(a => [a.pathname, a.hreflang, a.lang, a.textContent])"
        )
        assert found == [
            [versions["fr"].url, "fr", "fr", "Rivers of Lagos (fr)"],
            [versions["es"].url, "es", "es", "español"],
        ]
        assert page.locator(".article-card").count() == 0
        shoot(page, "empty-home-lists-other-languages", language, heading)


def test_following_pauses_and_offers_back_to_the_video(page, articles):
    page.set_viewport_size({"width": 390, "height": 740})
    page.emulate_media(reduced_motion="reduce")
    for language, article in articles.items():
        ids = turn_ids(article)
        open_article(page, article.url)
        page.locator(f"#{ids[3]} .turn__time").click()
        wait_for_time(page, OFFSET + TIMECODES[3] + 0.5)  # playing, not only cued there
        page.mouse.move(200, 650)
        page.mouse.wheel(0, -1200)
        back = page.get_by_role("button", name=in_language(language, "Back to the video"))
        back.wait_for()
        settle(page)
        follow = page.get_by_role("button", name=in_language(language, "Follow along"))
        assert follow.get_attribute("aria-pressed") == "false"
        box = back.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 740  # on screen
        on_the_left = box["x"] + box["width"] / 2 < 390 / 2
        assert on_the_left == (language == "ar")  # the inline end of the line
        shoot(page, "follow-along-paused", language)
        page.evaluate("document.querySelector('video').pause()")


def test_the_transcript_skip_link(page, articles):
    for language, article in articles.items():
        page.goto(article.url)
        label = in_language(language, "Skip the transcript")
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent") == label:
                break
        else:
            raise AssertionError(f"Tab never reached {label!r}")
        settle(page)
        skip = page.locator(".transcript-skip")
        assert skip.is_visible()
        assert skip.evaluate("a => getComputedStyle(a).outlineStyle") not in ("none", "hidden")
        assert page.evaluate("document.activeElement.nextElementSibling.matches('.transcript')")
        shoot(page, "transcript-skip-link", language, skip)


def test_searching_within_the_transcript(page, articles):
    for language, article in articles.items():
        page.goto(article.url)
        field = page.get_by_role("searchbox", name=in_language(language, "Search the transcript"))
        field.fill("Lovelace")
        page.wait_for_function(
            "() => document.querySelectorAll('mark.transcript-match').length === 2"
        )
        field.press("Enter")
        status = page.locator("#transcript-search-status")
        with translation.override(language):
            expected = translation.gettext("Match {current} of {count}.").format(current=1, count=2)
        page.wait_for_function(
            "text => document.getElementById('transcript-search-status').textContent === text",
            arg=expected,
        )
        assert status.get_attribute("role") == "status"
        settle(page)
        shoot(page, "transcript-search", language, page.locator("mark.transcript-match.is-active"))


def test_captions_download_chapters_and_speed(page, articles):
    for language, article in articles.items():
        open_article(page, article.url)
        download = page.get_by_role(
            "link", name=in_language(language, "Download the captions (WebVTT)")
        )
        assert download.is_visible()
        assert download.get_attribute("type") == "text/vtt"
        assert download.get_attribute("download") is not None
        captions = page.request.get(download.get_attribute("href"))
        assert captions.ok and captions.text().startswith("WEBVTT")
        chapters = page.locator("track[kind=chapters]")
        assert chapters.get_attribute("srclang") == language
        page.wait_for_function(
            "() => { const t = document.querySelector('track[kind=chapters]');"
            " t.track.mode = 'hidden'; return t.readyState === 2 && t.track.cues.length; }"
        )
        starts = page.evaluate(
            "Array.from(document.querySelector('track[kind=chapters]').track.cues,"
            " cue => cue.startTime)"
        )
        assert starts == [OFFSET + t for t in TIMECODES]
        speed = page.get_by_label(in_language(language, "Playback speed"))
        assert speed.is_visible()
        speed.select_option("1.5")
        assert page.evaluate("document.querySelector('video').playbackRate") == 1.5
        shoot(page, "captions-chapters-speed", language, speed)


def test_the_newsletter_archive(page, articles):
    from community.models import NewsletterIssue

    subjects = {"en": "Talking pictures, and more", "ar": "صور ناطقة، وأكثر"}
    for language, article in articles.items():
        issue = NewsletterIssue.objects.create(
            language=language,
            subject=subjects[language],
            status=NewsletterIssue.Status.SENT,
            sent_at=timezone.make_aware(datetime.datetime(2026, 11, 30, 9)),
        )
        issue.articles.set([article])
    for language in articles:
        with translation.override(language):
            url = reverse("community:newsletter_archive")
        page.goto(url)
        expect_document_language(page, language)
        heading = page.get_by_role("heading", level=1)
        assert heading.text_content() == in_language(language, "Newsletter issues")
        assert page.locator(".newsletter-archive li a").all_text_contents() == [subjects[language]]
        assert (
            page.locator(".newsletter-archive time")
            .get_attribute("datetime")
            .startswith("2026-11-30")
        )
        shoot(page, "newsletter-archive", language)


def test_the_podcast_feed_link(page, articles):
    for language in articles:
        page.goto(f"/{language}/")
        expect_document_language(page, language)
        feed = f"/{language}/feed/podcast.xml"
        assert page.locator(f'link[rel=alternate][type="application/rss+xml"][href="{feed}"]')
        link = page.get_by_role(
            "link", name=in_language(language, "Listen to the interviews as a podcast (RSS feed)")
        )
        assert link.is_visible()
        assert link.get_attribute("href") == feed
        assert link.get_attribute("type") == "application/rss+xml"
        response = page.request.get(feed)
        assert response.ok and response.headers["content-type"].startswith("application/rss+xml")
        assert f"<language>{language}</language>" in response.text()
        assert "<enclosure " in response.text()
        shoot(page, "podcast-feed-link", language, link)


def test_the_list_in_the_docs_is_the_list_of_screenshots():
    """Every listed feature is shot by a test here (each test shoots every language), and the
    doc lists exactly those files."""
    source = Path(__file__).read_text()
    for feature in FEATURES:
        assert re.search(rf'shoot\(\s*page,\s*"{feature}",\s*language', source), feature
    assert DOC.read_text() == markdown(), (
        "docs/reader-features.md is out of date: "
        "`.venv/bin/python -m tests.browser.reader_features` rewrites it"
    )
