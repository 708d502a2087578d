"""People in a translated article link to their bio in the article's language when it is live.

Roles and body references point at whichever version of a person the editor (or
wagtail-localize) chose; one query finds the live version in the article's locale of all of
them, so rendering costs the same whatever the number of people."""

from django.db.models import Q

from people.models import PersonPage

from .body_people import people_ids_in_body


def localized_people(article, roles):
    """{translation_key: live PersonPage in the article's locale} for everyone in `article`."""
    role_keys = {role.person.translation_key for role in roles}
    body_keys = PersonPage.objects.filter(pk__in=people_ids_in_body(article.body.raw_data)).values(
        "translation_key"
    )
    people = (
        PersonPage.objects.live()
        .filter(locale_id=article.locale_id)
        .filter(Q(translation_key__in=role_keys) | Q(translation_key__in=body_keys))
        .select_related("photo")
    )
    return {person.translation_key: person for person in people}


def localize(person, people_by_key):
    """The version of `person` to show: in the article's language when there is one."""
    if person is None:
        return None
    return people_by_key.get(person.translation_key, person)
