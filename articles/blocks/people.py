import copy

from django.utils.functional import cached_property
from wagtail import blocks

from articles import preload


class PersonChooserBlock(blocks.PageChooserBlock):
    """Chooses a person's bio page. Never sent to translators: a translated article shows the
    bio in its own language when it exists (see articles.people_links).

    Edited with the person chooser (people/choosers.py: by name, in the article's language),
    not the page-tree chooser; the stored value is the page id either way."""

    def __init__(self, **kwargs):
        super().__init__(page_type="people.PersonPage", **kwargs)

    @cached_property
    def widget(self):
        from people.choosers import PersonChooserWidget

        return PersonChooserWidget()

    def get_form_state(self, value):
        return self.widget.get_value_data(value)

    def bulk_to_python(self, values):
        """As Wagtail's, but taking people the article has loaded already (articles/preload.py)."""
        values = list(values)
        people = preload.in_bulk(
            self.model_class.objects.all(), [v for v in values if v is not None]
        )
        result, seen = [], set()
        for pk in values:
            person = people.get(pk)
            # the same person twice gets two objects, as in Wagtail
            result.append(copy.copy(person) if person is not None and pk in seen else person)
            seen.add(pk)
        return result

    def clean(self, value):
        """A person loaded from the database (bulk_to_python, one query for a whole transcript)
        is valid as it is. Wagtail's ChooserBlock.clean looks it up again, one query per turn:
        saving a 1,200-turn interview spent most of its time there (issue 16)."""
        if isinstance(value, self.model_class) and value.pk is not None:
            return value
        return super().clean(value)

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs.pop("page_type", None)
        return ("articles.blocks.PersonChooserBlock", args, kwargs)
