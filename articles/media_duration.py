"""An uploaded video or audio file's duration, read from the file itself (hachoir, pure
Python), so editors need not type it in seconds: wagtailmedia stores 0 for a real clip
unless someone does. A video segment that plays the file takes its duration from there too
(articles/blocks/video.py)."""

import logging

from hachoir.core import config as hachoir_config
from hachoir.metadata import extractMetadata
from hachoir.parser import guessParser
from hachoir.stream import InputIOStream

logger = logging.getLogger(__name__)

# hachoir prints its parsers' warnings; a file it cannot read is reported here instead.
hachoir_config.quiet = True


def read_duration(file, name=""):
    """The duration in seconds of the media in the open binary `file`, or None when its
    format is not recognised or gives none. Reads only what the parser needs."""
    try:
        file.seek(0)
        stream = InputIOStream(file, source=f"file:{name}", tags=[("filename", name)])
        parser = guessParser(stream)
        if parser is None:
            return None
        # not `with parser`: closing it would close the upload before it is stored
        metadata = extractMetadata(parser)
    except Exception:  # a malformed upload: no duration, never a failed save
        logger.warning("Could not read the duration of %s", name, exc_info=True)
        return None
    finally:
        file.seek(0)
    if metadata is None or not metadata.has("duration"):
        return None
    seconds = metadata.get("duration").total_seconds()
    return seconds if seconds > 0 else None


def fill_duration(sender, instance, **kwargs):
    """`pre_save` of the media model: a newly uploaded file (the upload form, the chooser's
    upload tab, a replaced file) sets the duration, over whatever was typed; a file whose
    duration cannot be read keeps the typed one."""
    field_file = instance.file
    if not field_file or getattr(field_file, "_committed", True):
        return  # no new file: keep what is stored
    seconds = read_duration(field_file.file, field_file.name)
    if seconds is not None:
        instance.duration = round(seconds, 2)
