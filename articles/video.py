"""Recognise the video addresses editors paste, without calling any third party.

YouTube and Vimeo get a privacy-friendly player address built here (so nothing is fetched
until the reader presses play); other oEmbed providers known to Wagtail are accepted and
offered to readers as a link."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from wagtail.embeds.oembed_providers import all_providers

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtu.be",
    "www.youtube-nocookie.com",
}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^\d{5,12}$")
VIMEO_HASH = re.compile(r"^[0-9a-f]{6,20}$")  # the `h` of an unlisted video


@dataclass(frozen=True)
class VideoSource:
    provider: str  # "youtube", "vimeo" or "oembed"
    url: str
    video_id: str = ""
    privacy_hash: str = ""  # Vimeo's unlisted videos play only with it

    @property
    def provider_name(self):
        return {"youtube": "YouTube", "vimeo": "Vimeo"}.get(
            self.provider, urlsplit(self.url).hostname
        )

    def player_url(self, start=0):
        """The embeddable player, started at `start` seconds; empty for generic providers."""
        if self.provider == "youtube":
            query = "autoplay=1&enablejsapi=1&rel=0"
            if start:
                query += f"&start={int(start)}"
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?{query}"
        if self.provider == "vimeo":
            query = f"h={self.privacy_hash}&" if self.privacy_hash else ""
            fragment = f"#t={int(start)}s" if start else ""
            return (
                f"https://player.vimeo.com/video/{self.video_id}?{query}autoplay=1&dnt=1{fragment}"
            )
        return ""


def _youtube_id(parts):
    host = parts.hostname or ""
    path = [segment for segment in parts.path.split("/") if segment]
    if host == "youtu.be":
        candidate = path[0] if path else ""
    elif path and path[0] in {"embed", "shorts", "live", "v"} and len(path) > 1:
        candidate = path[1]
    else:
        candidate = parse_qs(parts.query).get("v", [""])[0]
    return candidate if YOUTUBE_ID.match(candidate) else ""


def _vimeo_id(parts):
    """(id, privacy hash): vimeo.com/ID[/HASH], player.vimeo.com/video/ID[?h=HASH]."""
    path = [segment for segment in parts.path.split("/") if segment]
    indexes = [index for index, segment in enumerate(path) if VIMEO_ID.match(segment)]
    if not indexes:
        return "", ""
    index = indexes[-1]
    following = path[index + 1] if index + 1 < len(path) else ""
    privacy_hash = parse_qs(parts.query).get("h", [following])[0]
    return path[index], privacy_hash if VIMEO_HASH.match(privacy_hash) else ""


def _known_oembed_provider(url):
    for provider in all_providers:
        for pattern in provider["urls"]:
            if re.match(pattern, url):
                return True
    return False


def parse_video_url(url):
    """Return a VideoSource for a supported address, or None."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if host in YOUTUBE_HOSTS:
        video_id = _youtube_id(parts)
        return VideoSource("youtube", url, video_id) if video_id else None
    if host in VIMEO_HOSTS:
        video_id, privacy_hash = _vimeo_id(parts)
        return VideoSource("vimeo", url, video_id, privacy_hash) if video_id else None
    if _known_oembed_provider(url):
        return VideoSource("oembed", url)
    return None
