"""Which video addresses editors may paste, and the privacy-friendly players built from them."""

from urllib.parse import parse_qs, urlsplit

import pytest

from articles.video import parse_video_url

YOUTUBE_ID = "aqz-KE-bpKQ"
VIMEO_ID = "76979871"


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={YOUTUBE_ID}",
        f"https://m.youtube.com/watch?feature=share&v={YOUTUBE_ID}",
        f"https://youtu.be/{YOUTUBE_ID}",
        f"https://youtu.be/{YOUTUBE_ID}?t=12",
        f"https://www.youtube.com/embed/{YOUTUBE_ID}",
        f"https://youtube.com/shorts/{YOUTUBE_ID}",
    ],
)
def test_youtube_addresses_give_the_video_id(url):
    source = parse_video_url(url)

    assert (source.provider, source.video_id, source.provider_name) == (
        "youtube",
        YOUTUBE_ID,
        "YouTube",
    )


@pytest.mark.parametrize(
    "url",
    [
        f"https://vimeo.com/{VIMEO_ID}",
        f"https://player.vimeo.com/video/{VIMEO_ID}",
        f"https://vimeo.com/channels/staffpicks/{VIMEO_ID}",
    ],
)
def test_vimeo_addresses_give_the_video_id(url):
    source = parse_video_url(url)

    assert (source.provider, source.video_id, source.provider_name) == ("vimeo", VIMEO_ID, "Vimeo")


@pytest.mark.parametrize(
    "url",
    [
        # Patterns from wagtail/embeds/oembed_providers.py.
        "https://www.dailymotion.com/video/x7tgad0",
        "https://www.ted.com/talks/ken_robinson_do_schools_kill_creativity",
    ],
)
def test_other_oembed_providers_are_accepted_as_links_without_a_player(url):
    source = parse_video_url(url)

    assert source.provider == "oembed"
    assert source.url == url
    assert source.player_url(start=12) == ""


@pytest.mark.parametrize(
    "url",
    [
        "",
        None,
        "https://example.com/videos/1",
        "https://evil.example/?next=https://www.dailymotion.com/video/x7tgad0",
        "javascript:alert(1)",
        f"ftp://www.youtube.com/watch?v={YOUTUBE_ID}",
        f"//www.youtube.com/watch?v={YOUTUBE_ID}",
        "https://www.youtube.com/watch",
        "https://www.youtube.com/playlist?list=PL0123456789",
        "https://youtu.be/",
        f"https://www.youtube.com/watch?v={YOUTUBE_ID}X",
        "https://vimeo.com/channels/staffpicks",
    ],
)
def test_unsupported_addresses_are_rejected(url):
    assert parse_video_url(url) is None


def test_surrounding_spaces_are_dropped_from_the_address():
    source = parse_video_url(f"  https://youtu.be/{YOUTUBE_ID}\n")

    assert source.url == f"https://youtu.be/{YOUTUBE_ID}"


def test_youtube_player_is_the_no_cookie_one_started_at_the_given_second():
    player = urlsplit(parse_video_url(f"https://youtu.be/{YOUTUBE_ID}").player_url(start=147))

    assert (player.scheme, player.hostname, player.path) == (
        "https",
        "www.youtube-nocookie.com",
        f"/embed/{YOUTUBE_ID}",
    )
    assert parse_qs(player.query)["start"] == ["147"]


def test_youtube_player_from_the_start_has_no_start_parameter():
    player = urlsplit(parse_video_url(f"https://youtu.be/{YOUTUBE_ID}").player_url())

    assert "start" not in parse_qs(player.query)


def test_vimeo_player_does_not_track_and_starts_at_the_given_second():
    player = urlsplit(parse_video_url(f"https://vimeo.com/{VIMEO_ID}").player_url(start=147))

    assert (player.hostname, player.path) == ("player.vimeo.com", f"/video/{VIMEO_ID}")
    assert parse_qs(player.query)["dnt"] == ["1"]
    assert player.fragment == "t=147s"


@pytest.mark.parametrize(
    "url",
    [
        f"https://vimeo.com/{VIMEO_ID}/0a1b2c3d4e",
        f"https://player.vimeo.com/video/{VIMEO_ID}?h=0a1b2c3d4e",
    ],
)
def test_unlisted_vimeo_player_keeps_the_privacy_hash(url):
    player = urlsplit(parse_video_url(url).player_url())

    assert player.path == f"/video/{VIMEO_ID}"
    assert parse_qs(player.query)["h"] == ["0a1b2c3d4e"]
