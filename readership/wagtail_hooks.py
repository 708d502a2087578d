from wagtail import hooks

from .reports import readers_by_translation


@hooks.register("parlance_translation_status_readers")
def translation_status_readers():
    """Readers per page × language for "Translation status" (translations/)."""
    return readers_by_translation()
