"""Issue 21, "the transcript as a reader uses it", in Chromium: following playback stops when
the reader scrolls away and "Back to the video" resumes it; keyboard users skip a transcript
in one step; the printed page carries its address and none of the forms."""

from tests.browser import test_interactive_transcript as interactive
from tests.browser.conftest import READER_UI, axe_violations
from tests.browser.test_interactive_transcript import (
    OFFSET,
    TIMECODES,
    in_view_below_player,
    open_article,
    settle,
    turn_ids,
    wait_for_time,
)

pytestmark = READER_UI

# The interactive transcript's fixtures: its demo article, and media served with ranges.
video_article = interactive.video_article
media_served_by_the_site = interactive.media_served_by_the_site


def is_current(page, turn_id):
    page.wait_for_function(
        f"() => document.getElementById('{turn_id}').classList.contains('is-current')"
    )


def test_scrolling_away_while_it_plays_pauses_following_until_back_to_the_video(
    page, screenshot, video_article
):
    ids = turn_ids(video_article)
    page.set_viewport_size({"width": 390, "height": 740})
    page.emulate_media(reduced_motion="reduce")
    open_article(page, video_article.url)
    page.locator(f"#{ids[0]} .turn__time").click()
    wait_for_time(page, OFFSET)
    page.evaluate(f"document.querySelector('video').currentTime = {OFFSET + TIMECODES[3] + 1}")
    is_current(page, ids[3])
    settle(page)
    assert in_view_below_player(page, ids[3])
    back = page.get_by_role("button", name="Back to the video")
    assert back.count() == 0  # hidden while the reader follows

    # The reader scrolls back up to re-read something while the video plays on.
    page.mouse.move(200, 650)
    page.mouse.wheel(0, -1200)
    settle(page)
    scrolled = page.evaluate("scrollY")
    page.evaluate(f"document.querySelector('video').currentTime = {OFFSET + TIMECODES[2] + 1}")
    is_current(page, ids[2])
    page.wait_for_timeout(300)

    assert page.evaluate("scrollY") == scrolled  # not pulled back
    assert not in_view_below_player(page, ids[2])
    follow = page.get_by_role("button", name="Follow along")
    assert follow.get_attribute("aria-pressed") == "false"
    assert back.is_visible()
    box = back.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740  # on screen wherever they are
    screenshot(page, "scrolled away: back to the video")
    assert axe_violations(page) == []

    back.click()

    settle(page)
    assert in_view_below_player(page, ids[2])
    assert follow.get_attribute("aria-pressed") == "true"
    assert back.count() == 0
    assert page.evaluate("document.activeElement.closest('.turn').id") == ids[2]
    # Following goes on by itself.
    page.evaluate(f"document.querySelector('video').currentTime = {OFFSET + TIMECODES[0] + 1}")
    is_current(page, ids[0])
    settle(page)
    assert in_view_below_player(page, ids[0])


def test_scrolling_with_the_keyboard_pauses_following_and_a_timecode_resumes_it(
    page, video_article
):
    ids = turn_ids(video_article)
    page.set_viewport_size({"width": 390, "height": 740})
    page.emulate_media(reduced_motion="reduce")
    open_article(page, video_article.url)
    page.locator(f"#{ids[3]} .turn__time").click()
    wait_for_time(page, OFFSET + TIMECODES[3])
    page.locator(f"#{ids[3]} .turn__content").click()  # focus leaves the timecode link

    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    settle(page)
    scrolled = page.evaluate("scrollY")
    page.evaluate(f"document.querySelector('video').currentTime = {OFFSET + TIMECODES[1] + 1}")
    is_current(page, ids[1])
    page.wait_for_timeout(300)
    assert page.evaluate("scrollY") == scrolled
    assert page.get_by_role("button", name="Back to the video").is_visible()

    # Choosing a moment is choosing to watch: following resumes.
    page.locator(f"#{ids[1]} .turn__time").click()
    assert page.get_by_role("button", name="Back to the video").count() == 0
    page.evaluate(f"document.querySelector('video').currentTime = {OFFSET + TIMECODES[3] + 1}")
    is_current(page, ids[3])
    settle(page)
    assert in_view_below_player(page, ids[3])


def test_keyboard_users_skip_the_transcript_in_one_step(page, screenshot, video_article):
    ids = turn_ids(video_article)
    page.goto(video_article.url)
    stops_inside = page.evaluate(
        "document.querySelectorAll('.transcript a[href], .transcript button').length"
    )
    assert stops_inside >= 2 * len(ids)  # a timecode and a speaker's link per turn

    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Skip the transcript":
            break
    else:
        raise AssertionError("Tab never reached “Skip the transcript”")
    settle(page)  # focus scrolls smoothly
    skip = page.locator(".transcript-skip")
    box = skip.bounding_box()
    assert box["height"] > 0 and 0 <= box["y"] < 900, "the focused link is on screen"
    outline = skip.evaluate("a => getComputedStyle(a).outlineStyle")
    assert outline not in ("none", "hidden")
    assert page.evaluate("document.activeElement.nextElementSibling.matches('.transcript')")
    screenshot(page, "skip the transcript, focused")

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "End of the transcript"
    page.keyboard.press("Tab")

    after = page.evaluate(
        """last => {
          const focused = document.activeElement;
          return {
            inside: Boolean(focused.closest('.transcript')),
            follows: Boolean(document.getElementById(last).compareDocumentPosition(focused)
              & Node.DOCUMENT_POSITION_FOLLOWING),
          };
        }""",
        ids[-1],
    )
    assert after == {"inside": False, "follows": True}


