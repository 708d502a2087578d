"""The interactive transcript in Chromium: timecodes play the segment's media from their turn,
the current turn follows playback (highlighted, kept in view, announced), "Share this moment"
links reopen the page cued at a turn, the language switcher and captions work per language,
and YouTube/Vimeo players load only on play, then obey timecodes through postMessage."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests import factories
from tests.browser.conftest import READER_UI, axe_violations

pytestmark = READER_UI

DEMO_VIDEO = Path(__file__).resolve().parents[2] / "demo/assets/parlance-demo.webm"
OFFSET = 5  # the segment starts 5 s into the demo video
TIMECODES = [0, 20, 40, 60]
SPEAKERS = ["Ada Lovelace", "Charles Babbage"]


@pytest.fixture(autouse=True)
def media_served_by_the_site(monkeypatch):
    """Django's live server answers media URLs itself, with no range requests, so Chromium
    could not seek; here they go to the site's own media view (site_core/media_files.py),
    as they do when the site serves media (`SERVE_MEDIA`)."""
    from django.test.testcases import _MediaFilesHandler

    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda handler, path: False)


@pytest.fixture
def video_article():
    """An article whose segment plays the uploaded demo video (90 s) from 0:05, with four
    timecoded turns, and a second, untimed paragraph so that the page scrolls."""
    people = [factories.make_person(name) for name in SPEAKERS]
    media = factories.make_media("Demo", path=DEMO_VIDEO, duration=90, size=(320, 180))
    words = "words said on camera. " * 40
    turns = [
        factories.turn(f"Turn {index}: {words}", speaker=person, timecode=timecode)
        for index, (timecode, person) in enumerate(zip(TIMECODES, people * 2, strict=True))
    ]
    segment = factories.uploaded_segment(
        "The engine", media, turns=turns, duration=80, start_offset=OFFSET
    )
    return factories.make_article(
        "Talking pictures",
        body=[factories.paragraph("An introduction. " * 80), segment],
        people=[(people[0], "interviewee"), (people[1], "interviewer")],
    )


def turn_ids(article):
    segment = next(block for block in article.body if block.block_type == "video_segment")
    return [f"turn-{turn.id}" for turn in segment.value["transcript"].bound_blocks]


def open_article(page, url):
    page.goto(url)
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")  # metadata


def video_state(page):
    return page.evaluate(
        "(() => { const v = document.querySelector('video');"
        " return {time: v.currentTime, paused: v.paused}; })()"
    )


def cued_state(page):
    """The video's state once the browser has read its metadata (and applied the `#t=` start
    of its address)."""
    page.wait_for_function("document.querySelector('video').readyState >= 1")
    return video_state(page)


def wait_for_time(page, seconds, *, slack=2.5):
    """Wait until the video's clock is in [seconds, seconds + slack)."""
    page.wait_for_function(
        "([from, to]) => { const t = document.querySelector('video').currentTime;"
        " return t >= from && t < to; }",
        arg=[seconds - 0.01, seconds + slack],
    )


def settle(page):
    """Wait until the page has stopped scrolling (focus and fragments scroll smoothly)."""
    page.evaluate(
        """() => new Promise(done => {
          let last = -1, still = 0;
          const tick = () => {
            still = scrollY === last ? still + 1 : 0;
            last = scrollY;
            if (still > 5) done(); else requestAnimationFrame(tick);
          };
          tick();
        })"""
    )


def current_turns(page):
    return page.eval_on_selector_all(".turn.is-current", "turns => turns.map(t => t.id)")


def in_view_below_player(page, turn_id):
    """Whether the turn's top is on screen and not under a player stuck to the top."""
    return page.evaluate(
        """id => {
          const box = document.getElementById(id).getBoundingClientRect();
          const media = document.querySelector('.segment__media');
          const sticky = getComputedStyle(media).position === 'sticky';
          const top = sticky ? media.getBoundingClientRect().bottom : 0;
          return box.top >= top - 1 && box.top < innerHeight;
        }""",
        turn_id,
    )


