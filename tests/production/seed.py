"""The content the gunicorn processes serve, built in their own database by a subprocess
(`python -m tests.production.seed`, with their environment): an article, an editor who may
publish it, and the article's admin edit form as the editor's browser would post it.
Prints one line of JSON for tests/production/conftest.py."""

import json
import sys

import django

EDITOR_PASSWORD = "password"  # factories.make_user's


def main():
    django.setup()
    from tests import factories
    from tests.admin_forms import article_edit_form_data

    editor = factories.make_user("editor", "Moderators")  # Wagtail's group that may publish
    article = factories.make_article("Before the purge", body=[factories.paragraph("Words.")])
    facts = {
        "editor": {"username": editor.username, "password": EDITOR_PASSWORD},
        "article": {"id": article.pk, "url": article.url, "title": article.title},
        "edit_form": article_edit_form_data(article),
    }
    sys.stdout.write(json.dumps(facts) + "\n")


if __name__ == "__main__":
    main()
