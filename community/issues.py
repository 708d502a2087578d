"""Newsletter issues (docs/architecture.md, "Newsletter issues").

Drafting: publishing an interview in a language puts it in that language's draft issue (made
if there is none), unless an issue holds it already or it is an old interview published again;
`manage.py draft_newsletter_issues` does the same for everything published since each
language's last issue. Editors edit, preview and send the draft in the admin.

Sending: "Send" marks the issue as sending and queues `send_issue_task`. The task takes the
confirmed subscribers of the issue's language who have no `IssueDelivery` for it, a batch at a
time; for each, one transaction writes the delivery row and queues the email (with the
database task backend the email is a row too), so a worker that stops half-way loses or
repeats nobody: the task, queued again (the next batch does that itself, "Resume sending"
after a crash), carries on with the others. A subscriber who chose topics gets the issue's
interviews on those topics, and nothing if there are none."""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from articles.models import ArticlePage
from site_core.page_cache import tags

from . import newsletter
from .models import IssueDelivery, NewsletterIssue, Subscriber

logger = logging.getLogger(__name__)

BATCH = 200  # subscribers per run of the task


def archive_tag(language):
    """The page cache's tag for what a language's archive shows (its sent issues)."""
    return f"newsletter:{language}"


def absolute(url):
    return url if "://" in url else settings.SITE_BASE_URL.rstrip("/") + url


# --- Drafting ----------------------------------------------------------------------------


def last_sent_at(language):
    issue = (
        NewsletterIssue.objects.filter(language=language, sent_at__isnull=False)
        .order_by("-sent_at")
        .first()
    )
    return issue.sent_at if issue else None


def draft_for(language):
    """The language's draft issue: the oldest one, or a new one."""
    issue = (
        NewsletterIssue.objects.filter(language=language, status=NewsletterIssue.Status.DRAFT)
        .order_by("created_at", "pk")
        .first()
    )
    if issue is None:
        with translation.override(language):
            subject = _("New interviews on Parlance")
        issue = NewsletterIssue.objects.create(language=language, subject=subject)
    return issue


def in_an_issue():
    return NewsletterIssue.articles.through.objects.filter(articlepage_id=OuterRef("pk"))


def add_to_draft(page):
    """`page_published` receiver's work: the interview joins its language's draft issue when
    it is new (first published now, or since the language's last issue) and in no issue yet.
    Returns the issue, or None."""
    page = page.specific
    if not isinstance(page, ArticlePage) or page.first_published_at is None:
        return None
    language = page.locale.language_code
    since = last_sent_at(language)
    first_publication = page.first_published_at == page.last_published_at
    if not (first_publication or (since and page.first_published_at > since)):
        return None
    if ArticlePage.objects.filter(pk=page.pk).filter(Exists(in_an_issue())).exists():
        return None
    issue = draft_for(language)
    issue.articles.add(page)
    issue.save()
    return issue


def draft_all(languages=None, since=None):
    """Put every live interview published since the language's last issue (or `since`)
    and in no issue into the language's draft. Returns {language: interviews added}."""
    added = {}
    for language, _name in settings.LANGUAGES:
        if languages and language not in languages:
            continue
        cutoff = since or last_sent_at(language)
        articles = (
            ArticlePage.objects.live()
            .filter(locale__language_code=language)
            .exclude(Exists(in_an_issue()))
        )
        if cutoff:
            articles = articles.filter(first_published_at__gt=cutoff)
        articles = list(articles)
        if articles:
            issue = draft_for(language)
            issue.articles.add(*articles)
            issue.save()
        added[language] = len(articles)
    return added


def page_published(sender, instance, **kwargs):
    add_to_draft(instance)


# --- Rendering ---------------------------------------------------------------------------


def issue_context(issue, articles):
    return {
        "issue": issue,
        "articles": [
            {"title": a.title, "standfirst": a.standfirst, "url": absolute(a.get_url())}
            for a in articles
        ],
    }