# Uploaded media -----------------------------------------------------------------------------


def test_clicking_a_timecode_plays_the_video_from_that_turn(page, screenshot, video_article):
    ids = turn_ids(video_article)
    open_article(page, video_article.url)
    assert cued_state(page) == {"time": OFFSET, "paused": True}  # at the segment's start

    page.locator(f"#{ids[2]} .turn__time").click()

    wait_for_time(page, OFFSET + TIMECODES[2])
    assert video_state(page)["paused"] is False
    assert current_turns(page) == [ids[2]]
    assert page.locator(f"#{ids[2]} .turn__time").get_attribute("aria-current") == "time"
    assert urlsplit(page.url).fragment == ids[2]  # the address is a link to this moment
    screenshot(page, "playing from the third turn")


def tab_to_timecode(page, turn_id, presses=60):
    """Press Tab (at most `presses` times) until the timecode of the turn has the focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if (
            page.evaluate(
                "document.activeElement.matches('.turn__time')"
                " && document.activeElement.closest('.turn').id"
            )
            == turn_id
        ):
            return
    pytest.fail(f"Tab did not reach the timecode of {turn_id}")


def test_timecodes_are_reached_with_tab_and_play_with_space_and_enter(page, video_article):
    ids = turn_ids(video_article)
    open_article(page, video_article.url)
    second = page.locator(f"#{ids[1]} .turn__time")
    hint = second.get_attribute("aria-describedby")
    assert page.locator(f"#{hint}").text_content() == "Plays the recording from this moment"

    tab_to_timecode(page, ids[1])
    settle(page)
    before = second.bounding_box()["y"]
    page.keyboard.press("Space")

    wait_for_time(page, OFFSET + TIMECODES[1])
    settle(page)
    assert current_turns(page) == [ids[1]]
    assert abs(second.bounding_box()["y"] - before) < 2  # Space played; it did not page down
    assert page.evaluate("document.activeElement.closest('.turn').id") == ids[1]

    tab_to_timecode(page, ids[2], presses=2)  # past the speaker's link to the next timecode
    page.keyboard.press("Enter")
    wait_for_time(page, OFFSET + TIMECODES[2])
    assert current_turns(page) == [ids[2]]


def test_the_current_turn_follows_playback_and_is_announced(page, screenshot, video_article):
    ids = turn_ids(video_article)
    page.set_viewport_size({"width": 390, "height": 740})  # a phone
    page.emulate_media(reduced_motion="reduce")
    open_article(page, video_article.url)
    page.locator(f"#{ids[0]} .turn__time").click()
    wait_for_time(page, OFFSET)
    live = page.locator("[data-now-speaking]")
    assert live.text_content() == ""  # the reader chose that turn: nothing to announce

    # Playback moves on to the last turn. With reduced motion the page jumps there at once:
    # the turn is in view, below the player, when the seek is reported.
    in_view = page.evaluate(
        """([time, id]) => new Promise(done => {
          const video = document.querySelector('video');
          video.addEventListener('seeked', () => {
            const box = document.getElementById(id).getBoundingClientRect();
            done(box.top >= document.querySelector('.segment__media')
              .getBoundingClientRect().bottom - 1 && box.top < innerHeight);
          }, {once: true});
          video.currentTime = time;
        })""",
        [OFFSET + TIMECODES[3] + 1, ids[3]],
    )

    assert in_view
    assert current_turns(page) == [ids[3]]
    assert page.locator(f"#{ids[3]} .turn__time").get_attribute("aria-current") == "time"
    assert page.locator(".turn__time[aria-current]").count() == 1
    assert live.get_attribute("aria-live") == "polite"
    assert live.text_content() == f"Now speaking: 1:00 {SPEAKERS[1]}"
    # The player stays usable: stuck to the top of the screen while its transcript scrolls.
    media = page.locator(".segment__media")
    assert media.evaluate("m => getComputedStyle(m).position") == "sticky"
    assert media.bounding_box()["y"] == 0
    screenshot(page, "phone, following the last turn")

    # "Follow along" paused: the highlight still moves, the page and the announcement stay.
    follow = page.get_by_role("button", name="Follow along")
    follow.click()
    assert follow.get_attribute("aria-pressed") == "false"
    scrolled = page.evaluate("scrollY")
    page.evaluate(f"document.querySelector('video').currentTime = {OFFSET + TIMECODES[1] + 1}")
    page.wait_for_function(
        f"() => document.getElementById('{ids[1]}').classList.contains('is-current')"
    )
    assert current_turns(page) == [ids[1]]
    assert page.evaluate("scrollY") == scrolled
    assert not in_view_below_player(page, ids[1])
    assert live.text_content() == f"Now speaking: 1:00 {SPEAKERS[1]}"

    follow.click()
    assert follow.get_attribute("aria-pressed") == "true"
    page.evaluate(f"document.querySelector('video').currentTime = {OFFSET + TIMECODES[2] + 1}")
    page.wait_for_function(
        f"() => document.getElementById('{ids[2]}').classList.contains('is-current')"
    )
    assert in_view_below_player(page, ids[2])
    assert live.text_content() == f"Now speaking: 0:40 {SPEAKERS[0]}"


def test_following_scrolls_smoothly_unless_the_reader_reduces_motion(page, video_article):
    ids = turn_ids(video_article)
    page.set_viewport_size({"width": 390, "height": 740})
    page.emulate_media(reduced_motion="no-preference")
    open_article(page, video_article.url)
    page.locator(f"#{ids[0]} .turn__time").click()
    wait_for_time(page, OFFSET)

    scroll_when_seeked = page.evaluate(
        """time => new Promise(done => {
          const video = document.querySelector('video');
          const before = scrollY;
          video.addEventListener('seeked', () => done([before, scrollY]), {once: true});
          video.currentTime = time;
        })""",
        OFFSET + TIMECODES[3] + 1,
    )

    assert scroll_when_seeked[0] == scroll_when_seeked[1]  # still moving, not jumped
    settle(page)
    assert in_view_below_player(page, ids[3])


def test_a_shared_moment_opens_scrolled_to_its_turn_with_the_video_cued(
    page, screenshot, video_article
):
    ids = turn_ids(video_article)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_article(page, video_article.url)
    page.locator(f"#{ids[2]} .turn__time").click()
    page.evaluate("document.querySelector('video').pause()")

    page.get_by_role("button", name="Share this moment").click()

    status = page.get_by_role("status")
    assert status.text_content() == "Link to this moment copied."
    assert status.is_visible()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == f"{page.url.split('#')[0]}#{ids[2]}"
    assert page.get_by_label("Link to this moment").input_value() == link
    screenshot(page, "link copied")
    assert axe_violations(page) == []

    reader = page.context.new_page()
    open_article(reader, link)

    reader.wait_for_function(f"() => document.querySelector('video').currentTime === {OFFSET + 40}")
    assert video_state(reader) == {"time": OFFSET + TIMECODES[2], "paused": True}
    assert current_turns(reader) == [ids[2]]
    settle(reader)
    assert in_view_below_player(reader, ids[2])
    assert reader.evaluate("scrollY") > 0
    screenshot(reader, "opened at the shared moment")


def test_without_a_clipboard_the_link_is_selected_for_copying(page, video_article):
    ids = turn_ids(video_article)
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    open_article(page, video_article.url)

    page.get_by_role("button", name="Share this moment").press("Enter")

    assert page.get_by_role("status").text_content() == "Copy the selected link."
    field = page.get_by_label("Link to this moment")
    assert field.input_value().endswith(f"#{ids[0]}")  # nothing played yet: the first turn
    assert page.evaluate("document.activeElement.id") == field.get_attribute("id")
    assert page.evaluate(
        "(() => { const f = document.activeElement;"
        " return f.selectionStart === 0 && f.selectionEnd === f.value.length; })()"
    )


def test_without_javascript_timecodes_are_links_to_their_turn(browser, live_server, video_article):
    ids = turn_ids(video_article)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(video_article.url)
    assert page.locator("[data-transcript-tools]").is_hidden()

    page.locator(f"#{ids[2]} .turn__time").click()

    page.wait_for_url(f"**#{ids[2]}")
    # Without our script, the player still starts where the segment starts in the file.
    assert cued_state(page) == {"time": OFFSET, "paused": True}
    assert page.locator(f"#{ids[2]}").evaluate("turn => turn.matches(':target')")
    context.close()


# Languages ----------------------------------------------------------------------------------


@pytest.fixture
def italian_article(video_article, locales):
    for person in {role.person for role in video_article.people.all()}:
        factories.live_translation(person, locales["it"])
    return factories.live_translation(video_article, locales["it"])[1]


def test_the_language_switcher_leads_to_the_same_article_in_italian(
    page, video_article, italian_article
):
    page.goto(video_article.url)

    page.locator(".language-switcher a[hreflang=it]").click()

    page.wait_for_url(f"**{italian_article.url}")
    assert page.locator("html").get_attribute("lang") == "it"
    assert page.locator("h1").text_content() == italian_article.title


def test_the_italian_page_plays_italian_captions(page, italian_article):
    ids = turn_ids(italian_article)
    open_article(page, italian_article.url)
    track = page.locator("video track[kind=captions]")
    assert track.get_attribute("srclang") == "it"
    assert track.get_attribute("src").startswith(italian_article.url)

    page.wait_for_function("() => document.querySelector('video track').readyState === 2")  # loaded
    cues = page.evaluate(
        "Array.from(document.querySelector('video').textTracks[0].cues,"
        " cue => ({id: cue.id, start: cue.startTime, text: cue.text}))"
    )

    assert [cue["id"] for cue in cues] == ids
    assert [cue["start"] for cue in cues] == [OFFSET + t for t in TIMECODES]
    assert cues[0]["text"].startswith(f"<v [it] {SPEAKERS[0]}>[it] Turn 0: words said")


# YouTube and Vimeo ----------------------------------------------------------------------------

# A stand-in for the provider's embedded player, served in place of theirs so tests stay
# offline: it records the messages it receives and answers the way the real player does.
FAKE_PLAYER = """<!doctype html><html lang="en"><title>Player</title><script>
window.received = [];
addEventListener("message", event => {
  const data = JSON.parse(event.data);
  window.received.push(data);
});
window.tell = message => parent.postMessage(JSON.stringify(message), "*");
</script>"""


@pytest.fixture
def offline(page, live_server):
    """Every request the page makes that leaves the live server is recorded and blocked; the
    providers' player pages are answered by FAKE_PLAYER. Returns the recorded addresses."""
    local = urlsplit(live_server.url).hostname
    off_host = []

    def handle(route):
        url = route.request.url
        if urlsplit(url).hostname in {local, "127.0.0.1", "localhost"}:
            return route.continue_()
        off_host.append(url)
        host = urlsplit(url).hostname
        if host in {"www.youtube-nocookie.com", "player.vimeo.com"}:
            return route.fulfill(status=200, content_type="text/html", body=FAKE_PLAYER)
        return route.abort()

    page.route("**/*", handle)
    return off_host


