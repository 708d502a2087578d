from django import forms
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Topic

from . import conf, guards
from .form_renderer import FormRenderer
from .models import NAME_MAX, TEXT_MAX, Comment

STAMP_MESSAGES = {
    "too_fast": _("That was quick! Please check the form and send it again."),
    "expired": _("This form is too old. Please send it again."),
    "invalid": _("This form could not be read. Please send it again."),
}


class FreshStampInput(forms.HiddenInput):
    """Renders a new stamp, except when the form is shown again with a stamp that is still
    good: then the reader's time counts from when they first saw the form, and correcting a
    mistake quickly is not taken for a robot's haste."""

    def get_context(self, name, value, attrs):
        if not value or guards.stamp_problem(value, minimum=0) is not None:
            value = guards.make_stamp()
        return super().get_context(name, value, attrs)


class GuardedForm(forms.Form):
    """A public form with a honeypot and a minimum time to fill in (community/guards.py)."""

    default_renderer = FormRenderer()  # on every article page: see community/form_renderer.py
    stamp = forms.CharField(widget=FreshStampInput, required=False)
    # The honeypot: hidden from people and assistive technology, filled in by robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A lazy label or help text is translated again at each use, five times for a label
        # as Django renders it: translate them once, for this form in this request's language.
        for field in self.fields.values():
            if field.label is not None:
                field.label = str(field.label)
            field.help_text = str(field.help_text)

    def min_seconds(self):
        return conf.get("COMMUNITY_MIN_SUBMIT_SECONDS")

    def honeypot_filled(self):
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        problem = guards.stamp_problem(self.data.get("stamp"), self.min_seconds())
        if problem == "too_fast" and self.errors:
            # The form goes back to the reader anyway, with their mistakes marked once each;
            # "That was quick!" on top of them would only be a second reason to refuse it.
            return cleaned
        if problem:
            raise forms.ValidationError(STAMP_MESSAGES[problem], code=problem)
        return cleaned


class CommentForm(GuardedForm):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    email = forms.EmailField(
        label=_("Email (optional, never shown)"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter a valid email address, or leave it empty.")},
    )
    text = forms.CharField(
        label=_("Comment"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text. Comments appear after a moderator approves them."),
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ["name", "email", "text", "parent", "website", "stamp"]

    def __init__(self, *args, page, **kwargs):
        self.page = page
        super().__init__(*args, **kwargs)

    def clean_parent(self):
        """A reply goes to an approved top-level comment of the same article."""
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = (
            Comment.objects.approved()
            .filter(pk=parent_id, page=self.page, parent__isnull=True)
            .first()
        )
        if parent is None:
            raise forms.ValidationError(_("The comment you replied to is no longer available."))
        return parent


class SubscribeForm(GuardedForm):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        error_messages={
            "invalid": _("Enter a valid email address, such as name@example.com."),
            "required": _("Enter your email address."),
        },
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics that interest you (none: all of them)"),
        queryset=Topic.objects.order_by("slug"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = ["email", "topics", "website", "stamp"]

    def min_seconds(self):
        """Never longer than the other forms' minimum (which tests may set to 0)."""
        return min(super().min_seconds(), conf.get("COMMUNITY_NEWSLETTER_MIN_SUBMIT_SECONDS"))

    def __init__(self, *args, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        if topics is not None:  # the topics a page already shows (the article's own)
            self.fields["topics"].queryset = topics

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
