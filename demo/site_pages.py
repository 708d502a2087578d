"""The site's own pages — the home page and its sections (Interviews, People) — in every language.

The site set-up (site_core/site_setup.py) makes them in English and copies them into every
other language with wagtail-localize, so each language starts out with a synced translation
that still reads in English. The demo then does what each language's translator and reviewer
would: the translator enters the strings and submits, the reviewer approves, which publishes.
Every language is published, as these pages are the site's structure, not articles waiting
their turn. Slugs stay the English ones (`SOURCE_SLUG`): `/it/interviews/`, like the articles.

A translation someone has already worked on (any string entered), or whose source no longer
reads as below (an editor rewrote the English), is left alone, like every existing page.
"""

from wagtail_localize.models import StringSegment, Translation

from site_core.site_setup import HOME_INTRODUCTION, HOME_TITLE, section_types

from .specs import PUBLISHED
from .text import TRANSLATED_LANGUAGES, Catalogue, T, name
from .translations import take_translation

SECTION_TITLES = {
    "Interviews": T(
        "Interviews", it="Interviste", fr="Entretiens", es="Entrevistas", ar="المقابلات"
    ),
    "People": T("People", it="Persone", fr="Personnes", es="Personas", ar="الأشخاص"),
}

TEXTS = [
    name(HOME_TITLE, ar=HOME_TITLE),  # the magazine's name, in Latin script in every language
    T(
        HOME_INTRODUCTION,
        it="Lunghe conversazioni con pensatrici e pensatori, in video e nel testo integrale, "
        "nella tua lingua.",
        fr="De longues conversations avec des penseuses et des penseurs, en vidéo et en texte "
        "intégral, dans votre langue.",
        es="Largas conversaciones con pensadoras y pensadores, en vídeo y en texto completo, "
        "en tu idioma.",
        ar="حوارات مطوّلة مع مفكّرات ومفكّرين، بالفيديو وبالنص الكامل، بلغتك.",
    ),
    *(SECTION_TITLES[title] for _model, title, _slug in section_types()),
]


def site_pages(home):
    """The English home page and its sections, in `section_types()` order."""
    return [home, *(model.objects.child_of(home).get() for model, _title, _slug in section_types())]


def untouched_translation(page, locale, strings):
    """The synced translation of `page` into `locale` that the set-up made and nobody has
    worked on since, if `strings` translate all of it; else None."""
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            source__locale_id=page.locale_id,
            target_locale=locale,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )
    if translation is None:
        return None
    total, translated = translation.get_progress()
    source_strings = StringSegment.objects.filter(source=translation.source).values_list(
        "string__data", flat=True
    )
    if translated or not set(source_strings) <= strings.keys():
        return None
    return translation


def translate_site_pages(home, locales, users):
    """Translate and publish the home page and sections in every language where they still
    read in English; returns "title (language: published)" for each translation made."""
    catalogue = Catalogue()
    for text in TEXTS:
        catalogue.plain(text)
    made = []
    for page in site_pages(home):
        for code in TRANSLATED_LANGUAGES:
            strings = catalogue.for_language(code)
            translation = untouched_translation(page, locales[code], strings)
            if translation is None:
                continue
            take_translation(
                translation,
                PUBLISHED,
                strings,
                translator=users[f"translator-{code}"],
                reviewer=users[f"reviewer-{code}"],
            )
            made.append(f"{page.title} ({code}: {PUBLISHED})")
    return made
