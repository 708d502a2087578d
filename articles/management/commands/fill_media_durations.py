from django.core.management.base import BaseCommand
from wagtailmedia.models import get_media_model

from articles.media_duration import read_duration


class Command(BaseCommand):
    help = (
        "Read the duration of every uploaded video or audio file stored with none (0 seconds, "
        "as uploads were before durations were read from the file). Others are left alone."
    )

    def handle(self, *args, **options):
        filled, unreadable = 0, []
        for media in get_media_model().objects.filter(duration=0).order_by("pk"):
            try:
                with media.file.open("rb") as file:
                    seconds = read_duration(file, media.file.name)
            except OSError:  # the file is missing from storage
                seconds = None
            if seconds is None:
                unreadable.append(media)
                continue
            media.duration = round(seconds, 2)
            media.save(update_fields=["duration"])
            filled += 1
        self.stdout.write(f"Durations read and filled: {filled}.")
        for media in unreadable:
            self.stdout.write(f"Could not read the duration of “{media.title}” (id {media.pk}).")
