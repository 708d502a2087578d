"""Texts written in several languages, and the strings wagtail-localize needs to translate them.

Demo content gives every text once, in English and in whichever other languages it has been
translated into: `T("Rivers", it="Fiumi")`. The English page is built from the English texts;
the other languages reach the page the way a translator's work does, as wagtail-localize
`StringTranslation`s keyed by the source string. `Catalogue` collects those pairs while the
English content is built, in the form wagtail-localize extracts strings: plain text escaped as
HTML, rich text split into one string per paragraph.
"""

from collections import defaultdict
from dataclasses import dataclass

from wagtail_localize.strings import StringValue, extract_strings

TRANSLATED_LANGUAGES = ("it", "fr", "es", "ar")


@dataclass(frozen=True)
class T:
    """One text: English, and its translations ("" where there is none yet)."""

    en: str
    it: str = ""
    fr: str = ""
    es: str = ""
    ar: str = ""

    def translations(self):
        """{language code: text} for the languages this text is translated into."""
        return {code: getattr(self, code) for code in TRANSLATED_LANGUAGES if getattr(self, code)}


def name(en, ar=""):
    """A person's name: the same in the languages written in Latin script, transliterated in
    Arabic when given."""
    return T(en, it=en, fr=en, es=en, ar=ar)


def _plain_string(text):
    return StringValue.from_plaintext(text).data


def _html_strings(html):
    _template, strings = extract_strings(html)
    return [string.data for string, _attrs in strings]


class Catalogue:
    """{language: {English string: translated string}}, filled while the English page is built."""

    def __init__(self):
        self.strings = defaultdict(dict)

    def plain(self, text):
        """A plain-text field or Char/Text block: returns the English text."""
        for code, translated in text.translations().items():
            self.strings[code][_plain_string(text.en)] = _plain_string(translated)
        return text.en

    def paragraph(self, text):
        """Rich text of one paragraph (inline markup allowed): returns the English HTML."""
        return self.rich(
            T(**{code: f"<p>{value}</p>" if value else "" for code, value in vars(text).items()})
        )

    def rich(self, text):
        """Rich text (HTML of one or more paragraphs): returns the English HTML."""
        source = _html_strings(text.en)
        for code, translated in text.translations().items():
            strings = _html_strings(translated)
            if len(strings) != len(source):
                raise ValueError(
                    f"The {code} text of {text.en[:60]!r} has {len(strings)} paragraphs, "
                    f"the English {len(source)}."
                )
            self.strings[code].update(zip(source, strings, strict=True))
        return text.en

    def for_language(self, code):
        return dict(self.strings[code])
