"""The article editor's form: rules that concern what an editor types, not what imports or
scripts may store (those are in the model)."""

import os
import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# "hero-lighthouse.jpg", "IMG_0042.JPG": a name, not a description.
EXTENSIONS = "|".join(map(re.escape, settings.WAGTAILIMAGES_EXTENSIONS))
IMAGE_FILE_NAME = re.compile(rf"\S*\.({EXTENSIONS})", re.IGNORECASE)


def file_name_like(text, image):
    """Whether `text` is the image's file name or title (which Wagtail makes from the file
    name) rather than a description of it."""
    text = text.strip().casefold()
    if IMAGE_FILE_NAME.fullmatch(text):
        return True
    names = {image.title, os.path.basename(image.file.name)}
    names |= {os.path.splitext(name)[0] for name in list(names)}
    return text in {name.strip().casefold() for name in names if name}


class ArticlePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        image = cleaned_data.get("hero_image")
        alt_text = (cleaned_data.get("hero_alt_text") or "").strip()
        if image is not None and not alt_text:
            self.add_error(
                "hero_alt_text",
                _("Describe the photo for readers who cannot see it."),
            )
        elif image is not None and file_name_like(alt_text, image):
            self.add_error(
                "hero_alt_text",
                _("This is the image’s file name. Describe what the photo shows instead."),
            )
        return cleaned_data