def test_print_shows_the_pages_address_and_no_forms(page, screenshot, video_article):
    page.goto(video_article.url)
    address = page.locator(".print-address")
    assert not address.is_visible()  # on screen the address bar shows it
    assert page.locator(".newsletter-signup form").is_visible()
    assert page.locator("#comments form").is_visible()

    page.emulate_media(media="print")
    screenshot(page, "printed")

    assert address.is_visible()
    # The site's own address for the page (its Wagtail site's host), as in its hreflang links.
    canonical = page.locator("link[rel=alternate][hreflang=en]").get_attribute("href")
    assert canonical.endswith(video_article.url)
    assert address.text_content() == f"Online at: {canonical}"
    assert not page.locator("#comments form").is_visible()
    assert not page.locator("#comment-form-title").is_visible()
    assert not page.locator(".newsletter-signup").is_visible()
    assert page.locator("#comments-title").is_visible()  # the comments are part of the reading
    assert not page.locator(".transcript-skip").is_visible()


def test_search_within_the_transcript_marks_counts_and_steps_through_matches(
    page, screenshot, video_article
):
    ids = turn_ids(video_article)
    page.goto(video_article.url)
    field = page.get_by_role("searchbox", name="Search the transcript")
    status = page.locator("#transcript-search-status")
    assert page.get_by_role("search", name="Search the transcript").count() == 1

    field.fill("LOVELACE")  # case ignored; names are searched with the words

    expect_status(page, "Matches: 2.")
    assert page.locator("mark.transcript-match").count() == 2
    assert field.get_attribute("aria-describedby") == "transcript-search-status"
    assert status.get_attribute("role") == "status"

    field.press("Enter")
    expect_status(page, "Match 1 of 2.")
    active = page.locator("mark.transcript-match.is-active")
    assert active.evaluate("m => m.closest('.turn').id") == ids[0]
    page.get_by_role("button", name="Next match").click()
    expect_status(page, "Match 2 of 2.")
    assert active.evaluate("m => m.closest('.turn').id") == ids[2]
    settle(page)
    box = active.bounding_box()
    assert 0 <= box["y"] < 900  # shown
    page.get_by_role("button", name="Next match").click()  # wraps around
    expect_status(page, "Match 1 of 2.")
    field.press("Shift+Enter")
    expect_status(page, "Match 2 of 2.")
    screenshot(page, "search: second match")
    assert axe_violations(page) == []

    field.fill("turn 3:")
    expect_status(page, "Matches: 1.")
    assert page.locator("mark.transcript-match").evaluate("m => m.closest('.turn').id") == ids[3]
    # Marks leave the text as it was.
    assert page.locator(f"#{ids[3]} .turn__content").inner_text().startswith("Turn 3: words")

    field.fill("nowhere to be found")
    expect_status(page, "No matches.")
    assert page.locator("mark").count() == 0


def expect_status(page, text):
    page.wait_for_function(
        "text => document.getElementById('transcript-search-status').textContent === text", arg=text
    )


def test_without_javascript_the_search_form_is_not_offered(browser, live_server, video_article):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(video_article.url)
    assert page.locator("[data-transcript-search]").is_hidden()
    assert page.locator(".segment__speed").is_hidden()
    # The captions download and the skip link need no script.
    assert page.get_by_role("link", name="Download the captions (WebVTT)").is_visible()
    assert page.locator(".transcript-skip").count() == 1
    context.close()


def test_the_playback_speed_changes_the_uploaded_video(page, video_article):
    open_article(page, video_article.url)
    speed = page.get_by_label("Playback speed")

    speed.select_option("1.5")

    assert page.evaluate("document.querySelector('video').playbackRate") == 1.5
    speed.select_option("1")
    assert page.evaluate("document.querySelector('video').playbackRate") == 1


def test_the_browser_reads_the_chapters_of_the_video(page, video_article):
    open_article(page, video_article.url)
    page.wait_for_function(
        "() => { const t = document.querySelector('track[kind=chapters]');"
        " t.track.mode = 'hidden'; return t.readyState === 2; }"
    )
    chapters = page.evaluate(
        "Array.from(document.querySelector('track[kind=chapters]').track.cues,"
        " cue => [cue.startTime, cue.text])"
    )
    assert [start for start, _text in chapters] == [OFFSET + t for t in TIMECODES]
    assert chapters[1][1] == "Charles Babbage: Turn 1: words said on camera. words said…"


def test_in_arabic_the_tools_speak_arabic_and_sit_on_the_start_side(
    page, screenshot, video_article, locales
):
    from tests import factories

    for person in {role.person for role in video_article.people.all()}:
        factories.live_translation(person, locales["ar"])
    arabic = factories.live_translation(video_article, locales["ar"])[1]
    ids = turn_ids(arabic)
    page.set_viewport_size({"width": 390, "height": 740})
    page.emulate_media(reduced_motion="reduce")
    open_article(page, arabic.url)

    assert page.get_by_role("searchbox", name="البحث في التفريغ النصي").is_visible()
    assert page.get_by_role("link", name="تنزيل الترجمة المرئية (WebVTT)").is_visible()
    assert page.locator(".transcript-skip").text_content() == "تخطي التفريغ النصي"
    page.get_by_role("searchbox", name="البحث في التفريغ النصي").fill("Lovelace")
    expect_status(page, "النتائج: 2.")

    page.locator(f"#{ids[3]} .turn__time").click()
    wait_for_time(page, OFFSET + TIMECODES[3])
    page.mouse.move(200, 650)
    page.mouse.wheel(0, -1200)
    back = page.get_by_role("button", name="العودة إلى الفيديو")
    back.wait_for()
    box = back.bounding_box()
    assert box["x"] < 390 / 2  # the inline end is the left in Arabic
    screenshot(page, "arabic: back to the video")
    assert axe_violations(page) == []
