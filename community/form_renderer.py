"""The renderer of the community's public forms: Django's markup, written without templates.

The comment and newsletter forms are on every article page, and Django renders each field
through four or five small templates (field, label, error list, widget, attributes), each
with its own context: most of what the two forms cost a page view. This renderer writes the
markup of those few templates directly, from the very contexts Django builds for them, so
names, ids, values, labels, help texts, errors and every attribute (required, maxlength,
aria-describedby, aria-invalid, ...) are still decided by Django; any other template (a
field in a fieldset, a list of errors, the topics' checkboxes) is Django's own.
tests/community/test_form_renderer.py checks the markup against Django's templates."""

from django.forms.renderers import DjangoTemplates
from django.forms.utils import ErrorList
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString

INPUT_TEMPLATES = {
    # The widget templates that only include django/forms/widgets/input.html.
    "django/forms/widgets/email.html",
    "django/forms/widgets/hidden.html",
    "django/forms/widgets/text.html",
}
ERROR_LIST_TEMPLATES = {ErrorList.template_name, ErrorList.template_name_ul}


def attributes(attrs):
    """django/forms/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_html(widget):
    """django/forms/widgets/input.html."""
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    return SafeString(
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}'
        f"{attributes(widget['attrs'])}>"
    )


def textarea_html(widget):
    """django/forms/widgets/textarea.html."""
    return SafeString(
        f'<textarea name="{escape(widget["name"])}"{attributes(widget["attrs"])}>\n'
        f"{escape(widget['value'] or '')}</textarea>"
    )


def label_html(context):
    """django/forms/label.html."""
    label = escape(context["label"])
    if not context["use_tag"]:
        return label
    tag = escape(context["tag"])
    return SafeString(f"<{tag}{attributes(context['attrs'] or {})}>{label}</{tag}>")


def field_html(field):
    """django/forms/field.html, for a field outside a fieldset."""
    parts = []
    if field.label:
        parts.append(field.label_tag())
    if help_text := field.help_text:
        helptext_id = f' id="{escape(field.auto_id)}_helptext"' if field.auto_id else ""
        # As field.html: `help_text|safe`.
        parts.append(f'<div class="helptext"{helptext_id}>{help_text}</div>')
    parts.append(str(field.errors))
    parts.append(str(field))
    return SafeString("\n".join(part for part in parts if part))


class FormRenderer(DjangoTemplates):
    """Django's form renderer, but the templates above are written, not rendered."""

    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        if template_name == "django/forms/widgets/textarea.html":
            return textarea_html(context["widget"])
        if template_name == "django/forms/label.html":
            return label_html(context)
        if template_name == self.field_template_name and not context["field"].use_fieldset:
            return field_html(context["field"])
        if template_name in ERROR_LIST_TEMPLATES and not context["errors"]:
            return ""
        return super().render(template_name, context, request=request)
