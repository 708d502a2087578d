"""Times in transcripts and video segments: parsed from what editors type ("2:27",
"1:02:27", "2′27″"), stored as seconds — whole seconds, or with milliseconds when a caption
file gave them ("0:01.450" is 1.45) — shown back the same way and as ISO 8601."""

import re

CLOCK = re.compile(
    r"^(?:(?P<hours>\d+):(?=\d{2}:))?(?P<minutes>\d+):(?P<seconds>\d{2})(?:[.,](?P<ms>\d{1,3}))?$"
)
PRIMES = re.compile(r"^(?:(?P<minutes>\d+)\s*[′'])?\s*(?:(?P<seconds>\d+)\s*(?:″|\"|''))?$")


def from_milliseconds(milliseconds):
    """Seconds from milliseconds: an int when whole (most timecodes), else a float with the
    milliseconds kept (1450 → 1.45)."""
    whole, rest = divmod(int(milliseconds), 1000)
    return whole if not rest else round(milliseconds / 1000, 3)


def parse_timecode(text):
    """Seconds for "m:ss", "h:mm:ss" (optionally with milliseconds, "m:ss.fff") or "2′27″";
    ValueError for anything else."""
    text = str(text).strip()
    match = CLOCK.match(text)
    if match:
        hours = int(match["hours"] or 0)
        minutes, seconds = int(match["minutes"]), int(match["seconds"])
        if seconds >= 60 or (match["hours"] is not None and minutes >= 60):
            raise ValueError(f"not a valid time: {text!r}")
        whole = hours * 3600 + minutes * 60 + seconds
        return from_milliseconds(whole * 1000 + int((match["ms"] or "0").ljust(3, "0")))
    match = PRIMES.match(text)
    if text and match and (match["minutes"] or match["seconds"]):
        minutes, seconds = int(match["minutes"] or 0), int(match["seconds"] or 0)
        if seconds >= 60 and match["minutes"]:
            raise ValueError(f"not a valid time: {text!r}")
        return minutes * 60 + seconds
    raise ValueError(f"not a valid time: {text!r}")


def format_timecode(seconds, *, precise=False):
    """2:27 below an hour, 1:02:27 from an hour; `precise` adds any milliseconds (0:01.45)."""
    if precise and seconds != int(seconds):
        fraction = f"{seconds - int(seconds):.3f}"[1:].rstrip("0")
        return format_timecode(seconds) + fraction
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
