"""Parlance's additions to wagtail-localize's translation editor
(templates/wagtail_localize/admin/edit_translation.html)."""

from django import template

from site_core.localization.subtitle_files import has_video_segments
from site_core.localization.subtitle_views import subtitles_url

register = template.Library()


@register.simple_tag
def subtitle_files_url(translation):
    """The address of the translation's "Subtitle files" page, or "" when its source has no
    video segment with a transcript."""
    if translation is None or not translation.enabled:
        return ""
    return subtitles_url(translation) if has_video_segments(translation) else ""
