"""People in a translated article link to their bio in the article's language when it is live.

Roles and body references point at whichever version of a person the editor (or
wagtail-localize) chose. One query loads every referenced person together with their live
version in the article's locale, photos included, so an article costs the
same number of queries whatever the number of people in it."""

from django.db.models import F, FilteredRelation, Q
from wagtail.models import Page

from people.models import PersonPage

from .body_people import people_ids_in_body


def localized_people(article, roles):
    """{id of a referenced person: the PersonPage to show for them in this article}."""
    return load_people(article, roles)[1]


def load_people(article, roles):
    """({id: referenced person}, {id: the person to show for them}) in one query, with photos
    (their renditions are the caller's: see ArticlePage.get_context)."""
    referenced = {role.person_id for role in roles} | set(people_ids_in_body(article.body.raw_data))
    if not referenced:
        return {}, {}
    keys = PersonPage.objects.filter(pk__in=referenced).values("translation_key")
    candidates = PersonPage.objects.filter(
        Q(pk__in=referenced) | Q(translation_key__in=keys, locale_id=article.locale_id, live=True)
    ).select_related("photo", "locale")
    referenced_people, in_article_locale = {}, {}
    for person in candidates:
        if person.pk in referenced:
            referenced_people[person.pk] = person
        if person.live and person.locale_id == article.locale_id:
            in_article_locale[person.translation_key] = person
    shown = {
        pk: in_article_locale.get(person.translation_key, person)
        for pk, person in referenced_people.items()
    }
    return referenced_people, shown


def load_roles_and_people(article, body_ids=None):
    """(the article's roles, {id: referenced person}, {id: the person to show for them}) in
    one query: `load_people` joined to the article's roles (a person with two roles comes
    twice), so the roles cost no query of their own. `body_ids`: the people chosen in the
    body, when the caller has them already (see ArticlePage.load_references)."""
    from .models import ArticlePersonRole

    if body_ids is None:
        body_ids = people_ids_in_body(article.body.raw_data)
    body_ids = set(body_ids)
    role_people = ArticlePersonRole.objects.filter(page_id=article.pk).values("person_id")
    keys = Page.objects.filter(Q(pk__in=role_people) | Q(pk__in=body_ids)).values("translation_key")
    rows = (
        PersonPage.objects.annotate(
            role_here=FilteredRelation(
                "article_roles", condition=Q(article_roles__page_id=article.pk)
            ),
            role_id=F("role_here__id"),
            role_name=F("role_here__role"),
            role_order=F("role_here__sort_order"),
        )
        .filter(
            Q(role_id__isnull=False)
            | Q(pk__in=body_ids)
            | Q(translation_key__in=keys, locale_id=article.locale_id, live=True)
        )
        .select_related("photo", "locale")
        .order_by()  # the roles are sorted below; nothing else depends on the order
    )
    people, roles, in_article_locale = {}, [], {}
    for row in rows:
        person = people.setdefault(row.pk, row)
        if row.role_id is not None:
            roles.append(
                ArticlePersonRole(
                    id=row.role_id,
                    page=article,
                    person=person,
                    role=row.role_name,
                    sort_order=row.role_order,
                )
            )
        if person.live and person.locale_id == article.locale_id:
            in_article_locale[person.translation_key] = person
    roles.sort(key=lambda role: (role.sort_order is None, role.sort_order or 0, role.pk))
    referenced_ids = {role.person_id for role in roles} | body_ids
    referenced_people = {pk: people[pk] for pk in referenced_ids if pk in people}
    shown = {
        pk: in_article_locale.get(person.translation_key, person)
        for pk, person in referenced_people.items()
    }
    return roles, referenced_people, shown


def localize(person, people_by_id):
    """The version of `person` (a PersonPage or its id) to show in this article."""
    if person is None:
        return None
    pk = person if isinstance(person, int) else person.pk
    return people_by_id.get(pk, None if isinstance(person, int) else person)
