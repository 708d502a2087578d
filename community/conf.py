"""Community settings, with their defaults: override any of them in Django's settings."""

from django.conf import settings

DEFAULTS = {
    # A form sent sooner than this after it was rendered is a robot's.
    "COMMUNITY_MIN_SUBMIT_SECONDS": 4,
    # The newsletter's one field is often filled in by the browser (autofill) and sent at
    # once, by people; a sign-up only sends a confirmation email (double opt-in, limited per
    # address), so its minimum is short.
    "COMMUNITY_NEWSLETTER_MIN_SUBMIT_SECONDS": 1,
    # A form older than this is refused (re-shown with a fresh one): a cached page's form
    # lives as long as the page cache keeps the page, so this is longer.
    "COMMUNITY_FORM_MAX_AGE": 60 * 60 * 24 * 3,
    # Posts per address (IP) and window, for comments and sign-ups separately.
    "COMMUNITY_RATE_LIMIT": 5,
    "COMMUNITY_RATE_WINDOW": 60 * 10,
    # Confirmation emails to one address, whoever asks (so many clients cannot flood one
    # mailbox), per window; an address already confirmed is never mailed by a sign-up.
    "COMMUNITY_CONFIRMATIONS_PER_ADDRESS": 3,
    "COMMUNITY_CONFIRMATION_WINDOW": 60 * 60 * 24,
    # A newsletter confirmation link works this long.
    "COMMUNITY_CONFIRMATION_MAX_AGE": 60 * 60 * 24 * 7,
    # A commenter's cookie (community/commenter.py) is ignored this long after the last post.
    "COMMUNITY_COMMENTER_MAX_AGE": 60 * 60 * 24 * 90,
    # The page a comment's post leads to shows the comment to its author this long.
    "COMMUNITY_POSTED_PAGE_MAX_AGE": 60 * 60,
    # Request bodies larger than this are refused before any form is read.
    "COMMUNITY_MAX_BODY_BYTES": 16 * 1024,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
