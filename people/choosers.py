"""Choosing a person in the admin: one modal listing the bios of the language being edited,
searchable by name — instead of the page chooser, which opens at the root of the page tree and
shows every language's copy of a bio as identical results.

Wagtail's chooser modal sends the language of the page being edited as `?locale=`
(`wagtailConfig.ACTIVE_CONTENT_LOCALE`); without it the default language is listed."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.models import Locale

from people.models import PersonPage


class PersonFilterForm(BaseFilterForm):
    """A name to look for and the language: always one language, so each person once."""

    q = forms.CharField(
        label=_("Name"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search by name"), "autofocus": True}),
    )
    locale = forms.ChoiceField(
        label=_("Language"),
        required=False,
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locale"].choices = [
            (locale.language_code, locale.get_display_name()) for locale in Locale.objects.all()
        ]

    def filter(self, objects):
        code = self.cleaned_data.get("locale")
        locale = Locale.objects.filter(language_code=code).first() if code else None
        objects = objects.filter(locale=locale or Locale.get_default())
        name = (self.cleaned_data.get("q") or "").strip()
        if name:
            objects = objects.filter(title__icontains=name)
            self.is_searching, self.search_query = True, name
        return objects


class PersonChooseViewMixin:
    filter_form_class = PersonFilterForm
    ordering = ("title", "pk")

    def get_object_list(self):
        # Drafts too: a bio may be written alongside the article that introduces the person.
        return PersonPage.objects.select_related("locale")


class PersonChooseView(PersonChooseViewMixin, ChooseView):
    pass


class PersonChooseResultsView(PersonChooseViewMixin, ChooseResultsView):
    pass


class PersonChooserViewSet(ChooserViewSet):
    model = PersonPage
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    edit_item_text = _("Edit this bio")
    page_title = _("Choose a person")
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView
    per_page = 30


person_chooser_viewset = PersonChooserViewSet("person_chooser")
PersonChooserWidget = person_chooser_viewset.widget_class
