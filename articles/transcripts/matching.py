"""Speakers' names matched to people: the PersonPage whose title is the name, ignoring case,
accents and spacing, in the article's language tree, else in the default language's."""

from collections import defaultdict
from dataclasses import dataclass

from wagtail.models import Locale

from people.models import PersonPage

from .turns import name_key


@dataclass(frozen=True)
class Person:
    pk: int
    title: str
    live: bool


class PeopleMatcher:
    """Loads the people of the article's language (and of the default language) once: one
    query per language, whatever the number of speakers."""

    def __init__(self, locale):
        locales = [locale, Locale.get_default()]
        self.directories = [
            self.directory(each)
            for index, each in enumerate(locales)
            if each not in locales[:index]
        ]

    @staticmethod
    def directory(locale):
        people = defaultdict(list)
        rows = PersonPage.objects.filter(locale=locale, alias_of__isnull=True).values_list(
            "pk", "title", "live"
        )
        for pk, title, live in rows.order_by("path"):
            people[name_key(title)].append(Person(pk, title, live))
        return people

    def match(self, name):
        """(Person or None, ambiguous): the person called `name`; when several people of the
        same language share the name (and not exactly one of them is live), nobody, with
        ambiguous=True, so the name is kept as free text for the editor to resolve."""
        key = name_key(name)
        for people in self.directories:
            found = people.get(key, [])
            live = [person for person in found if person.live]
            if len(found) == 1:
                return found[0], False
            if len(live) == 1:
                return live[0], False
            if found:
                return None, True
        return None, False
