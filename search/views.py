"""Reader search: `/<lang>/search/?q=…` finds the live interviews and people of the reader's
language, with the match highlighted and, when it is in a transcript, a link to the turn.
People whose bio is not translated into the reader's language are found in the default
language (English) instead, marked as such (`SearchResult.language`); interviews are found in
the reader's language only.

Pages are found by Wagtail's search backend (modelsearch's database backend: SQLite FTS5 or
PostgreSQL full-text search), which indexes each page on save and publish. What matched, and
where, is worked out here in Python from the pages already loaded: the page's title and
standfirst or bio, then its body passages (`passages.py`), so a page of results
costs a fixed number of queries. A plain GET view, never kept by the page cache (`urls.py`):
each distinct query would be an entry of its own."""

import re
import unicodedata
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from articles.captions import html_to_lines
from articles.models import ArticlePage
from articles.timecodes import format_timecode, iso8601_duration
from people.models import PersonPage

from .passages import body_passages

MAX_QUERY_LENGTH = 100  # characters kept from `q`; longer input is cut, not refused
MAX_TERMS = 10
RESULTS_PER_PAGE = 10
EXCERPT_CHARACTERS = 220
WORD = re.compile(r"\w+")
KIND_LABELS = {ArticlePage: _("Interview"), PersonPage: _("Person")}


def clean_query(raw):
    """`q` as typed, without control characters (PostgreSQL refuses NUL), whitespace
    collapsed, at most MAX_QUERY_LENGTH characters."""
    visible = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw)
    return " ".join(visible.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """The words of the query, each once (case-insensitive), at most MAX_TERMS. Punctuation,
    quotes and operators are never passed to the search backend."""
    terms = {}
    for word in WORD.findall(query):
        terms.setdefault(word.casefold(), word)
    return list(terms.values())[:MAX_TERMS]


def match_patterns(terms):
    """Regular expressions that find the terms in text, the strictest first: words starting
    with a term, then words starting with its stem (the backend may match "listen" for
    "listening"), so an excerpt can show where the match is."""
    if not terms:
        return []

    def pattern(words):
        alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)

    stems = [term[: max(3, len(term) - 3)] if len(term) > 4 else term for term in terms]
    patterns = [pattern(terms)]
    if stems != terms:
        patterns.append(pattern(stems))
    return patterns


