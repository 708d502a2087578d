"""Idempotent set-up of the things every Parlance database must have: a `Locale` for each
site language, the default site, a home page in every language (the translations are made by
wagtail-localize, so translators see them as translations of the English home) and its
sections (the page types that declare a `site_section`: site_core/pages.py); then whatever the
apps plug into `site_set_up` (the translation roles and review workflows: translations/)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.dispatch import Signal
from wagtail.models import Collection, Locale, Page, Site
from wagtail_localize.operations import translate_object

from .models import HomePage


def section_types():
    """[(page type, English title, slug)] of the sections under every home page, in order:
    the page types allowed below a home page that declare a `site_section`."""
    declared = [
        (model.site_section, model)
        for model in HomePage.allowed_subpage_models()
        if getattr(model, "site_section", None) is not None
    ]
    declared.sort(key=lambda item: item[0].order)
    return [(model, section.title, section.slug) for section, model in declared]


# Sent at the end of every set-up with `home` (the default language's) and `locales` (default
# first). Each receiver returns a dict of what it made, merged into `setup_site()`'s result:
# the platform knows no feature app, the apps plug in here.
site_set_up = Signal()

HOME_TITLE = "Parlance"
HOME_INTRODUCTION = "Long conversations with thinkers, on video and in full text, in your language."


def ensure_locales():
    """Create a Locale for every configured content language; return them, default first."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    for code in codes:
        Locale.objects.get_or_create(language_code=code)
    locales = {
        locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)
    }
    return [locales[code] for code in codes]


def ensure_tree_roots(default_locale):
    """Return the root of the page tree. Wagtail's migrations create it and the root
    collection, but `manage.py flush` empties every table and then reruns this set-up."""
    if not Collection.get_first_root_node():
        Collection.add_root(instance=Collection(name="Root"))
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=default_locale))
    return root


def ensure_home_page(default_locale):
    """Return the default-language home page, replacing Wagtail's placeholder welcome page."""
    home = HomePage.objects.filter(depth=2, locale=default_locale).first()
    if home is not None:
        return home

    # Wagtail's initial migration leaves a plain "Welcome" page as the site root. Remove it
    # (and the site pointing at it) while it is still an empty placeholder.
    placeholders = Page.objects.filter(depth=2, content_type__model="page", numchild=0)
    Site.objects.filter(root_page__in=placeholders).delete()
    for placeholder in placeholders:
        placeholder.delete()

    home = ensure_tree_roots(default_locale).add_child(
        instance=HomePage(
            title=HOME_TITLE,
            slug="home",
            locale=default_locale,
            introduction=HOME_INTRODUCTION,
        )
    )
    home.save_revision().publish()
    return home


def site_address():
    """(hostname, port) of settings.SITE_BASE_URL, the site's public address."""
    address = urlsplit(settings.SITE_BASE_URL)
    default_port = 443 if address.scheme == "https" else 80
    return address.hostname or "localhost", address.port or default_port


def ensure_default_site(home):
    hostname, port = site_address()
    wanted = {"hostname": hostname, "port": port, "root_page": home}
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(site_name=settings.WAGTAIL_SITE_NAME, is_default_site=True, **wanted)
    elif any(getattr(site, field) != value for field, value in wanted.items()):
        for field, value in wanted.items():
            setattr(site, field, value)
        site.save()
    Site.clear_site_root_paths_cache()


def ensure_published_translations(page, locales):
    """Translate a structural page (home, section indexes) into every language that lacks it,
    through wagtail-localize, and publish the translations: they hold no prose to review."""
    missing = [
        locale
        for locale in locales
        if locale.id != page.locale_id and not page.has_translation(locale)
    ]
    if missing:
        translate_object(page, missing)
        for translation in page.get_translations().filter(locale__in=missing):
            translation.get_latest_revision().publish()
    return missing


def ensure_sections(home):
    """The English article and people indexes, under the English home page, shown in the
    site's navigation ("Show in menus"; their translations copy it)."""
    sections = []
    for model, title, slug in section_types():
        section = model.objects.child_of(home).first()
        if section is None:
            section = home.add_child(instance=model(title=title, slug=slug, show_in_menus=True))
            section.save_revision().publish()
        sections.append(section)
    return sections


def setup_site():
    locales = ensure_locales()
    home = ensure_home_page(locales[0])
    ensure_default_site(home)
    created = ensure_published_translations(home, locales)
    for section in ensure_sections(home):
        ensure_published_translations(section, locales)
    result = {"locales": locales, "home": home, "translated_into": created}
    for _receiver, made in site_set_up.send(sender=setup_site, home=home, locales=locales):
        result.update(made or {})
    return result


def setup_after_migrate(using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver: run the set-up once the tables it needs exist."""
    tables = connections[using].introspection.table_names()
    needed = {HomePage._meta.db_table, "wagtail_localize_translation", Site._meta.db_table}
    if not needed.issubset(tables):
        return
    setup_site()
