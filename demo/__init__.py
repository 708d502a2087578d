"""Parlance's demo magazine, loaded by `manage.py load_demo_content` (and so by `make run`).

Original sample content written for Parlance: invented people, two interviews with their
translations, topics, generated pictures and a small committed video, and local demo accounts.
Content is Python data (`content/`, `people.py`, `topics.py`), written once in every language
it exists in (`text.T`); the builder (`loader.py`) creates what is missing, keyed by slugs,
titles and usernames, so running it again changes nothing. Translations go through
wagtail-localize and the review workflows like a translator's and a reviewer's work
(`translations.py`). Never loaded in production: see `loader.refuse_unless_allowed`.
"""