def provider_article(url):
    turns = [
        factories.turn(f"Turn {index}.", name=SPEAKERS[index % 2], timecode=index * 10)
        for index in range(3)
    ]
    segment = factories.video_segment("On air", turns=turns, url=url)
    segment["value"]["start_offset"] = 7
    return factories.make_article("Broadcast", body=[segment])


def player_frame(page):
    page.wait_for_selector(".video-facade__frame")
    frame = page.frame_locator(".video-facade__frame")
    frame.locator("title").wait_for(state="attached")
    return next(f for f in page.frames if f.parent_frame is not None)


def test_youtube_loads_only_on_play_then_timecodes_seek_it(page, screenshot, offline):
    article = provider_article("https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    ids = turn_ids(article)
    page.goto(article.url)
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 2000)
    page.get_by_role("button", name="Follow along").click()
    assert offline == []
    screenshot(page, "before play")

    page.get_by_role("link", name="Play “On air” (loads the YouTube player)").click()

    frame = player_frame(page)
    address = urlsplit(offline[0])
    query = parse_qs(address.query)
    assert address.netloc == "www.youtube-nocookie.com"
    assert address.path == "/embed/aqz-KE-bpKQ"
    assert query["enablejsapi"] == ["1"] and query["start"] == ["7"]
    assert query["origin"] == [page.evaluate("location.origin")]
    assert page.evaluate("document.activeElement.className") == "video-facade__frame"
    frame.wait_for_function("window.received.some(m => m.event === 'listening')")

    page.locator(f"#{ids[2]} .turn__time").click()

    frame.wait_for_function("window.received.some(m => m.func === 'playVideo')")
    commands = [m for m in frame.evaluate("window.received") if m["event"] == "command"]
    assert [(m["func"], m["args"]) for m in commands] == [("seekTo", [27, True]), ("playVideo", [])]
    assert current_turns(page) == [ids[2]]

    # The player reports its clock: the highlight follows it, and no other window can move it.
    frame.evaluate("tell({event: 'infoDelivery', info: {playerState: 1, currentTime: 18.2}})")
    page.wait_for_function(
        f"() => document.getElementById('{ids[1]}').classList.contains('is-current')"
    )
    page.evaluate(
        "window.postMessage(JSON.stringify({event: 'infoDelivery',"
        " info: {playerState: 1, currentTime: 7}}), '*')"
    )
    page.wait_for_timeout(200)
    assert current_turns(page) == [ids[1]]
    assert all(urlsplit(url).netloc == "www.youtube-nocookie.com" for url in offline)


