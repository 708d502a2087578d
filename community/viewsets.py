"""The community in Wagtail's admin: comments to moderate (filters, bulk approve / reject /
spam) and newsletter subscribers (filters, CSV export). Both are snippets, so they get
Wagtail's bulk action bar."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Comment, Subscriber


class CommentFilterSet(WagtailFilterSet):
    language = django_filters.ModelChoiceFilter(
        label=_("Language"), field_name="page__locale", queryset=Locale.objects.all()
    )

    class Meta:
        model = Comment
        fields = ["status", "language"]


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    add_to_admin_menu = False
    list_display = [
        "name",
        Column("text", label=_("Comment")),
        "page",
        Column("language", label=_("Language"), accessor="page.locale"),
        "status",
        "created_at",
    ]
    filterset_class = CommentFilterSet
    search_fields = ["name", "text", "email"]
    ordering = ["-created_at"]
    list_per_page = 50
    # Readers write comments; editors moderate them (status) or correct them.
    panels = ["status", "name", "email", "text"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Comment.objects.select_related("page", "page__locale")


class SubscriberFilterSet(WagtailFilterSet):
    class Meta:
        model = Subscriber
        fields = ["status", "language"]


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Newsletter subscribers")
    list_display = ["email", "language", "status", "created_at", "confirmed_at"]
    filterset_class = SubscriberFilterSet
    list_export = ["email", "language", "status", "topic_names", "created_at", "confirmed_at"]
    export_headings = {"topic_names": _("Topics")}
    export_filename = "newsletter-subscribers"
    search_fields = ["email"]
    panels = ["email", "language", "topics", "status"]

    def get_queryset(self, request):
        return Subscriber.objects.prefetch_related("topics")


class CommunityViewSetGroup(SnippetViewSetGroup):
    items = (CommentViewSet, SubscriberViewSet)
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 250
