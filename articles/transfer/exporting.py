"""Articles of one language, and everyone and everything they refer to, as a document."""

import datetime
import json

from django.utils import translation
from wagtail.models import Locale

from articles.models import ArticlePage

from .body import swap_references
from .layout import ARTICLE_FIELDS, ARTICLE_KEYS, FORMAT, PERSON_FIELDS, VERSION
from .problems import Problems
from .references import Names, key_of


def export_articles(locale=None):
    """The live articles of `locale` (default: the default language) as a document: people
    are those the articles name, topics those they are filed under."""
    locale = locale or Locale.get_default()
    with translation.override(locale.language_code):
        names = Names()
        articles = (
            ArticlePage.objects.live()
            .filter(locale=locale)
            .select_related("hero_image")
            .prefetch_related("topics", "people__person")
            .order_by("path")
        )
        article_records = [article_record(article, names) for article in articles]
        topics = {topic for article in articles for topic in article.topics.all()}
        people = sorted(names.people.values(), key=lambda person: person.slug)
        return {
            "format": FORMAT,
            "version": VERSION,
            "locale": locale.language_code,
            "topics": [
                {"slug": topic.slug, "name": topic.name}
                for topic in sorted(topics, key=lambda topic: topic.slug)
            ],
            "people": [person_record(person) for person in people],
            "articles": article_records,
        }


def to_json(document):
    """The document as the text of a file: UTF-8 friendly, indented, ending in a newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def person_record(person):
    return {
        **field_values(person, PERSON_FIELDS),
        "photo": key_of(person.photo),
        "links": [{"label": link.label, "url": link.url} for link in person.links.all()],
    }


def article_record(article, names):
    record = {
        **field_values(article, ARTICLE_FIELDS),
        "hero_image": key_of(article.hero_image),
        "topics": sorted(topic.slug for topic in article.topics.all()),
        "people": [
            {"person": names.named(role.person), "role": role.role} for role in article.people.all()
        ],
        "body": body_for_file(article, names),
    }
    return {key: record[key] for key in ARTICLE_KEYS}


def body_for_file(article, names):
    stream_block = article.body.stream_block
    # Read every child through its block, so the JSON is Wagtail's current form of it.
    raw = [child.get_prep_value() for child in article.body]
    problems = Problems()
    path = f"{article.url_path}body"
    body = swap_references(stream_block, raw, path, names.name, problems)
    problems.raise_if_any()
    return body


def field_values(instance, fields):
    values = {}
    for key, field in fields.items():
        value = getattr(instance, field)
        values[key] = value.isoformat() if isinstance(value, datetime.date) else value
    return values
