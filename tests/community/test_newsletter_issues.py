"""Newsletter issues end to end, through a real SMTP server (tests/smtp.py): an interview
published in French drafts the French issue; an editor previews and sends it in the admin;
the worker mails each confirmed French subscriber once, in French, with a one-click
unsubscribe; the archive lists it."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from community import issues
from community.models import IssueDelivery, NewsletterIssue, Subscriber
from taxonomy.models import Topic
from tests import factories
from tests.smtp import run_worker

ISSUE_TASK = "community.issues.send_issue_task"


def subscriber(email, language, status=Subscriber.Status.CONFIRMED, topics=()):
    row = Subscriber.objects.create(email=email, language=language, status=status)
    row.topics.set(topics)
    return row


def admin_url(name, *args):
    return reverse(NewsletterIssue.snippet_viewset.get_url_name(name), args=args)


def reader_url(name, language, **kwargs):
    with translation.override(language):
        return reverse(f"community:{name}", kwargs=kwargs)


def text_of(message):
    return message.get_body(("plain",)).get_content()


def html_of(message):
    return BeautifulSoup(message.get_body(("html",)).get_content(), "html.parser")


def issue_form(issue, **changes):
    data = {
        "language": issue.language,
        "subject": issue.subject,
        "introduction": issue.introduction,
        "articles": [article.pk for article in issue.articles.all()],
    }
    return {**data, **changes}


@pytest.fixture
def french_article(home_pages, locales):
    english = factories.make_article("On rivers", standfirst="Water and cities.")
    return factories.translation_of(
        english, locales["fr"], title="Sur les rivières", standfirst="L'eau et les villes."
    )


@pytest.fixture
def editor(db):
    return factories.make_user("eda", "Editors")


@pytest.mark.django_db(transaction=True)
def test_publish_in_french_preview_send_receive_unsubscribe_archive(
    client, locales, production_mail, editor
):
    rivers = Topic.objects.create(name="Rivers", slug="rivers")
    cities = Topic.objects.create(name="Cities", slug="cities")
    subscriber("amelie@example.com", "fr")
    subscriber("bruno@example.com", "fr", topics=[rivers])
    subscriber("chloe@example.com", "fr", topics=[cities])  # not on this interview's topics
    subscriber("pending@example.com", "fr", status=Subscriber.Status.PENDING)
    subscriber("gone@example.com", "fr", status=Subscriber.Status.UNSUBSCRIBED)
    subscriber("ida@example.com", "it")

    # Publishing an interview in French drafts the French issue with it.
    english = factories.make_article("On rivers", standfirst="Water and cities.", topics=[rivers])
    french = factories.translation_of(
        english, locales["fr"], title="Sur les rivières", standfirst="L'eau et les villes."
    )
    issue = NewsletterIssue.objects.get(language="fr")
    assert issue.status == NewsletterIssue.Status.DRAFT
    assert list(issue.articles.all()) == [french.page_ptr.specific]
    assert issue.subject == "Nouveaux entretiens sur Parlance"
    assert NewsletterIssue.objects.get(language="en").articles.get().pk == english.pk

    client.force_login(editor)
    # The dashboard tells the editor a French issue waits; the editor edits it…
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "2 newsletter issues waiting to be sent" in dashboard.text
    assert admin_url("edit", issue.pk) in dashboard.text
    edit = client.get(admin_url("edit", issue.pk))
    assert edit.status_code == 200
    assert admin_url("send", issue.pk) in edit.text
    data = issue_form(issue, subject="Au fil de l'eau", introduction="Bonjour à tous.")
    assert client.post(admin_url("edit", issue.pk), data).status_code == 302
    # …previews the web version and the email (in French, whatever the admin's language)…
    preview = client.post(admin_url("preview_on_edit", issue.pk), data)
    assert preview.json()["is_valid"]
    web = client.get(admin_url("preview_on_edit", issue.pk))
    assert web.status_code == 200
    assert 'lang="fr"' in web.text and "Sur les rivières" in web.text
    assert "Bonjour à tous." in web.text
    mail_preview = client.get(admin_url("preview_on_edit", issue.pk), {"mode": "email"})
    assert "Au fil de l&#x27;eau" in mail_preview.text
    assert "Pour vous désabonner" in mail_preview.text
    framed = BeautifulSoup(mail_preview.text, "html.parser").find("iframe")["srcdoc"]
    assert '<html lang="fr" dir="ltr">' in framed and "Bonjour à tous." in framed

    # …confirms and sends: the request only queues the work.
    confirm = client.get(admin_url("send", issue.pk))
    assert confirm.status_code == 200
    assert "2 confirmed subscribers" in confirm.text  # not Chloé: not her topics
    response = client.post(admin_url("send", issue.pk))
    assert response.status_code == 302
    assert production_mail.messages == []
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENDING
    assert issue.sent_by == editor

    run_worker()  # the issue's task, then the emails it queued
    run_worker()

    received = {tuple(rcpt): message for rcpt, message in production_mail.messages}
    assert sorted(received) == [("amelie@example.com",), ("bruno@example.com",)]
    assert len(production_mail.messages) == 2
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT
    assert IssueDelivery.objects.get(subscriber__email="chloe@example.com").skipped
    message = received[("amelie@example.com",)]
    assert message["Subject"] == "Au fil de l'eau"
    assert message["Content-Language"] == "fr"
    body = text_of(message)
    assert "Bonjour à tous." in body
    assert "Sur les rivières" in body
    assert f"http://testserver{french.url}" in body
    assert "Pour vous désabonner" in body
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header_link = message["List-Unsubscribe"].strip()[1:-1]
    assert header_link in body
    assert header_link.startswith("http://testserver/fr/community/newsletter/unsubscribe/")
    # The HTML alternative says the same, in French, with the same unsubscribe link.
    assert message.get_content_type() == "multipart/alternative"
    html = html_of(message)
    assert (html.html["lang"], html.html["dir"]) == ("fr", "ltr")
    assert html.find("a", string="Sur les rivières")["href"] == f"http://testserver{french.url}"
    assert html.find("a", string="Se désabonner")["href"] == header_link

    # Sending again sends nothing: the issue has gone, and nobody gets it twice.
    assert client.post(admin_url("send", issue.pk)).status_code == 302
    issues.send_issue_task.enqueue(issue.pk)
    run_worker()
    assert len(production_mail.messages) == 2

    # The link in the email unsubscribes (a button, then the POST a mail client also makes).
    path = header_link.removeprefix("http://testserver")
    client.logout()
    assert client.get(path).status_code == 200
    assert Subscriber.objects.get(email="amelie@example.com").status == "confirmed"
    assert "Désabonnement effectué" in client.post(path).text
    assert Subscriber.objects.get(email="amelie@example.com").status == "unsubscribed"

    # The French archive lists the issue; its web version lists the interview.
    archive_url = reader_url("newsletter_archive", "fr")
    assert archive_url in client.get(reader_url("newsletter", "fr")).text  # found from sign-up
    archive = client.get(archive_url)
    assert archive.status_code == 200
    assert "Au fil de l&#x27;eau" in archive.text
    page = client.get(reader_url("newsletter_issue", "fr", issue_id=issue.pk))
    assert "Sur les rivières" in page.text
    assert "Au fil de l&#x27;eau" not in client.get(reader_url("newsletter_archive", "it")).text
    assert client.get(reader_url("newsletter_issue", "it", issue_id=issue.pk)).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_an_arabic_issue_is_text_and_right_to_left_html_with_the_same_unsubscribe_link(
    client, home_pages, locales, production_mail, editor
):
    """Received by the SMTP server and parsed: multipart/alternative, text then HTML; the HTML
    in Arabic, right to left (on <html> and on the wrapper some mail clients keep alone), a
    heading per interview linking to it, and the unsubscribe link of the headers."""
    subscriber("layla@example.com", "ar")
    english = factories.make_article("On rivers", standfirst="Water and cities.")
    arabic = factories.translation_of(
        english, locales["ar"], title="عن الأنهار", standfirst="الماء والمدن."
    )
    issue = NewsletterIssue.objects.get(language="ar")
    client.force_login(editor)
    data = issue_form(issue, introduction="أهلًا بكم.\n\nإليكم الجديد.")
    assert client.post(admin_url("edit", issue.pk), data).status_code == 302
    run_worker()  # what publishing the interview queued
    client.post(admin_url("send", issue.pk))
    run_worker()
    run_worker()

    ((recipients, message),) = production_mail.messages
    assert recipients == ["layla@example.com"]
    assert message["Content-Language"] == "ar"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header_link = message["List-Unsubscribe"].strip()[1:-1]
    assert header_link.startswith("http://testserver/ar/community/newsletter/unsubscribe/")
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]  # the last is the one clients prefer
    text = text_of(message)
    assert "عن الأنهار" in text and header_link in text

    html = html_of(message)
    subject = message["Subject"]
    assert (html.html["lang"], html.html["dir"]) == ("ar", "rtl")
    wrapper = html.select_one('[role="article"]')
    assert (wrapper["lang"], wrapper["dir"], wrapper["aria-label"]) == ("ar", "rtl", subject)
    assert html.title.get_text() == html.h1.get_text() == subject
    assert [p.get_text() for p in wrapper.find_all("p")][:2] == ["أهلًا بكم.", "إليكم الجديد."]
    (heading,) = html.find_all("h2")
    assert heading.a.get_text() == "عن الأنهار"
    assert heading.a["href"] == f"http://testserver{arabic.url}"
    assert "الماء والمدن." in html.get_text()
    with translation.override("ar"):
        unsubscribe = translation.gettext("Unsubscribe")
    assert unsubscribe != "Unsubscribe"
    assert html.find("a", string=unsubscribe)["href"] == header_link
    assert "النشرة البريدية" in html.get_text()  # why they receive it, in Arabic

    # The link works from the HTML part as from the headers.
    client.logout()
    assert client.post(header_link.removeprefix("http://testserver")).status_code == 200
    assert Subscriber.objects.get(email="layla@example.com").status == "unsubscribed"


@pytest.mark.django_db(transaction=True)
def test_a_send_that_stopped_half_way_resumes_without_repeating_anyone(
    client, production_mail, french_article, editor, monkeypatch
):
    for name in ("a", "b", "c", "d"):
        subscriber(f"{name}@example.com", "fr")
    issue = NewsletterIssue.objects.get(language="fr")
    monkeypatch.setattr(issues, "BATCH", 1)  # one subscriber per run of the task

    run_worker()  # what publishing the interview queued
    client.force_login(editor)
    client.post(admin_url("send", issue.pk))
    # The worker stops after the issue's first task: one delivery and its email are queued.
    issue_tasks = DBTaskResult.objects.filter(task_path=ISSUE_TASK)
    while not issue_tasks.successful().exists():
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, max_tasks=1, verbosity=0
        )
    assert IssueDelivery.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path=ISSUE_TASK, status="READY").count() == 1
    assert production_mail.messages == []

    # An editor resumes it (the button says so) while the next batch is queued too.
    assert "Resume sending" in client.get(admin_url("edit", issue.pk)).text
    client.post(admin_url("send", issue.pk))
    run_worker()
    run_worker()

    recipients = sorted(rcpt[0] for rcpt, _message in production_mail.messages)
    assert recipients == ["a@example.com", "b@example.com", "c@example.com", "d@example.com"]
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT


@pytest.mark.django_db
def test_only_those_allowed_to_send_see_the_button_or_reach_the_send_view(client, french_article):
    issue = NewsletterIssue.objects.get(language="fr")
    writers = Group.objects.create(name="Issue writers")
    writers.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=["view_newsletterissue", "change_newsletterissue"]),
    )
    client.force_login(factories.make_user("wes", "Issue writers"))

    edit = client.get(admin_url("edit", issue.pk))
    assert edit.status_code == 200
    assert admin_url("send", issue.pk) not in edit.text
    assert "waiting to be sent" not in client.get(reverse("wagtailadmin_home")).text
    # Wagtail answers a refusal by sending the user to the dashboard with a message.
    for response in (
        client.get(admin_url("send", issue.pk)),
        client.post(admin_url("send", issue.pk)),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.DRAFT
    assert (
        Group.objects.get(name="Editors")
        .permissions.filter(codename="send_newsletterissue")
        .exists()
    )


@pytest.mark.django_db
def test_an_issue_cannot_hold_interviews_of_another_language(client, french_article, editor):
    issue = NewsletterIssue.objects.get(language="fr")
    english = NewsletterIssue.objects.get(language="en").articles.get()
    client.force_login(editor)

    response = client.post(
        admin_url("edit", issue.pk),
        issue_form(issue, articles=[french_article.pk, english.pk]),
    )

    assert response.status_code == 200  # the form again, with the error
    assert list(issue.articles.all()) == [french_article.page_ptr.specific]


@pytest.mark.django_db
def test_an_issue_with_no_live_interview_is_not_sent(client, french_article, editor):
    issue = NewsletterIssue.objects.get(language="fr")
    french_article.unpublish()
    client.force_login(editor)

    response = client.post(admin_url("send", issue.pk))

    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.DRAFT


@pytest.mark.django_db
def test_drafting_takes_each_new_interview_once(home_pages, locales):
    article = factories.make_article("First")
    draft = NewsletterIssue.objects.get(language="en")
    factories.publish(article)  # published again: still once
    assert list(draft.articles.all()) == [article.page_ptr.specific]

    # Once the issue has gone, an old interview published again joins no issue; a new one
    # starts the next draft.
    NewsletterIssue.objects.filter(pk=draft.pk).update(
        status=NewsletterIssue.Status.SENT, sent_at=article.first_published_at
    )
    factories.publish(article)
    assert NewsletterIssue.objects.filter(status="draft").count() == 0
    second = factories.make_article("Second")
    assert list(NewsletterIssue.objects.get(status="draft").articles.all()) == [
        second.page_ptr.specific
    ]


@pytest.mark.django_db
def test_the_command_drafts_what_was_published_since_the_last_issue(home_pages, locales):
    first = factories.make_article("First")
    NewsletterIssue.objects.all().delete()  # as before the newsletter existed

    call_command("draft_newsletter_issues", "--language", "en", stdout=None)

    assert list(NewsletterIssue.objects.get(language="en").articles.all()) == [
        first.page_ptr.specific
    ]
    call_command("draft_newsletter_issues", "--language", "en")
    assert NewsletterIssue.objects.get(language="en").articles.count() == 1


@pytest.mark.django_db
def test_the_archive_is_cached_until_an_issue_goes_out(
    client, settings, french_article, editor, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    url = reader_url("newsletter_archive", "fr")
    assert "Nouveaux entretiens" not in client.get(url).text
    assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        issues.start_sending(NewsletterIssue.objects.get(language="fr"), editor)

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nouveaux entretiens sur Parlance" in response.text
    # The issue's page is cached too, and purged when its interview changes.
    issue_url = reader_url(
        "newsletter_issue", "fr", issue_id=NewsletterIssue.objects.get(language="fr").pk
    )
    client.get(issue_url)
    assert client.get(issue_url)["X-Page-Cache"] == "hit"
    french_article.title = "Le long des rivières"
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(french_article)
    response = client.get(issue_url)
    assert response["X-Page-Cache"] == "miss"
    assert "Le long des rivières" in response.text


def test_unsubscribe_link_is_in_every_issue_email_template():
    from django.template.loader import get_template

    source = get_template("community/emails/issue_body.txt").template.source
    assert re.search(r"{{\s*unsubscribe_url\s*}}", source)


@pytest.mark.django_db
def test_sending_costs_a_fixed_number_of_queries_per_subscriber(
    french_article, locales, django_assert_max_num_queries, mailoutbox
):
    """Whatever the number of interviews and topics: one batch's queries grow by a constant
    per subscriber (the delivery row in its savepoint), not with what each one chose."""
    rivers = Topic.objects.create(name="Rivers", slug="rivers")
    issue = NewsletterIssue.objects.get(language="fr")
    second = factories.translation_of(
        factories.make_article("On bridges", topics=[rivers]), locales["fr"], title="Des ponts"
    )
    assert issue.articles.count() == 2 and second in issue.articles.all()
    issue.status = NewsletterIssue.Status.SENDING
    issue.save()

    def cost():
        IssueDelivery.objects.all().delete()
        mailoutbox.clear()
        with CaptureQueriesContext(connection) as queries:
            sent, more = issues.send_batch(issue)
        assert not more and sent == len(mailoutbox) == Subscriber.objects.count()
        return len(queries)

    for n in range(2):
        subscriber(f"{n}@example.com", "fr", topics=[rivers] if n % 2 else [])
    cost()  # once first: the sites' root paths are cached for the rest of a run
    small = cost()
    for n in range(2, 8):
        subscriber(f"{n}@example.com", "fr", topics=[rivers] if n % 2 else [])
    large = cost()

    per_subscriber = (large - small) / 6
    assert per_subscriber == 3  # savepoint, delivery row, release (+ the email's task row)
    # The issue's interviews (2 queries) and their topics, the recipients and their topics.
    assert small - 2 * per_subscriber == 5


@pytest.mark.django_db
def test_an_editor_lists_writes_and_previews_an_issue_by_hand(client, french_article, editor):
    client.force_login(editor)
    listing = client.get(admin_url("list"))
    assert listing.status_code == 200
    assert "Nouveaux entretiens sur Parlance" in listing.text

    data = {
        "language": "fr",
        "subject": "Spécial rivières",
        "introduction": "",
        "articles": [french_article.pk],
    }
    preview = client.post(
        reverse(NewsletterIssue.snippet_viewset.get_url_name("preview_on_add")), data
    )
    assert preview.json()["is_valid"]
    shown = client.get(reverse(NewsletterIssue.snippet_viewset.get_url_name("preview_on_add")))
    assert "Sur les rivières" in shown.text and "Spécial rivières" in shown.text

    assert client.post(admin_url("add"), data).status_code == 302
    issue = NewsletterIssue.objects.get(subject="Spécial rivières")
    assert issue.status == NewsletterIssue.Status.DRAFT
    assert list(issue.articles.all()) == [french_article.page_ptr.specific]
