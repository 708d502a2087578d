from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import page_cache
from .models import Topic
from .translation import TopicTranslationOptions, language_columns, topic_edit_handler


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


# --- Page cache (page_cache/): every page served to readers, and its caption and transcript
# files, may be cached. Runs after Wagtail's before_serve_page checks (order 0). Wagtail 8's
# privacy check is an on_serve_page hook that runs after every before_serve_page hook, so a
# restricted page opts in too; `dependencies.shown_by_page` refuses it (and its password form
# or login redirect is never a storable 200).
@hooks.register("before_serve_page", order=100)
def offer_page_to_page_cache(page, request, serve_args, serve_kwargs):
    page_cache.opt_in_page(request, page)
