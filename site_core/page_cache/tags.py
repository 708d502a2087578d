"""The dependency tags of cached responses: the one vocabulary for what a response shows
(`dependencies.shown_by_page` and each page type's `page_cache_shown`, the views' tags) and
what a change purges (`dependencies.affected_by_page_change` and each page type's
`page_cache_affected`, models registered with `signals.watch`).

Languages are language codes (`it`), the reader's language in the URL."""

SITE = "site"  # every cached response: purged by `manage.py purge_page_cache`
SITEMAP = "sitemap"  # every live page's address, in every language
TOPICS = "topics"  # the list of topics, with their names (listings, feeds)


def page(pk):
    """The page's own content and address."""
    return f"page:{pk}"


def versions(translation_key):
    """Which languages a page is live in (language switcher, hreflang links)."""
    return f"versions:{translation_key}"


def articles(language):
    """Which articles are live in a language, and their order (home, listings, feeds)."""
    return f"articles:{language}"


def navigation(language):
    """The sections in the header of every page of a language: their titles and addresses."""
    return f"navigation:{language}"


def people(language):
    """Everyone's name, roles, photo and short bio in a language (the people index, feeds)."""
    return f"people:{language}"


def person(translation_key, language):
    """One person's bio as shown in a language: their version in that language."""
    return f"person:{translation_key}:{language}"


def featuring(translation_key, language):
    """Which articles of a language feature a person (their bio page's list)."""
    return f"featuring:{translation_key}:{language}"


def topic(pk):
    return f"topic:{pk}"
