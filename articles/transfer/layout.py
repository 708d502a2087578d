"""The file format: its name and version, and the keys of each record in the order export
writes them. docs/content-format.md describes each key."""

FORMAT = "parlance.articles"
VERSION = 1

DOCUMENT_KEYS = ("format", "version", "locale", "topics", "people", "articles")
TOPIC_KEYS = ("slug", "name")

# Keys copied from and to a model field of their own (file key: model field).
PERSON_FIELDS = {
    "slug": "slug",
    "name": "title",
    "roles": "roles",
    "birth_year": "birth_year",
    "short_bio": "short_bio",
    "full_bio": "full_bio",
}
PERSON_KEYS = (*PERSON_FIELDS, "photo", "links")
LINK_KEYS = ("label", "url")

ARTICLE_FIELDS = {
    "slug": "slug",
    "title": "title",
    "standfirst": "standfirst",
    "hero_alt_text": "hero_alt_text",
    "hero_caption": "hero_caption",
    "hero_credit": "hero_credit",
    "original_publication_date": "original_publication_date",
    "last_updated": "last_updated",
    "canonical_url": "canonical_url",
    "credits": "credits",
}
ARTICLE_KEYS = (
    "slug",
    "title",
    "standfirst",
    "hero_image",
    "hero_alt_text",
    "hero_caption",
    "hero_credit",
    "original_publication_date",
    "last_updated",
    "canonical_url",
    "credits",
    "topics",
    "people",
    "body",
)
# Keys added to the format after files were written: a file may leave them out (an existing
# article keeps its value; a new one gets this).
ARTICLE_DEFAULTS = {"hero_alt_text": ""}
ROLE_KEYS = ("person", "role")


def file_keys(fields):
    """{model field: file key}, to report a model's errors at the file's own key."""
    return {field: key for key, field in fields.items()}
