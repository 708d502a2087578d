"""How a file names what it points at. Database ids differ between databases, so a file
names people by their slug and images and media files by their title."""

from wagtail.images import get_image_model
from wagtailmedia.models import get_media_model

from people.models import PersonPage

PENDING = object()  # a person who is in the file but not yet in the database


class ReferenceProblem(ValueError):
    """A name in the file that matches nothing, or more than one thing."""


def key_field(model):
    """The field that names an instance of `model` in a file."""
    if issubclass(model, PersonPage):
        return "slug"
    if issubclass(model, get_image_model() | get_media_model()):
        return "title"
    raise ReferenceProblem(f"References to {model._meta.verbose_name_plural} cannot be moved.")


def key_of(instance):
    return None if instance is None else getattr(instance, key_field(type(instance)))


class Names:
    """For export: the file name of an object from its model and id, remembering the people
    named, so the file carries everyone its articles refer to."""

    def __init__(self):
        self.people = {}
        self._cache = {}

    def name(self, model, pk):
        if pk is None:
            return None
        if (model, pk) not in self._cache:
            # An id whose object was deleted reads as empty, as Wagtail itself reads it.
            self._cache[model, pk] = model.objects.filter(pk=pk).first()
        return self.named(self._cache[model, pk])

    def named(self, instance):
        if isinstance(instance, PersonPage):
            self.people[instance.pk] = instance
        return key_of(instance)


class Finder:
    """For import: the database id of what a file names. People are looked up under the
    people index (and among the people of the file); images and media files by title."""

    def __init__(self, people_index, slugs_in_file):
        people = PersonPage.objects.child_of(people_index) if people_index else []
        self.people = {person.slug: person.pk for person in people}
        self.pending = set(slugs_in_file) - set(self.people)

    def saved(self, person):
        self.people[person.slug] = person.pk
        self.pending.discard(person.slug)

    def find(self, model, name):
        """The id for `name`, None for null, PENDING for someone the import will create."""
        if name is None:
            return None
        field = key_field(model)
        if not isinstance(name, str) or not name:
            raise ReferenceProblem(
                f"Expected the {field} of a {model._meta.verbose_name}, or null."
            )
        if issubclass(model, PersonPage):
            return self.find_person(name)
        ids = list(model.objects.filter(title=name).values_list("pk", flat=True)[:2])
        if not ids:
            raise ReferenceProblem(f"No {model._meta.verbose_name} is titled “{name}”.")
        if len(ids) > 1:
            raise ReferenceProblem(
                f"Several {model._meta.verbose_name_plural} are titled “{name}”; "
                "give them distinct titles."
            )
        return ids[0]

    def find_person(self, slug):
        if slug in self.people:
            return self.people[slug]
        if slug in self.pending:
            return PENDING
        raise ReferenceProblem(f"No person with the slug “{slug}” in this file or in the database.")
