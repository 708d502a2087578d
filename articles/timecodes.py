"""Times in transcripts and video segments: parsed from what editors type ("2:27",
"1:02:27", "2′27″"), stored as whole seconds, shown back the same way and as ISO 8601."""

import re

CLOCK = re.compile(r"^(?:(?P<hours>\d+):(?=\d{2}:))?(?P<minutes>\d+):(?P<seconds>\d{2})$")
PRIMES = re.compile(r"^(?:(?P<minutes>\d+)\s*[′'])?\s*(?:(?P<seconds>\d+)\s*(?:″|\"|''))?$")


def parse_timecode(text):
    """Whole seconds for "m:ss", "h:mm:ss" or "2′27″"; ValueError for anything else."""
    text = str(text).strip()
    match = CLOCK.match(text)
    if match:
        hours = int(match["hours"] or 0)
        minutes, seconds = int(match["minutes"]), int(match["seconds"])
        if seconds >= 60 or (match["hours"] is not None and minutes >= 60):
            raise ValueError(f"not a valid time: {text!r}")
        return hours * 3600 + minutes * 60 + seconds
    match = PRIMES.match(text)
    if text and match and (match["minutes"] or match["seconds"]):
        minutes, seconds = int(match["minutes"] or 0), int(match["seconds"] or 0)
        if seconds >= 60 and match["minutes"]:
            raise ValueError(f"not a valid time: {text!r}")
        return minutes * 60 + seconds
    raise ValueError(f"not a valid time: {text!r}")


def format_timecode(seconds):
    """2:27 below an hour, 1:02:27 from an hour."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


def iso8601_duration(seconds):
    """PT2M27S — the form `<time datetime>` and schema.org expect."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if seconds or not parts:
        parts += f"{seconds}S"
    return f"PT{parts}"
