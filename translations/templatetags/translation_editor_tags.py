"""Parlance's additions to wagtail-localize's translation editor
(templates/wagtail_localize/admin/edit_translation.html)."""

from django import template
from wagtail.models import Page

from translations import localize_adapter
from translations.publishing_rules import has_review_workflow
from translations.review_actions import review_actions
from translations.review_mode import may_review, review_url
from translations.segment_context import place_of, places
from translations.subtitle_files import has_video_segments
from translations.subtitle_views import subtitles_url

register = template.Library()


@register.simple_tag
def subtitle_files_url(translation):
    """The address of the translation's "Subtitle files" page, or "" when its source has no
    video segment with a transcript."""
    if translation is None or not translation.enabled:
        return ""
    return subtitles_url(translation) if has_video_segments(translation) else ""


@register.simple_tag
def editor_props(props, translation, instance):
    """wagtail-localize's editor props with each transcript string found by segment, timecode
    and speaker, names shown once, no raw ids, and no "Convert to alias page" in a language
    with a review workflow (`localize_adapter.rewrite_editor_props`)."""
    if translation is None or not props:
        return props
    found = places(translation.source.as_instance())
    allow_alias = not (isinstance(instance, Page) and has_review_workflow(instance))
    return localize_adapter.rewrite_editor_props(
        props, lambda path: place_of(found, path), allow_convert_to_alias=allow_alias
    )


@register.simple_tag(takes_context=True)
def review_mode_url(context, translation, instance):
    """The translation's review mode, for its language's translators and reviewers ("" else)."""
    request = context.get("request")
    if translation is None or not translation.enabled or not isinstance(instance, Page):
        return ""
    return review_url(translation) if may_review(request.user, instance) else ""


@register.simple_tag(takes_context=True)
def reviewer_actions(context, instance):
    """Approve / request changes for a reviewer of the page's review in progress (or None)."""
    if not isinstance(instance, Page):
        return None
    return review_actions(context["request"], instance)