def test_vimeo_timecode_before_play_loads_the_player_there_then_seeks_it(page, offline):
    article = provider_article("https://vimeo.com/76979871")
    ids = turn_ids(article)
    page.goto(article.url)
    page.wait_for_load_state("networkidle")
    assert offline == []
    hint = page.locator(f"#{ids[1]} .turn__time").get_attribute("aria-describedby")
    assert page.locator(f"#{hint}").text_content() == "Plays this moment in the Vimeo player"

    page.locator(f"#{ids[1]} .turn__time").click()

    frame = player_frame(page)
    assert offline[0].startswith("https://player.vimeo.com/video/76979871?")
    assert page.locator(".video-facade__frame").get_attribute("src").endswith("#t=17s")
    assert page.evaluate("document.activeElement.closest('.turn')?.id") == ids[1]
    frame.evaluate("tell({event: 'ready'})")
    frame.wait_for_function("window.received.length > 0")
    assert frame.evaluate("window.received") == [
        {"method": "addEventListener", "value": "timeupdate"}
    ]

    frame.evaluate("tell({event: 'timeupdate', data: {seconds: 27.5}})")
    page.wait_for_function(
        f"() => document.getElementById('{ids[2]}').classList.contains('is-current')"
    )
    page.locator(f"#{ids[0]} .turn__time").click()
    frame.wait_for_function("window.received.length === 3")
    assert frame.evaluate("window.received")[1:] == [
        {"method": "setCurrentTime", "value": 7},
        {"method": "play"},
    ]
    assert json.dumps(offline).count("vimeo.com") == len(offline)
