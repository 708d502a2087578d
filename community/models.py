from django.conf import settings
from django.db import models
from django.db.models import Count, Exists
from django.utils.translation import gettext_lazy as _

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
        "site_core.Topic", verbose_name=_("topics"), blank=True, related_name="+"
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
