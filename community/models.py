from django.conf import settings
from django.db import models
from django.db.models import Count, Exists
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import PreviewableMixin

NAME_MAX = 80
TEXT_MAX = 3000


class Subscriber(models.Model):
    """A newsletter reader: one row per address, whatever the number of sign-ups."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    topics = models.ManyToManyField(
        "taxonomy.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def topic_names(self):
        return ", ".join(topic.name for topic in self.topics.all())


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def counts_for(self, page_ids):
        """{article id: approved comments (replies included)}, in one grouped query."""
        rows = (
            self.approved()
            .filter(page_id__in=page_ids)
            .values("page_id")
            .annotate(count=Count("pk"))
            .values_list("page_id", "count")
        )
        return dict(rows)


class Comment(models.Model):
    """A reader's comment under an article page: the page is in one language, so comments
    are per language. Replies (`parent`) are one level deep."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    page = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    email = models.EmailField(_("email address"), blank=True)
    # SHA-256 of the random token in the commenter's signed cookie (`community.commenter`):
    # the proof that two comments came from the same browser.
    commenter = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    text = models.TextField(_("comment"), max_length=TEXT_MAX)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "status", "created_at"])]

    def __str__(self):
        excerpt = self.text if len(self.text) <= 60 else f"{self.text[:59]}…"
        return f"{self.name}: {excerpt}"

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    @classmethod
    def trusted(cls, commenter):
        """Was a comment from this commenter (their fingerprint, community/commenter.py)
        approved before, and has no moderator revoked their trust since? One query."""
        if not commenter:
            return False
        revoked = RevokedCommenter.objects.filter(commenter=commenter)
        return cls.objects.approved().filter(commenter=commenter).exclude(Exists(revoked)).exists()


class RevokedCommenter(models.Model):
    """A commenter whose comments wait for moderation again, whatever was approved before:
    their fingerprint (see Comment.commenter), revoked by a moderator."""

    commenter = models.CharField(max_length=64, unique=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("revoked commenter")
        verbose_name_plural = _("revoked commenters")

    def __str__(self):
        return self.commenter[:12]


class NewsletterIssue(PreviewableMixin, ClusterableModel):
    """One language's newsletter: a digest of the interviews published in that language since
    the previous issue. Drafted by `community/issues.py` when an interview is published (or by
    `manage.py draft_newsletter_issues`), edited and previewed by editors, sent by the task
    worker (one `IssueDelivery` per subscriber: never twice), then listed in the archive."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A few words above the list of interviews.")
    )
    articles = ParentalManyToManyField(
        "articles.ArticlePage",
        verbose_name=_("interviews"),
        blank=True,
        related_name="newsletter_issues",
        help_text=_("Only those live when the issue is sent are listed."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]
        permissions = [("send_newsletterissue", _("Can send newsletter issues"))]
        indexes = [models.Index(fields=["language", "status", "sent_at"])]

    def __str__(self):
        return self.subject

    @property
    def is_sent(self):
        return self.status != self.Status.DRAFT

    def live_articles(self):
        """The issue's interviews a reader can open, newest first."""
        from articles.models import ArticlePage

        # A preview's issue holds the form's choice in memory (django-modelcluster), so
        # read the ids rather than filter the relation.
        chosen = [article.pk for article in self.articles.all()]
        return list(
            ArticlePage.objects.live()
            .filter(pk__in=chosen, locale__language_code=self.language)
            .order_by("-first_published_at", "pk")
            .prefetch_related("topics")
        )

    # Wagtail's preview: the web version (as in the archive) and the email's text.
    @property
    def preview_modes(self):
        return [("", _("Web version")), ("email", _("Email"))]

    def get_preview_template(self, request, mode_name):
        if mode_name == "email":
            return "community/newsletter_issue_email_preview.html"
        return "community/newsletter_issue.html"

    def serve_preview(self, request, mode_name):
        from django.utils import translation

        with translation.override(self.language):  # in the readers' language, not the admin's
            response = super().serve_preview(request, mode_name)
            return response.render() if hasattr(response, "render") else response

    def get_preview_context(self, request, mode_name):
        from . import issues

        context = super().get_preview_context(request, mode_name)
        context.update(issues.issue_context(self, self.live_articles()))
        if mode_name == "email":
            context["email"] = issues.render_email(self, self.live_articles(), "reader@example.org")
        return context


class IssueDelivery(models.Model):
    """An issue sent to a subscriber: written in the transaction that queues the email, so
    a send that stops half-way resumes with the others, and nobody gets an issue twice."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    queued_at = models.DateTimeField(auto_now_add=True)
    # None of the issue's interviews is on the subscriber's topics: nothing was sent.
    skipped = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_issue")
        ]

    def __str__(self):
        return f"{self.issue_id} → {self.subscriber_id}"
