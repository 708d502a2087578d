"""Reader views. The posting views are CSRF-exempt because their forms live in cached pages
(no per-visitor token); `guards` protects them instead (see docs/architecture.md,
"Community"). Every post answers with a redirect (post/redirect/get) to a page that is
never cached."""

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from articles.models import ArticlePage
from site_core.page_cache import opt_in, tags
from site_core.page_cache.dependencies import shown_by_shell

from . import commenter, conf, guards, issues, newsletter
from .forms import CommentForm, SubscribeForm
from .models import Comment, NewsletterIssue

POSTED_SALT = "community.comment-posted"
LARGEST_ID = 2**63 - 1  # a 64-bit signed integer: the largest id any database gives


def message(request, title, text, *, status=200, link=None):
    context = {"title": title, "text": text, "link": link}
    return render(request, "community/message.html", context, status=status)


def refuse_post(request, kind):
    """The checks made before a form is read: None, or the refusal."""
    if guards.body_too_large(request):
        return message(request, _("Too long"), _("This is more than we can accept."), status=413)
    if not guards.from_this_site(request):
        return message(
            request,
            _("Not sent"),
            _("Please send the form from our own pages."),
            status=403,
        )
    if guards.rate_limited(request, kind):
        return message(
            request,
            _("Please wait"),
            _("You have sent many forms in a short time. Please try again later."),
            status=429,
        )
    return None


def reader_article(page_id):
    """A live, public article in the reader's language, or 404."""
    if page_id > LARGEST_ID:  # SQLite raises OverflowError on a page id past its integers
        raise Http404
    page = get_object_or_404(
        ArticlePage.objects.live().filter(locale__language_code=get_language()), pk=page_id
    )
    if page.get_view_restrictions().exists():
        raise Http404
    return page


@csrf_exempt
@require_POST
def post_comment(request, page_id):
    page = reader_article(page_id)
    refused = refuse_post(request, "comment")
    if refused:
        return refused
    form = CommentForm(request.POST, page=page)
    if form.honeypot_filled():
        return redirect("community:comment_posted")  # looks like success; nothing is kept
    if not form.is_valid():
        return render(
            request, "community/comment_form_page.html", {"form": form, "article": page}, status=400
        )
    commenter_token = commenter.token_of(request)
    fingerprint = commenter.fingerprint(commenter_token, request)
    comment = Comment.objects.create(
        page=page,
        parent=form.cleaned_data["parent"],
        name=form.cleaned_data["name"].strip(),
        email=form.cleaned_data["email"].strip().lower(),
        text=form.cleaned_data["text"].strip(),
        commenter=fingerprint,
        status=Comment.Status.APPROVED if Comment.trusted(fingerprint) else Comment.Status.PENDING,
    )
    token = signing.dumps(comment.pk, salt=POSTED_SALT)
    response = redirect("community:comment_posted", token=token)
    return commenter.remember(request, response, commenter_token)


@cache_control(private=True, no_store=True)
def comment_posted(request, token=None):
    """The page a comment's post redirects to. It shows the comment (a pending one's text
    included) only to the browser that posted it — the same commenter cookie from the same
    client — and only for COMMUNITY_POSTED_PAGE_MAX_AGE; to anyone else, or later, the
    address shows a plain thank-you. Never stored by any cache."""
    comment = None
    if token is not None:
        try:
            comment_id = signing.loads(
                token, salt=POSTED_SALT, max_age=conf.get("COMMUNITY_POSTED_PAGE_MAX_AGE")
            )
        except signing.SignatureExpired:
            comment_id = None
        except signing.BadSignature:
            raise Http404 from None
        if comment_id is not None:
            comment = get_object_or_404(Comment.objects.select_related("page"), pk=comment_id)
            poster = commenter.fingerprint(commenter.token_of(request), request)
            if comment.commenter != poster:
                comment = None
    return render(request, "community/comment_posted.html", {"comment": comment})


def reply(request, comment_id):
    """A page to answer an approved comment: the reply form without JavaScript."""
    parent = get_object_or_404(
        Comment.objects.approved().filter(parent__isnull=True), pk=comment_id
    )
    page = reader_article(parent.page_id)
    form = CommentForm(page=page, initial={"parent": parent.pk})
    return render(
        request,
        "community/comment_form_page.html",
        {"form": form, "article": page, "parent": parent},
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """The newsletter's own page (cached for readers: it shows the topics) and its form's
    target."""
    if request.method != "POST":
        opt_in(request, {tags.TOPICS, *shown_by_shell()})
        return render(request, "community/newsletter_page.html", {"form": SubscribeForm()})
    refused = refuse_post(request, "newsletter")
    if refused:
        return refused
    form = SubscribeForm(request.POST)
    if form.honeypot_filled():
        return redirect("community:newsletter_check_email")
    if not form.is_valid():
        return render(request, "community/newsletter_page.html", {"form": form}, status=400)
    newsletter.sign_up(form.cleaned_data["email"], get_language(), form.cleaned_data["topics"])
    return redirect("community:newsletter_check_email")


def check_email(request):
    return message(
        request,
        _("Check your email"),
        _("We have sent you a link. Follow it to confirm your subscription."),
    )


def bad_link(request):
    return message(
        request,
        _("This link does not work"),
        _("It may be incomplete or too old. You can sign up again."),
        status=400,
        link=(reverse("community:newsletter"), _("Sign up for the newsletter")),
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button (link checkers in mailboxes follow links); POST confirms."""
    choices = newsletter.read_confirmation(token)
    if choices is None:
        return bad_link(request)
    if request.method != "POST":
        return render(request, "community/newsletter_action.html", {"action": "confirm"})
    newsletter.confirm(choices)
    return message(
        request,
        _("You are subscribed"),
        _("Thank you. You will receive our newsletter."),
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET shows a button; POST (also a mail client's one-click unsubscribe) unsubscribes."""
    email = newsletter.read_unsubscribe(token)
    if email is None:
        return bad_link(request)
    if request.method != "POST":
        return render(request, "community/newsletter_action.html", {"action": "unsubscribe"})
    newsletter.unsubscribe(email)
    return message(
        request,
        _("You are unsubscribed"),
        _("You will receive no more newsletters from us."),
    )


def sent_issues(language):
    return NewsletterIssue.objects.filter(language=language, sent_at__isnull=False)


@require_http_methods(["GET", "HEAD"])
def newsletter_archive(request):
    """The issues sent in the reader's language, newest first (cached for readers until an
    issue of the language goes out, is edited or deleted)."""
    language = get_language()
    opt_in(request, {issues.archive_tag(language), *shown_by_shell(language)})
    sent = sent_issues(language).order_by("-sent_at")
    return render(request, "community/newsletter_archive.html", {"issues": sent})


@require_http_methods(["GET", "HEAD"])
def newsletter_issue(request, issue_id):
    """A sent issue's web version: its interviews that are live now."""
    if issue_id > LARGEST_ID:
        raise Http404
    issue = get_object_or_404(sent_issues(get_language()), pk=issue_id)
    opt_in(request, {*issues.shown_by_issue(issue), *shown_by_shell()})
    context = issues.issue_context(issue, issue.live_articles())
    return render(request, "community/newsletter_issue.html", context)
