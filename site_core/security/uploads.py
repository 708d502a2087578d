"""What editors may upload: documents and media (wagtailmedia) within a size limit, with
content that matches their extension. Images are checked by Wagtail itself (extension
allow-list, the decoded format must match the extension, WAGTAILIMAGES_MAX_UPLOAD_SIZE and
_MAX_IMAGE_PIXELS), and media thumbnails go through the same image field here.

The content check is cheap and deliberately shallow: a file's first bytes must carry its
format's signature (a PDF starts with "%PDF-", a WebM with the Matroska magic number…), and
text formats must be UTF-8 text that is not a web page or an SVG in disguise — the files we
serve from our own origin must never be something a browser would run. It is not a virus
scan, and a file that passes is still served as a download with `nosniff`."""

import os
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtailmedia.forms import BaseMediaForm

HEAD_BYTES = 64 * 1024
MP4_BOXES = (b"ftyp",)
QUICKTIME_BOXES = (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")


def starts_with(*prefixes, within=0):
    """The file begins with one of `prefixes` (or, with `within`, contains one in its first
    `within` bytes: PDF allows a little junk before its header)."""
    if within:
        return lambda head: any(prefix in head[:within] for prefix in prefixes)
    return lambda head: head.startswith(prefixes)


def iso_media(boxes):
    """MP4 and QuickTime files open with a box whose type is at bytes 4-8."""
    return lambda head: head[4:8] in boxes


def riff(kind):
    return lambda head: head[:4] == b"RIFF" and head[8:12] == kind


def mpeg_audio(head):
    """MP3 (an ID3 tag or an MPEG frame sync) and AAC in ADTS frames."""
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] >= 0xF0)


# Markup that would make a browser treat a text file as a page or an image with scripts.
MARKUP = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|script|svg|iframe|object|embed|meta|\?xml)\b",
    re.IGNORECASE,
)


def plain_text(head):
    if b"\x00" in head or MARKUP.search(head):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The first 64 KiB may end in the middle of a character.
        return error.start >= len(head) - 3 and error.reason == "unexpected end of data"
    return True


def webvtt(head):
    return plain_text(head) and head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT")


ZIP = starts_with(b"PK\x03\x04")
MATROSKA = starts_with(b"\x1a\x45\xdf\xa3")
OGG = starts_with(b"OggS")

SIGNATURES = {
    # documents (WAGTAILDOCS_EXTENSIONS)
    "pdf": starts_with(b"%PDF-", within=1024),
    "docx": ZIP,
    "odt": ZIP,
    "rtf": starts_with(b"{\\rtf"),
    "csv": plain_text,
    "txt": plain_text,
    "srt": plain_text,
    "vtt": webvtt,
    # video (WAGTAILMEDIA["VIDEO_EXTENSIONS"])
    "mp4": iso_media(MP4_BOXES),
    "m4v": iso_media(MP4_BOXES),
    "mov": iso_media(QUICKTIME_BOXES),
    "webm": MATROSKA,
    "mkv": MATROSKA,
    "ogv": OGG,
    # audio (WAGTAILMEDIA["AUDIO_EXTENSIONS"])
    "mp3": mpeg_audio,
    "aac": mpeg_audio,
    "m4a": iso_media(MP4_BOXES),
    "oga": OGG,
    "ogg": OGG,
    "opus": OGG,
    "flac": starts_with(b"fLaC"),
    "wav": riff(b"WAVE"),
}


def extension_of(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def read_head(file):
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(position)
    return head


def check_upload(file, max_bytes):
    """Raise ValidationError (translated) unless `file` is small enough and looks like what
    its extension says."""
    if file.size > max_bytes:
        raise ValidationError(
            _("This file is too big (%(size)s). The largest file you can upload is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
        )
    extension = extension_of(file.name)
    matches = SIGNATURES.get(extension)
    if matches is None:
        raise ValidationError(
            _("Files ending in .%(extension)s cannot be uploaded here."),
            code="unsupported_extension",
            params={"extension": extension or "?"},
        )
    if not matches(read_head(file)):
        raise ValidationError(
            _(
                "This file does not contain what its name says: it is not a valid "
                ".%(extension)s file. Nothing was uploaded."
            ),
            code="content_mismatch",
            params={"extension": extension},
        )


def uploaded_file(form, name):
    """The newly uploaded file in field `name`, or None if the field keeps its old file."""
    file = form.cleaned_data.get(name)
    return file if name in form.changed_data and hasattr(file, "size") else None


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload, edit):
    WAGTAILDOCS_DOCUMENT_FORM_BASE."""

    def clean_file(self):
        file = uploaded_file(self, "file")
        if file is not None:
            check_upload(file, settings.UPLOAD_MAX_DOCUMENT_BYTES)
        return self.cleaned_data.get("file")


class MediaForm(BaseMediaForm):
    """wagtailmedia's audio and video form: WAGTAILMEDIA["MEDIA_FORM_BASE"]. Its thumbnail
    is checked like any image upload."""

    thumbnail = WagtailImageField(label=capfirst(_("thumbnail")), required=False)

    def clean_file(self):
        file = uploaded_file(self, "file")
        if file is not None:
            check_upload(file, settings.UPLOAD_MAX_MEDIA_BYTES)
        return self.cleaned_data.get("file")