def render_email(issue, articles, email):
    """The email's subject, text and HTML for one address, as `newsletter.send` makes it."""
    message = newsletter.build(email, issue.language, "issue", issue_context(issue, articles))
    html = next((content for content, kind in message.alternatives if kind == "text/html"), "")
    return {"subject": message.subject, "body": message.body, "html": html}


def for_subscriber(articles, subscriber):
    """The interviews a subscriber gets: all, or those on the topics they chose."""
    chosen = {topic.pk for topic in subscriber.topics.all()}
    if not chosen:
        return articles
    return [a for a in articles if chosen & {topic.pk for topic in a.topics.all()}]


# --- Sending -----------------------------------------------------------------------------


def recipients(issue):
    """Confirmed subscribers of the issue's language who have not had it."""
    had_it = IssueDelivery.objects.filter(issue=issue, subscriber=OuterRef("pk"))
    return (
        Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED, language=issue.language)
        .exclude(Exists(had_it))
        .order_by("pk")
    )


def expected_recipients(issue, articles):
    """How many of `recipients` will get an email: those with no topics, and those with a
    topic of one of `articles` (as `for_subscriber` decides, in one query)."""
    topics = {topic.pk for article in articles for topic in article.topics.all()}
    wanted = Q(topics__isnull=True) | Q(topics__in=topics)
    return recipients(issue).filter(wanted).distinct().count()


def start_sending(issue, user=None):
    """The editor's "Send": the issue goes out (or carries on going out) through the worker.
    False for an issue sent already."""
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if issue.status == NewsletterIssue.Status.SENT:
            return False
        if issue.status == NewsletterIssue.Status.DRAFT:
            issue.status = NewsletterIssue.Status.SENDING
            issue.sent_at = timezone.now()
            issue.sent_by = user
            issue.save(update_fields=["status", "sent_at", "sent_by"])
        send_issue_task.enqueue(issue.pk)
    return True


def send_batch(issue):
    """Send the issue to the next BATCH recipients. Returns (sent, whether others remain)."""
    articles = issue.live_articles()
    batch = list(recipients(issue).prefetch_related("topics")[: BATCH + 1])
    sent = 0
    for subscriber in batch[:BATCH]:
        chosen = for_subscriber(articles, subscriber)
        try:
            with transaction.atomic():
                IssueDelivery.objects.create(issue=issue, subscriber=subscriber, skipped=not chosen)
                if chosen:
                    newsletter.send(
                        subscriber.email, issue.language, "issue", issue_context(issue, chosen)
                    )
        except IntegrityError:  # another worker running this issue had them first
            continue
        sent += bool(chosen)
    return sent, len(batch) > BATCH


@task()
def send_issue_task(issue_id):
    """One batch of an issue being sent; queues itself again for the next batch."""
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status != NewsletterIssue.Status.SENDING:
        return {"sent": 0}
    sent, more = send_batch(issue)
    if more:
        send_issue_task.enqueue(issue_id)
    else:
        NewsletterIssue.objects.filter(pk=issue_id).update(status=NewsletterIssue.Status.SENT)
        logger.info("Newsletter issue %s sent", issue_id)
    return {"sent": sent, "more": more}


# --- The archive in the page cache -------------------------------------------------------


def shown_by_issue(issue):
    return {archive_tag(issue.language), tags.articles(issue.language)} | {
        tags.page(pk) for pk in issue.articles.values_list("pk", flat=True)
    }


def issue_changed(sender, instance, **kwargs):
    """A sent issue edited, or one going out: its language's archive changes."""
    from site_core.page_cache.signals import purge_on_commit

    if instance.sent_at is not None:
        purge_on_commit({archive_tag(instance.language)})


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published as published

    published.connect(page_published, dispatch_uid="community.newsletter_draft")
    post_save.connect(issue_changed, sender=NewsletterIssue, dispatch_uid="community.issue_saved")
    post_delete.connect(
        issue_changed, sender=NewsletterIssue, dispatch_uid="community.issue_deleted"
    )