def highlight(text, pattern):
    """`text` escaped, with every match of `pattern` in <mark>."""
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group()))
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def excerpt(text, pattern, length=EXCERPT_CHARACTERS):
    """About `length` characters of `text` around the first match, cut at spaces, with
    ellipses where text was left out; highlighted and escaped."""
    match = pattern.search(text) if pattern else None
    if len(text) <= length:
        return highlight(text, pattern)
    start = max(0, (match.start() if match else 0) - length // 3)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space > 0 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    before, after = ("… " if start else ""), (" …" if end < len(text) else "")
    return format_html("{}{}{}", before, highlight(text[start:end], pattern), after)


@dataclass(frozen=True)
class TurnMatch:
    """The transcript turn a result links to."""

    speaker_id: int | None
    speaker: str
    timecode: int | None

    @property
    def timecode_display(self):
        return "" if self.timecode is None else format_timecode(self.timecode)

    @property
    def timecode_iso(self):
        return "" if self.timecode is None else iso8601_duration(self.timecode)


@dataclass(frozen=True)
class SearchResult:
    page: Page
    kind: str
    url: str
    title: str  # safe HTML
    snippet: str  # safe HTML
    turn: TurnMatch | None = None
    language: str = ""  # the page's language code when it is not the reader's (a fallback)


def first_match(texts, patterns):
    """(index of the text that matches the most different words, first one on a tie; its
    pattern), trying the strictest pattern first; (None, None) when nothing matches."""
    for pattern in patterns:
        best, best_count = None, 0
        for index, text in enumerate(texts):
            count = len({match.group().casefold() for match in pattern.finditer(text)})
            if count > best_count:
                best, best_count = index, count
        if best is not None:
            return best, pattern
    return None, None


def highlighted_title(page, patterns):
    _index, pattern = first_match([page.title], patterns)
    return highlight(page.title, pattern)


def article_result(article, patterns, url):
    """The passage that matches the most words, the title and standfirst first on a tie: the
    standfirst, or a body passage, linking to its turn when it is a transcript turn."""
    kind, title = KIND_LABELS[ArticlePage], highlighted_title(article, patterns)
    passages = body_passages(article.body.raw_data)
    texts = [f"{article.title} {article.standfirst}"] + [passage.text for passage in passages]
    index, pattern = first_match(texts, patterns)
    if not index:  # the title or standfirst, or no match that Python can see
        _index, pattern = first_match([article.standfirst], patterns)
        return SearchResult(article, kind, url, title, excerpt(article.standfirst, pattern))
    passage = passages[index - 1]
    snippet = excerpt(passage.text, pattern)
    if passage.turn_id is None:
        return SearchResult(article, kind, url, title, snippet)
    turn = TurnMatch(passage.speaker_id, passage.speaker_name, passage.timecode)
    return SearchResult(article, kind, f"{url}#turn-{passage.turn_id}", title, snippet, turn)


def person_result(person, patterns, url):
    """The first of roles, short bio and full bio that matches, else the short bio."""
    texts = [person.roles, person.short_bio, " ".join(html_to_lines(person.full_bio))]
    index, pattern = first_match(texts, patterns)
    text = texts[index] if index is not None else (person.short_bio or person.roles)
    kind, title = KIND_LABELS[PersonPage], highlighted_title(person, patterns)
    return SearchResult(person, kind, url, title, excerpt(text, pattern))


def speaker_names(person_ids, locale):
    """{person id: name to show} in one query: the title of the person's live bio in the
    reader's language when there is one, else of the person chosen in the transcript."""
    if not person_ids:
        return {}
    chosen = PersonPage.objects.filter(pk__in=person_ids)
    rows = PersonPage.objects.filter(
        Q(pk__in=person_ids)
        | Q(translation_key__in=chosen.values("translation_key"), locale=locale, live=True)
    ).values_list("pk", "title", "translation_key", "locale_id", "live")
    localized = {
        key: title for _pk, title, key, locale_id, live in rows if locale_id == locale.pk and live
    }
    return {
        pk: localized.get(key, title) for pk, title, key, _locale, _live in rows if pk in person_ids
    }


def with_speaker_names(results, locale):
    """The results with each matched turn's speaker named in the reader's language."""
    names = speaker_names(
        {r.turn.speaker_id for r in results if r.turn and r.turn.speaker_id}, locale
    )
    return [
        replace(result, turn=replace(result.turn, speaker=names[result.turn.speaker_id]))
        if result.turn and result.turn.speaker_id in names
        else result
        for result in results
    ]


def fallback_language():
    """The language bios are shown in when they are not translated (the default, English)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def fallback_bio_ids(locale):
    """The ids of the live bios in the fallback language of the people who have no live bio in
    `locale` (one query; none for the fallback language itself). A list, not a subquery, so
    that every search backend can filter on it (Elasticsearch too)."""
    language = fallback_language()
    if locale.language_code == language:
        return []
    translated = PersonPage.objects.filter(locale=locale, live=True).values("translation_key")
    return list(
        PersonPage.objects.filter(live=True, locale__language_code=language)
        .exclude(translation_key__in=translated)
        .values_list("pk", flat=True)
    )


def searchable_pages(locale):
    """The live, public interviews and people of one language, and the bios in the fallback
    language of the people not translated into it: each person once."""
    in_language = Q(locale=locale)
    fallback_ids = fallback_bio_ids(locale)
    if fallback_ids:
        in_language |= Q(pk__in=fallback_ids)
    return Page.objects.live().public().filter(in_language).type(ArticlePage, PersonPage).specific()


def build_results(pages, terms, locale, request):
    """A SearchResult for each of a page of (specific) pages, in the same order; a page of
    another language than the reader's (a bio in the fallback language) says so."""
    patterns = match_patterns(terms)
    results = []
    for page in pages:
        url = page.get_url(request)
        if isinstance(page, ArticlePage):
            result = article_result(page, patterns, url)
        elif isinstance(page, PersonPage):
            result = person_result(page, patterns, url)
        else:
            continue
        if page.locale_id != locale.pk:
            result = replace(result, language=fallback_language())
        results.append(result)
    return with_speaker_names(results, locale)


@require_safe
def search(request):
    query = clean_query(request.GET.get("q", ""))
    terms = query_terms(query)
    locale = Locale.get_active()
    found = searchable_pages(locale).search(" ".join(terms), operator="and") if terms else []
    paginator = Paginator(found, RESULTS_PER_PAGE)
    try:
        results_page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("No such page of results.") from error
    context = {
        "search_query": query,
        "search_query_html": format_html("<bdi>{}</bdi>", query),  # isolated from the text around
        "results_page": results_page,
        "results": build_results(list(results_page), terms, locale, request),
    }
    return render(request, "search/search.html", context)


# The language switcher keeps the words of a search, not its page number (another language
# may have fewer results).
search.query_kept_across_languages = ("q",)
