"""Double opt-in: a sign-up sends a signed confirmation link carrying the reader's choices;
only following it subscribes (or changes the choices of) the address. Nothing leaves the
site except the emails, sent through Django's email backend."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from taxonomy.models import Topic

from . import conf, guards
from .models import Subscriber

CONFIRM_SALT = "community.newsletter-confirm"
UNSUBSCRIBE_SALT = "community.newsletter-unsubscribe"


def absolute_url(name, language, **kwargs):
    with translation.override(language):
        path = reverse(name, kwargs=kwargs)
    return settings.SITE_BASE_URL.rstrip("/") + path


def confirmation_token(email, language, topic_ids):
    return signing.dumps(
        {"email": email, "language": language, "topics": sorted(topic_ids)},
        salt=CONFIRM_SALT,
        compress=True,
    )


def read_confirmation(token):
    """The sign-up's choices, or None for a bad or expired link."""
    try:
        return signing.loads(
            token, salt=CONFIRM_SALT, max_age=conf.get("COMMUNITY_CONFIRMATION_MAX_AGE")
        )
    except signing.BadSignature:  # SignatureExpired is one too
        return None


def unsubscribe_token(email):
    return signing.dumps(email, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe(token):
    """The address, or None; unsubscribe links never expire."""
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def sign_up(email, language, topics):
    """Record a sign-up (never a second row for an address) and send the confirmation link,
    at most COMMUNITY_CONFIRMATIONS_PER_ADDRESS times per window whoever asks. An address
    already confirmed is left as it is and never mailed: anyone can type it, so a sign-up
    form must not be a way to flood a subscriber's mailbox. The reader is shown the same
    page either way, so the form tells no one who subscribes. (A subscriber changes topics
    by unsubscribing, with the link in every email, and signing up again.)"""
    subscriber, _created = Subscriber.objects.get_or_create(
        email=email, defaults={"language": language}
    )
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return subscriber
    subscriber.language = language
    subscriber.status = Subscriber.Status.PENDING
    subscriber.save(update_fields=["language", "status"])
    subscriber.topics.set(topics)
    if guards.recipient_limited(email):
        return subscriber
    token = confirmation_token(email, language, [topic.pk for topic in topics])
    send(
        subscriber.email,
        language,
        "confirm",
        {"confirm_url": absolute_url("community:newsletter_confirm", language, token=token)},
    )
    return subscriber


def confirm(choices):
    """Subscribe the address of a confirmation link with the choices it carries."""
    subscriber, _created = Subscriber.objects.get_or_create(
        email=choices["email"], defaults={"language": choices["language"]}
    )
    was_confirmed = subscriber.status == Subscriber.Status.CONFIRMED
    subscriber.language = choices["language"]
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = subscriber.confirmed_at if was_confirmed else timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save()
    subscriber.topics.set(Topic.objects.filter(pk__in=choices["topics"]))
    if not was_confirmed:
        send(subscriber.email, subscriber.language, "welcome", {"subscriber": subscriber})
    return subscriber


def unsubscribe(email):
    updated = Subscriber.objects.filter(email=email).exclude(status=Subscriber.Status.UNSUBSCRIBED)
    return updated.update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())


def html_template(kind):
    """`kind`'s HTML version, if it has one (`community/emails/<kind>_body.html`)."""
    try:
        return get_template(f"community/emails/{kind}_body.html")
    except TemplateDoesNotExist:
        return None


def build(email, language, kind, context):
    """An email in the reader's language, with an unsubscribe link in it and its headers
    (one-click, RFC 8058). `kind` names its templates in community/emails/: the text, and
    an HTML alternative where the kind has one (the issues: headings and links a screen
    reader can move through, `lang` and `dir` of the language, the unsubscribe link too)."""
    unsubscribe_url = absolute_url(
        "community:newsletter_unsubscribe", language, token=unsubscribe_token(email)
    )
    context = {**context, "unsubscribe_url": unsubscribe_url, "site_url": settings.SITE_BASE_URL}
    html = html_template(kind)
    with translation.override(language):
        subject = render_to_string(f"community/emails/{kind}_subject.txt", context)
        body = render_to_string(f"community/emails/{kind}_body.txt", context)
        html = html.render(context) if html else None
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        to=[email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",  # RFC 8058
            "Content-Language": language,
        },
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def send(email, language, kind, context):
    build(email, language, kind, context).send()
