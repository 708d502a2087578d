"""The community in Wagtail's admin: comments to moderate (filters, bulk approve / reject /
spam) and newsletter subscribers (filters, CSV export). Both are snippets, so they get
Wagtail's bulk action bar."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from articles.models import ArticlePage

from . import issues
from .models import Comment, NewsletterIssue, Subscriber

SEND_PERMISSION = "community.send_newsletterissue"


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


class NewsletterIssueForm(WagtailAdminModelForm):
    """The interviews to choose from are the live ones of the issue's language, newest first;
    an issue that went out keeps its language and interviews (the archive shows them)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        articles = ArticlePage.objects.live().select_related("locale")
        if self.instance.pk:
            articles = articles.filter(locale__language_code=self.instance.language)
        self.fields["articles"].queryset = articles.order_by("-first_published_at", "pk")
        if self.instance.is_sent:
            for name in ("language", "articles"):
                self.fields[name].disabled = True

    def clean(self):
        cleaned_data = super().clean()
        language = cleaned_data.get("language")
        others = [
            article
            for article in cleaned_data.get("articles") or ()
            if article.locale.language_code != language
        ]
        if language and others:
            self.add_error(
                "articles",
                gettext("These interviews are not in the issue's language: %(titles)s")
                % {"titles": ", ".join(article.title for article in others)},
            )
        return cleaned_data


class NewsletterIssueEditView(EditView):
    send_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.status != NewsletterIssue.Status.SENT and self.request.user.has_perm(
            SEND_PERMISSION
        ):
            label = (
                _("Resume sending…")
                if self.object.status == NewsletterIssue.Status.SENDING
                else _("Send…")
            )
            url = reverse(self.send_url_name, args=(self.object.pk,))
            buttons.append(Button(label, url=url, icon_name="mail", priority=5))
        return buttons


class SendIssueView(WagtailAdminTemplateMixin, TemplateView):
    """ "Send": a confirmation (how many subscribers, how many interviews), then the issue
    goes to the task worker (community/issues.py). Only users with the send permission
    (Editors) get here."""

    template_name = "community/admin/confirm_send_issue.html"
    page_title = _("Send newsletter issue")
    header_icon = "mail"
    send_url_name = None
    edit_url_name = None
    index_url_name = None

    def dispatch(self, request, pk):
        if not request.user.has_perm(SEND_PERMISSION):
            raise PermissionDenied
        self.issue = get_object_or_404(NewsletterIssue, pk=pk)
        self.edit_url = reverse(self.edit_url_name, args=(pk,))
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.issue.subject

    def refusal(self):
        if self.issue.status == NewsletterIssue.Status.SENT:
            return gettext("This issue has been sent already.")
        if not self.issue.live_articles():
            return gettext("This issue lists no live interview: there is nothing to send.")
        return None

    def get(self, request, pk):
        if refusal := self.refusal():
            messages.error(request, refusal)
            return redirect(self.edit_url)
        return super().get(request, pk)

    def get_context_data(self, **kwargs):
        articles = self.issue.live_articles()
        return {
            **super().get_context_data(**kwargs),
            "issue": self.issue,
            "recipients": issues.expected_recipients(self.issue, articles),
            "articles": articles,
            "send_url": reverse(self.send_url_name, args=(self.issue.pk,)),
            "edit_url": self.edit_url,
        }

    def post(self, request, pk):
        if (refusal := self.refusal()) or not issues.start_sending(self.issue, request.user):
            messages.error(request, refusal or gettext("This issue has been sent already."))
            return redirect(self.edit_url)
        messages.success(
            request,
            gettext("“%(subject)s” is being sent to its subscribers.")
            % {"subject": self.issue.subject},
        )
        return redirect(self.index_url_name)


class NewsletterIssueFilterSet(WagtailFilterSet):
    class Meta:
        model = NewsletterIssue
        fields = ["language", "status"]


class NewsletterIssueViewSet(SnippetViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = _("Newsletter issues")
    list_display = ["subject", "language", "status", "created_at", "sent_at"]
    filterset_class = NewsletterIssueFilterSet
    search_fields = ["subject"]
    edit_view_class = NewsletterIssueEditView
    send_view_class = SendIssueView
    edit_handler = ObjectList(
        [
            FieldPanel("language"),
            FieldPanel("subject"),
            FieldPanel("introduction"),
            FieldPanel("articles", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=NewsletterIssueForm,
    )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(send_url_name=self.get_url_name("send"), **kwargs)

    @property
    def send_view(self):
        return self.send_view_class.as_view(
            send_url_name=self.get_url_name("send"),
            edit_url_name=self.get_url_name("edit"),
            index_url_name=self.get_url_name("list"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send/<int:pk>/", self.send_view, name="send"),
        ]


class CommunityViewSetGroup(SnippetViewSetGroup):
    items = (CommentViewSet, SubscriberViewSet, NewsletterIssueViewSet)
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 250
