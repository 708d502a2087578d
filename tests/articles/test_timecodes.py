"""What editors type as a time, how it is stored (whole seconds) and shown back."""

import pytest

from articles.timecodes import format_timecode, iso8601_duration, parse_timecode


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2:27", 147),
        ("02:27", 147),
        ("0:00", 0),
        ("1:02:27", 3747),
        ("75:00", 4500),
        (" 2:27 ", 147),
        ("2′27″", 147),
        ("2'27\"", 147),
        ("2'27''", 147),
        ("2′", 120),
        ("27″", 27),
    ],
)
def test_parse_timecode_accepts_what_editors_type(text, seconds):
    assert parse_timecode(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2:7",
        "2:60",
        "1:60:00",
        "1:2:27",
        "abc",
        "-1:00",
        "2:27:",
        ":27",
        "2′90″",
        "2″27′",
    ],
)
def test_parse_timecode_rejects_anything_else(text):
    with pytest.raises(ValueError):
        parse_timecode(text)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (12, "0:12"), (147, "2:27"), (4500, "1:15:00"), (3747, "1:02:27")],
)
def test_format_timecode(seconds, text):
    assert format_timecode(seconds) == text


@pytest.mark.parametrize("seconds", [0, 9, 59, 60, 147, 3599, 3600, 3747, 36000])
def test_format_timecode_round_trips_through_parse(seconds):
    assert parse_timecode(format_timecode(seconds)) == seconds


@pytest.mark.parametrize(
    ("seconds", "duration"),
    [
        (147, "PT2M27S"),
        (3747, "PT1H2M27S"),
        (0, "PT0S"),
        (3600, "PT1H"),
        (60, "PT1M"),
        (12, "PT12S"),
    ],
)
def test_iso8601_duration(seconds, duration):
    assert iso8601_duration(seconds) == duration
