"""Loads the demo magazine: creates whatever is missing and leaves alone whatever exists (found
by slug, title or username), so a second run changes nothing. All or nothing: one transaction.

Pages are created as an editor would create them (a revision, published by the demo editor);
each new page is then translated as its `states` say (translations.py). A page that already
exists is left as it is, translations included. The set-up's home page and sections, which
every language gets in English, are translated and published in every language
(site_pages.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from articles.models import ArticleIndexPage, ArticlePage, ArticlePersonRole
from people.models import PersonIndexPage, PersonPage
from site_core.site_setup import setup_site

from .accounts import demo_accounts, ensure_accounts
from .blocks import Context
from .content import ARTICLES
from .images import ensure_images
from .media import ensure_demo_video
from .people import PEOPLE
from .site_pages import translate_site_pages
from .text import Catalogue
from .topics import ensure_topics
from .translations import translate_page


class DemoContentRefused(Exception):
    """The settings do not allow demo content (production)."""


def refuse_unless_allowed():
    """Demo content, and its accounts with a published password, exist only where the settings
    say so: the dev and test settings set DEMO_CONTENT_ALLOWED, production never does."""
    if not settings.DEMO_CONTENT_ALLOWED:
        raise DemoContentRefused(
            "Demo content is for local development only: these settings do not allow it "
            "(DEMO_CONTENT_ALLOWED is not set). Use site_core.settings.dev."
        )


@dataclass
class DemoReport:
    created: dict = field(default_factory=lambda: defaultdict(list))  # {kind: [names]}
    accounts: list = field(default_factory=list)  # demo_accounts.Account, all of them

    @property
    def changed(self):
        return any(self.created.values())


def person_fields(spec, images):
    catalogue = Catalogue()
    fields = {
        "title": catalogue.plain(spec.name),
        "roles": catalogue.plain(spec.roles),
        "short_bio": catalogue.plain(spec.short_bio),
        "full_bio": catalogue.rich(spec.full_bio),
        "birth_year": spec.birth_year,
        "photo": images[f"portrait-{spec.slug}"],
    }
    return fields, catalogue


def article_fields(spec, context):
    catalogue = context.catalogue
    return {
        "title": catalogue.plain(spec.title),
        "standfirst": catalogue.plain(spec.standfirst),
        "hero_image": context.images[spec.hero_image],
        "hero_alt_text": catalogue.plain(spec.hero_alt_text),
        "hero_caption": catalogue.plain(spec.hero_caption),
        "hero_credit": catalogue.plain(spec.hero_credit),
        "credits": catalogue.rich(spec.credits),
        "original_publication_date": spec.original_publication_date,
        "last_updated": spec.last_updated,
        "body": [node.stream(context) for node in spec.body],
    }


def publish_new_page(parent, page, editor):
    page.owner = editor
    parent.add_child(instance=page)
    page.save_revision(user=editor, log_action=True).publish(user=editor)
    return page


def ensure_person(spec, index, images, editor):
    """(page, catalogue or None if it existed)."""
    existing = PersonPage.objects.child_of(index).filter(slug=spec.slug).first()
    if existing is not None:
        return existing, None
    fields, catalogue = person_fields(spec, images)
    return publish_new_page(index, PersonPage(slug=spec.slug, **fields), editor), catalogue


def ensure_article(spec, index, context, topics, people, editor):
    existing = ArticlePage.objects.child_of(index).filter(slug=spec.slug).first()
    if existing is not None:
        return existing, None
    article = ArticlePage(slug=spec.slug, **article_fields(spec, context))
    article.body.stream_block.clean(article.body)  # demo content must pass editors' validation
    article.full_clean(exclude=["path", "depth", "url_path"])
    for position, (person_slug, role) in enumerate(spec.people):
        article.people.add(
            ArticlePersonRole(person=people[person_slug], role=role, sort_order=position)
        )
    article.topics = [topics[slug] for slug in spec.topics]
    return publish_new_page(index, article, editor), context.catalogue


def load_demo_content(password):
    """Load what is missing, all or nothing; return a DemoReport. Refused (before touching
    the database) unless the settings allow demo content."""
    refuse_unless_allowed()
    with transaction.atomic():
        return _load(password)


def _load(password):
    setup = setup_site()  # locales, home pages, groups, workflows (also run by `migrate`)
    home = setup["home"]
    locales = {locale.language_code: locale for locale in setup["locales"]}
    report = DemoReport()

    users, report.created["accounts"] = ensure_accounts(password)
    report.accounts = demo_accounts()
    editor = users["editor"]
    topics, report.created["topics"] = ensure_topics()
    images, report.created["images"] = ensure_images()
    video, report.created["video"] = ensure_demo_video(editor)
    # The set-up's home page and sections still read in English in the other languages.
    report.created["translations"] += translate_site_pages(home, locales, users)

    new_pages = []  # (page, catalogue, states)
    people_index = PersonIndexPage.objects.child_of(home).get()
    people = {}
    for spec in PEOPLE:
        page, catalogue = ensure_person(spec, people_index, images, editor)
        people[spec.slug] = page
        if catalogue is not None:
            new_pages.append((page, catalogue, spec.states))

    article_index = ArticleIndexPage.objects.child_of(home).get()
    for spec in ARTICLES:
        context = Context(catalogue=Catalogue(), people=people, images=images, video=video)
        page, catalogue = ensure_article(spec, article_index, context, topics, people, editor)
        if catalogue is not None:
            new_pages.append((page, catalogue, spec.states))

    for page, catalogue, states in new_pages:
        report.created["pages"].append(page.title)
        for code, state in states.items():
            translate_page(
                page,
                locales[code],
                state,
                catalogue.for_language(code),
                editor=editor,
                translator=users[f"translator-{code}"],
                reviewer=users[f"reviewer-{code}"],
            )
            report.created["translations"].append(f"{page.title} ({code}: {state})")
    return report
