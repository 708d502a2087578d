"""Field blocks whose values are not prose. wagtail-localize only extracts Char/Text/RichText
(and choosers), so none of these reach translators: they are copied from the source."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from articles.timecodes import format_timecode, parse_timecode


class TimecodeFormField(forms.CharField):
    """A text input that cleans "2:27" / "1:02:27" / "2′27″" to seconds (whole, or with the
    milliseconds of an imported caption: "0:01.45")."""

    default_error_messages = {
        "invalid": _("Enter a time as m:ss or h:mm:ss, for example 2:27 or 1:02:27."),
        "zero": _("The duration must be longer than 0:00."),
    }

    def __init__(self, *, allow_zero=True, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "m:ss", "size": 9}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (int, float)):
            return format_timecode(value, precise=True)
        return value

    def to_python(self, value):
        if isinstance(value, (int, float)):
            seconds = value
        else:
            text = super().to_python(value)
            if text in self.empty_values:
                return None
            try:
                seconds = parse_timecode(text)
            except ValueError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if seconds < 0:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if seconds == 0 and not self.allow_zero:
            raise ValidationError(self.error_messages["zero"], code="zero")
        return seconds


class TimecodeBlock(blocks.FieldBlock):
    """A point in time, in seconds from the start of the segment (None when empty): an int,
    or a float when the time has milliseconds (caption files have them)."""

    allow_zero = True

    def __init__(self, required=False, help_text=None, **kwargs):
        self.field = TimecodeFormField(
            required=required, help_text=help_text, allow_zero=self.allow_zero
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, str):
            try:
                return parse_timecode(value)
            except ValueError:
                return value  # kept as typed, so clean() can report it
        if isinstance(value, float) and not value.is_integer():
            return round(value, 3)
        return int(value)

    def get_prep_value(self, value):
        return None if value in (None, "") else value

    def value_for_form(self, value):
        if value is None:
            return ""
        if isinstance(value, (int, float)):
            return format_timecode(value, precise=True)
        return value

    def value_from_form(self, value):
        if isinstance(value, str):
            return self.to_python(value.strip())
        return value

    def get_searchable_content(self, value):
        return []

    class Meta:
        icon = "time"
        default = None


class DurationBlock(TimecodeBlock):
    """How long something lasts, in whole seconds; never zero."""

    allow_zero = False

    def __init__(self, required=True, help_text=None, **kwargs):
        super().__init__(required=required, help_text=help_text, **kwargs)


class AnchorBlock(blocks.FieldBlock):
    """An optional fragment identifier (`#why-video`); not prose, so never translated."""

    def __init__(self, required=False, help_text=None, **kwargs):
        self.field = forms.SlugField(
            required=required, help_text=help_text, allow_unicode=True, max_length=80
        )
        super().__init__(**kwargs)

    def get_searchable_content(self, value):
        return []

    class Meta:
        icon = "link"
        default = ""
