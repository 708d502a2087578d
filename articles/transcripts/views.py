"""The page editor's "Import transcript" view: a form to fill one video segment's turns from a
pasted or uploaded transcript, saved as a new draft revision (see articles/wagtail_hooks.py)."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page
from wagtail.models import Page

from articles.models import ArticlePage
from articles.timecodes import format_timecode

from .errors import TranscriptError
from .importing import APPEND, REPLACE, draft_of, import_transcript, video_segments
from .reading import FORMATS, MAX_BYTES, check_size, read_source


class TranscriptImportForm(forms.Form):
    segment = forms.TypedChoiceField(label=gettext_lazy("Video segment"), coerce=int)
    text = forms.CharField(
        label=gettext_lazy("Paste the transcript"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "One turn per speaker: “Ada Lovelace: what she said”, optionally with a timecode "
            "such as [2:27] before the name. A blank line starts a new paragraph. WebVTT and "
            "SubRip captions can be pasted too."
        ),
    )
    file = forms.FileField(label=gettext_lazy("Or upload a file"), required=False)
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[("", gettext_lazy("Detect from the file")), *FORMATS.items()],
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Turns already in the segment"),
        widget=forms.RadioSelect,
        choices=[
            (REPLACE, gettext_lazy("Replace them with the imported turns")),
            (APPEND, gettext_lazy("Keep them, and add the imported turns after them")),
        ],
        initial=REPLACE,
    )

    def __init__(self, *args, segments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].choices = segments
        self.fields["file"].allow_empty_file = True  # reported as an empty transcript, line 1
        self.fields["file"].help_text = _(
            "WebVTT (.vtt), SubRip (.srt) or plain text (.txt), in UTF-8, up to %(limit)s."
        ) % {"limit": filesizeformat(MAX_BYTES)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload:
            try:
                check_size(upload.size)
            except TranscriptError as error:
                raise ValidationError(str(error)) from None
        return upload

    def clean(self):
        data = super().clean()
        pasted = (data.get("text") or "").strip()
        if data.get("file") and pasted:
            raise ValidationError(_("Paste a transcript or upload a file, not both."))
        if "file" in data and not data.get("file") and not pasted:
            raise ValidationError(_("Paste a transcript or choose a file to upload."))
        return data

    def source(self):
        """The transcript as a reading.Source; TranscriptError if it cannot be read."""
        upload = self.cleaned_data["file"]
        if upload:
            data, name = upload.read(), upload.name
        else:
            data, name = self.cleaned_data["text"].encode(), ""
        return read_source(data, name=name, format=self.cleaned_data["format"] or None)


class ImportTranscriptView(WagtailAdminTemplateMixin, FormView):
    template_name = "articles/admin/import_transcript.html"
    form_class = TranscriptImportForm
    header_icon = "media"

    def dispatch(self, request, *args, page_id, **kwargs):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not isinstance(self.page, ArticlePage):
            raise Http404
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        self.segments = video_segments(draft_of(self.page))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Import a transcript into “%(title)s”") % {
            "title": self.page.get_admin_display_title()
        }

    def get_breadcrumbs_items(self):
        return [
            *get_breadcrumbs_items_for_page(self.page, self.request.user),
            {"url": "", "label": _("Import transcript")},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "segments": self.segment_choices()}

    def segment_choices(self):
        choices = []
        for number, (_position, segment) in enumerate(self.segments, 1):
            value = segment["value"]
            count = len(value.get("transcript") or [])
            label = ngettext(
                "%(number)s. %(title)s (%(count)s turn)",
                "%(number)s. %(title)s (%(count)s turns)",
                count,
            ) % {"number": number, "title": value.get("title") or "", "count": count}
            choices.append((number, label))
        return choices

    def get_initial(self):
        return {"segment": self.request.GET.get("segment", 1)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            has_segments=bool(self.segments),
            media=context["form"].media,
            submit_button_label=_("Import transcript"),
            submit_button_active_label=_("Importing…"),
        )
        if self.extension_offer is not None:
            context["extension_offer"] = {
                "seconds": self.extension_offer,
                "label": _("Extend the segment to %(duration)s and import")
                % {"duration": format_timecode(self.extension_offer)},
            }
        return context

    def form_valid(self, form):
        source = None
        try:
            source = form.source()
            result = import_transcript(
                self.page,
                source,
                segment=form.cleaned_data["segment"],
                mode=form.cleaned_data["mode"],
                user=self.request.user,
                extend_to=self.extend_to(),
            )
        except TranscriptError as error:
            if error.extend_to is not None:
                # Offer to lengthen the segment; the transcript comes back as text, so the
                # offer can be taken without choosing the file again.
                form = self.form_with_text(form, source)
                self.extension_offer = error.extend_to
            for problem in error.problems:
                form.add_error(None, str(problem))
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "Imported %(count)s turn into “%(segment)s”; review and publish.",
                "Imported %(count)s turns into “%(segment)s”; review and publish.",
                result.turns,
            )
            % {"count": result.turns, "segment": result.segment_title},
        )
        if result.extended_from is not None:
            messages.info(
                self.request,
                _("“%(segment)s” now lasts %(duration)s (it lasted %(previous)s).")
                % {
                    "segment": result.segment_title,
                    "duration": format_timecode(result.duration),
                    "previous": format_timecode(result.extended_from),
                },
            )
        if result.people or result.free_names or result.ambiguous or result.offset:
            messages.info(self.request, details_message(result))
        return redirect("wagtailadmin_pages:edit", self.page.pk)

    extension_offer = None  # seconds: the segment's duration that would hold the transcript

    def extend_to(self):
        """The duration (seconds) the editor agreed to extend the segment to, if any."""
        value = self.request.POST.get("extend_to", "")
        return int(value) if value.isdigit() else None

    def form_with_text(self, form, source):
        """The form again, with the transcript as pasted text instead of an uploaded file."""
        data = self.request.POST.copy()
        data["text"], data["format"] = source.text, source.format
        bound = self.get_form_class()(data, {}, segments=self.segment_choices())
        bound.is_valid()
        return bound


def details_message(result):
    parts = []
    if result.offset:
        parts.append(
            _("Caption times were counted from the segment’s start in its video (%(start)s).")
            % {"start": format_timecode(result.offset)}
        )
    if result.people:
        parts.append(
            _("Speakers linked to their bio: %(names)s.")
            % {"names": ", ".join(sorted(set(result.people.values())))}
        )
    if result.free_names:
        parts.append(
            _("Speakers kept as names (no bio found): %(names)s.")
            % {"names": ", ".join(result.free_names)}
        )
    if result.ambiguous:
        parts.append(
            _("Several people share these names, so they were kept as names: %(names)s.")
            % {"names": ", ".join(result.ambiguous)}
        )
    return " ".join(parts)
