"""Topics in the admin: a snippet whose one form edits every language's columns."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from site_core.translation import language_columns

from .models import Topic
from .translation import TopicTranslationOptions, topic_edit_handler


class TopicViewSet(SnippetViewSet):
    """Topics: one form edits every language's name and description (modeltranslation)."""

    model = Topic
    icon = "tag"
    menu_order = 300
    add_to_admin_menu = True
    # `name` reads the admin user's language, falling back to English.
    list_display = ["name", "slug"]
    # Search every language's columns, not only the admin user's language.
    search_fields = ["slug", *language_columns(TopicTranslationOptions.fields)]
    edit_handler = topic_edit_handler()


register_snippet(TopicViewSet)
