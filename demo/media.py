"""The committed demo video (`assets/parlance-demo.webm`: WebM, 320×180, 90 s, under 1 MB),
uploaded once as a wagtailmedia item so uploaded segments, the interactive transcript and
captions work offline. Demo segments share it, each from its own start offset."""

from pathlib import Path

from django.core.files import File
from wagtailmedia.models import get_media_model

VIDEO_PATH = Path(__file__).resolve().parent / "assets" / "parlance-demo.webm"
VIDEO_TITLE = "Parlance demo video (test pattern, 90 s)"


def ensure_demo_video(user=None):
    """(the demo video's Media item, [its title] if uploaded now else [])."""
    Media = get_media_model()
    video = Media.objects.filter(title=VIDEO_TITLE).first()
    if video is not None:
        return video, []
    with VIDEO_PATH.open("rb") as stream:
        video = Media.objects.create(
            title=VIDEO_TITLE,
            type="video",  # its duration is read from the file (articles/media_duration.py)
            width=320,
            height=180,
            file=File(stream, name=VIDEO_PATH.name),
            uploaded_by_user=user,
        )
    return video, [VIDEO_TITLE]
