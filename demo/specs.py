"""The shape of demo content: people and articles as data, and the state each translation is
left in (what the translation dashboard then shows)."""

import datetime
from dataclasses import dataclass, field

from .text import T

# How far each translation goes (translations.py): strings entered and a draft saved;
# submitted to the language's review workflow; approved by a reviewer, and so published.
IN_PROGRESS, IN_REVIEW, PUBLISHED = "in_progress", "in_review", "published"


@dataclass(frozen=True)
class Person:
    slug: str
    name: T
    birth_year: int
    roles: T
    short_bio: T
    full_bio: T  # rich text: one or more paragraphs
    states: dict = field(default_factory=dict)  # {language code: translation state}


@dataclass(frozen=True)
class Article:
    slug: str
    title: T
    standfirst: T
    hero_image: str  # a key of images.DEMO_IMAGES
    hero_caption: T
    hero_credit: T
    credits: T  # rich text
    original_publication_date: datetime.date
    last_updated: datetime.date | None
    topics: tuple  # topic slugs
    people: tuple  # (person slug, ArticlePersonRole.Role value)
    body: tuple  # blocks.py nodes
    hero_alt_text: T = T("")  # what the hero image shows, for readers who cannot see it
    states: dict = field(default_factory=dict)
