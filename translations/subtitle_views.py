"""The "Subtitle files" page of a translation (linked from its translation editor): download
each video segment's transcript as WebVTT or SubRip in the source language, and upload the
translated file (`subtitle_files.py`). A refused file is shown with all its problems, and
nothing is saved; an applied one sends the translator back to the translation editor, where
"Save draft" keeps the strings as a revision."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail_localize.models import Translation

from articles.transcripts import MAX_BYTES, TranscriptError, check_size

from .subtitle_files import (
    CONTENT_TYPES,
    apply_translations,
    check_upload,
    read_subtitles,
    source_segments,
    write_srt,
    write_webvtt,
)

URL_NAME = "translation_subtitles"
DOWNLOAD_URL_NAME = "translation_subtitles_download"


def subtitles_url(translation):
    return reverse(URL_NAME, args=[translation.pk])


def editable_translation(request, translation_id):
    """The enabled (synced) translation of a page that the user may edit, or 404/403."""
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"),
        pk=translation_id,
        enabled=True,
    )
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise Http404
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit() or permissions.page_locked():
        raise PermissionDenied
    return translation, page


class SubtitleUploadForm(forms.Form):
    segment = forms.ChoiceField(label=gettext_lazy("Video segment"))
    file = forms.FileField(label=gettext_lazy("Translated subtitle file"))

    def __init__(self, *args, segments, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].choices = [
            (segment.id, f"{segment.number}. {segment.title}") for segment in segments
        ]
        self.fields["file"].allow_empty_file = True  # reported as an empty file, line 1
        self.fields["file"].help_text = _(
            "The WebVTT (.vtt) or SubRip (.srt) file of this segment, downloaded above, with "
            "its cues translated into %(language)s; UTF-8, up to %(limit)s."
        ) % {"language": language, "limit": filesizeformat(MAX_BYTES)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
        except TranscriptError as error:
            raise ValidationError(str(error)) from None
        return upload


class SubtitleFilesView(WagtailAdminTemplateMixin, FormView):
    template_name = "translations/subtitle_files.html"
    form_class = SubtitleUploadForm
    header_icon = "media"

    def dispatch(self, request, *args, translation_id, **kwargs):
        self.translation, self.page = editable_translation(request, translation_id)
        self.segments = source_segments(self.translation)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Subtitle files")

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.edit_url, "label": self.page.get_admin_display_title()},
            {"url": "", "label": _("Subtitle files")},
        ]

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def get_form_kwargs(self):
        language = self.translation.target_locale.get_display_name()
        return {**super().get_form_kwargs(), "segments": self.segments, "language": language}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        downloads = [
            {
                "segment": segment,
                "links": [
                    (label, reverse(DOWNLOAD_URL_NAME, args=[self.translation.pk, segment.id, ext]))
                    for ext, label in (("vtt", "WebVTT"), ("srt", "SubRip"))
                ],
            }
            for segment in self.segments
        ]
        context.update(
            action_url=self.request.get_full_path(),
            edit_url=self.edit_url,
            downloads=downloads,
            source_language=self.translation.source.locale.get_display_name(),
            target_language=self.translation.target_locale.get_display_name(),
            media=context["form"].media,
            submit_button_label=_("Upload and apply"),
            submit_button_active_label=_("Uploading…"),
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        segment = next(s for s in self.segments if s.id == form.cleaned_data["segment"])
        try:
            subtitles = read_subtitles(upload.read(), upload.name)
            translated = check_upload(subtitles, segment, self.segments)
        except TranscriptError as error:
            for problem in error.problems:
                form.add_error(None, str(problem))
            return self.form_invalid(form)
        count = apply_translations(self.translation, translated, self.request.user)
        messages.success(
            self.request,
            ngettext(
                "%(count)s cue of “%(file)s” was applied to “%(segment)s”. Save a draft to keep "
                "it in a revision.",
                "%(count)s cues of “%(file)s” were applied to “%(segment)s”. Save a draft to "
                "keep them in a revision.",
                count,
            )
            % {"count": count, "file": upload.name, "segment": segment.title},
        )
        return redirect(self.edit_url)


def download_subtitles(request, translation_id, segment_id, format):
    translation, page = editable_translation(request, translation_id)
    segments = source_segments(translation)
    segment = next((segment for segment in segments if segment.id == str(segment_id)), None)
    if segment is None or format not in CONTENT_TYPES:
        raise Http404
    if format == "vtt":
        language = translation.target_locale.get_display_name()
        note = _(
            "“%(page)s”, segment %(number)s: “%(segment)s”, in %(source)s. Translate the text "
            "of each cue into %(language)s and upload this file on the page you downloaded it "
            "from. Keep each cue’s identifier (the line above its timing) and its timing."
        ) % {
            "page": translation.source.object_repr,
            "number": segment.number,
            "segment": segment.title,
            "source": translation.source.locale.get_display_name(),
            "language": language,
        }
        text = write_webvtt(segment, note)
    else:
        text = write_srt(segment)
    response = HttpResponse(text, content_type=CONTENT_TYPES[format])
    name = "-".join(
        part
        for part in (
            page.slug,
            str(segment.number),
            slugify(segment.title),
            translation.source.locale.language_code,
        )
        if part
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.{format}"'
    return response


@hooks.register("register_admin_urls")
def register_subtitle_urls():
    base = "translation-subtitles/<int:translation_id>/"
    return [
        path(base, SubtitleFilesView.as_view(), name=URL_NAME),
        path(
            f"{base}<uuid:segment_id>.<str:format>",
            download_subtitles,
            name=DOWNLOAD_URL_NAME,
        ),
    ]
