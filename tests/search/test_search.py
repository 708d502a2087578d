"""Reader search (`/<lang>/search/?q=…`): the live interviews and people of the reader's
language, found by Wagtail's search index as publishing keeps it, with transcript matches
linking to their turn, everything escaped, bad input answered calmly and a fixed query cost."""

import copy

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from search.views import MAX_QUERY_LENGTH
from tests import database_snapshot, factories

pytestmark = pytest.mark.django_db


def search(client, query, language="en", **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def results(html):
    """[{kind, title, url, turn, snippet, marked}] as a reader sees them."""
    found = []
    for item in html.select(".search-result"):
        turn = item.select_one(".search-result__turn")
        snippet = item.select_one(".search-result__snippet")
        found.append(
            {
                "kind": item.select_one(".search-result__kind").get_text(),
                "title": item.select_one(".search-result__title").get_text(),
                "url": item.select_one(".search-result__title a")["href"],
                "turn": " ".join(turn.get_text().split()) if turn else None,
                "snippet": snippet.get_text(),
                "marked": [mark.get_text() for mark in snippet.select("mark")],
            }
        )
    return found


def turn_id(article, segment=0, turn=0):
    """The block id of a turn in the article's body (a video segment's or a transcript's)."""
    block = article.body.raw_data[segment]
    turns = block["value"].get("transcript") or block["value"]["turns"]
    return turns[turn]["id"]


def rendered_turn_ids(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return {element["id"] for element in html.select(".turn[id]")}


@database_snapshot.built_per_module
def shared_interview():
    """Ada's bio, and an interview whose words sit in every kind of place a reader may
    search: made once for the module."""
    ada = factories.make_person(
        "Ada Lovelace",
        roles="Mathematician",
        short_bio="Wrote the first program for the analytical engine.",
        full_bio="<p>She corresponded with <b>Charles Babbage</b> about punched cards.</p>",
    )
    detail_list = factories.nested_list()
    detail_list["value"]["items"][0]["value"]["sub_items"][0]["value"]["sub_items"][0]["value"] = (
        "<p>a lighthouse keeper's logbook</p>"
    )
    body = [
        factories.paragraph("An introduction about harbours."),
        factories.video_segment(
            "On machines",
            turns=[
                factories.turn("Why do looms matter?", name="Interviewer", timecode=0),
                factories.turn(
                    "Because the jacquard loom <i>weaves</i> patterns from cards.",
                    speaker=ada,
                    timecode=75,
                ),
                factories.turn(
                    "And poetry?",
                    name="Interviewer",
                    timecode=3725,
                    extra=[factories.quote("Poetical science is my aim", person=ada)],
                ),
                factories.turn("Lists help.", name="Guest", timecode=3800, extra=[detail_list]),
            ],
        ),
        factories.stream_child(
            "transcript",
            {
                "title": "From the audience",
                "turns": [factories.turn("Does the orchestra play too?", name="Audience member")],
            },
        ),
        factories.quote("The engine weaves algebraic patterns", name="Ada Lovelace"),
    ]
    interview = factories.make_article(
        "Notes on engines",
        standfirst="A conversation about calculating machines.",
        body=body,
        people=[(ada, "interviewee")],
    )
    return {"ada": ada, "interview": interview}


@pytest.fixture
def shared(shared_interview, db):
    """The module's bio and interview as built (a test's changes are rolled back after it),
    in model instances of this test's own."""
    return database_snapshot.refetched(shared_interview)


@pytest.fixture
def ada(shared):
    return shared["ada"]


@pytest.fixture
def interview(shared):
    return shared["interview"]


# --- What is indexed, and where results link


def test_a_transcript_match_links_to_its_turn_with_speaker_and_timecode(client, interview):
    (result,) = results(search(client, "jacquard"))
    assert result["kind"] == "Interview"
    assert result["title"] == "Notes on engines"
    assert result["url"] == f"{interview.url}#turn-{turn_id(interview, 1, 1)}"
    assert result["turn"] == "1:15 Ada Lovelace"
    assert result["snippet"] == "Because the jacquard loom weaves patterns from cards."
    assert result["marked"] == ["jacquard"]
    # The anchor exists on the article page.
    assert turn_id(interview, 1, 1) in {
        id.removeprefix("turn-") for id in rendered_turn_ids(client, interview.url)
    }


def test_the_turn_time_is_machine_readable(client, interview):
    html = search(client, "poetical")
    time = html.select_one(".search-result__turn time")
    assert (time.get_text(), time["datetime"]) == ("1:02:05", "PT1H2M5S")


def test_quotes_and_nested_lists_inside_a_turn_link_to_that_turn(client, interview):
    (quote_result,) = results(search(client, "poetical science"))
    assert quote_result["url"].endswith(f"#turn-{turn_id(interview, 1, 2)}")
    assert quote_result["marked"] == ["Poetical", "science"]
    (list_result,) = results(search(client, "lighthouse"))
    assert list_result["url"].endswith(f"#turn-{turn_id(interview, 1, 3)}")
    assert list_result["turn"] == "1:03:20 Guest"


def test_a_standalone_transcript_turn_is_linked_too(client, interview):
    (result,) = results(search(client, "orchestra"))
    assert result["url"] == f"{interview.url}#turn-{turn_id(interview, 2, 0)}"
    assert result["turn"] == "Audience member"  # no timecode
    assert f"turn-{turn_id(interview, 2, 0)}" in rendered_turn_ids(client, interview.url)


def test_a_body_quote_outside_transcripts_links_to_the_article(client, interview):
    (result,) = results(search(client, "algebraic"))
    assert result["url"] == interview.url
    assert result["turn"] is None
    assert result["marked"] == ["algebraic"]


def test_a_title_or_standfirst_match_shows_the_standfirst(client, interview):
    (result,) = results(search(client, "calculating machines"))
    assert result["url"] == interview.url
    assert result["snippet"] == "A conversation about calculating machines."
    assert result["marked"] == ["calculating", "machines"]


def test_the_passage_with_most_of_the_words_wins(client, interview):
    (turn,) = results(search(client, "notes jacquard loom"))  # title: 1 word, turn: 2
    assert turn["url"].endswith(f"#turn-{turn_id(interview, 1, 1)}")
    assert turn["marked"] == ["jacquard", "loom"]
    (tie,) = results(search(client, "notes jacquard"))  # 1 and 1: the title comes first
    assert (tie["url"], tie["turn"]) == (interview.url, None)


@pytest.mark.parametrize(
    ("query", "snippet", "marked"),
    [
        ("mathematician", "Mathematician", ["Mathematician"]),
        ("program", "Wrote the first program for the analytical engine.", ["program"]),
        ("punched", "She corresponded with Charles Babbage about punched cards.", ["punched"]),
    ],
    ids=["roles", "short bio", "full bio"],
)
def test_bios_are_searchable(client, ada, query, snippet, marked):
    (result,) = results(search(client, query))
    assert (result["kind"], result["title"], result["url"]) == ("Person", ada.title, ada.url)
    assert (result["snippet"], result["marked"]) == (snippet, marked)


def test_every_word_must_match(client, interview, ada):
    assert {result["kind"] for result in results(search(client, "analytical engine"))} == {"Person"}
    assert results(search(client, "jacquard orchestra"))[0]["url"] == interview.url + (
        f"#turn-{turn_id(interview, 1, 1)}"
    )
    assert results(search(client, "jacquard zeppelin")) == []


def test_the_excerpt_is_cut_around_the_match(client, ada):
    words = " ".join(f"word{n}" for n in range(200))
    factories.make_person("Long Bio", short_bio=f"{words} serendipity {words}")
    (result,) = results(search(client, "serendipity"))
    assert result["snippet"].startswith("… ") and result["snippet"].endswith(" …")
    assert len(result["snippet"]) < 260
    assert result["marked"] == ["serendipity"]


# --- Only what readers of that language may see


def to_italian(text):
    return f"IT {text}".replace("jacquard", "telaio").replace("engines", "motori")


@pytest.fixture
def italian_interview(interview, ada, locales):
    factories.live_translation(ada, locales["it"], to_italian)
    return factories.live_translation(interview, locales["it"], to_italian)[1]


def test_each_language_searches_its_own_live_pages(client, interview, italian_interview):
    (italian,) = results(search(client, "telaio", "it"))
    assert italian["url"] == f"{italian_interview.url}#turn-{turn_id(italian_interview, 1, 1)}"
    assert italian["url"].startswith("/it/")
    assert italian["title"] == "IT Notes on motori"
    # The speaker is named by their Italian bio.
    assert italian["turn"] == "1:15 IT Ada Lovelace"
    assert f"turn-{turn_id(italian_interview, 1, 1)}" in rendered_turn_ids(
        client, italian_interview.url
    )
    assert results(search(client, "jacquard", "it")) == []
    assert results(search(client, "telaio", "en")) == []
    (english,) = results(search(client, "jacquard", "en"))
    assert english["url"].startswith("/en/")


def test_draft_translations_are_not_found(client, interview, locales):
    factories.translate(interview, locales["fr"])  # a synced draft, never published
    assert results(search(client, "jacquard", "fr")) == []
    assert len(results(search(client, "jacquard", "en"))) == 1


def test_the_index_follows_publishing(client, interview):
    body = copy.deepcopy(list(interview.body.raw_data))
    body[1]["value"]["transcript"][1]["value"]["content"][0]["value"] = "<p>A silk tapestry.</p>"
    interview.body = body
    interview.save_revision().publish()
    assert results(search(client, "jacquard")) == []
    assert results(search(client, "tapestry"))[0]["url"].endswith(
        f"#turn-{turn_id(interview, 1, 1)}"
    )
    interview.unpublish()
    assert results(search(client, "tapestry")) == []


def test_a_draft_edit_is_not_searchable_until_published(client, interview):
    draft = copy.deepcopy(list(interview.body.raw_data))
    draft[1]["value"]["transcript"][1]["value"]["content"][0]["value"] = "<p>Draft zither.</p>"
    interview.body = draft
    interview.save_revision()
    assert results(search(client, "zither")) == []
    assert len(results(search(client, "jacquard"))) == 1


def test_private_pages_are_not_found(client, interview):
    PageViewRestriction.objects.create(
        page=interview, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert results(search(client, "jacquard")) == []


# --- Escaping and hostile input


def test_markup_in_content_and_query_is_escaped(client):
    factories.make_article(
        "Fish & <chips>",
        standfirst='A "quoted" <script>alert(1)</script> talk about chips.',
    )
    response = client.get("/en/search/", {"q": "chips <script>alert('chips')</script>"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in content
    assert "“<bdi>chips &lt;script&gt;alert(&#x27;chips&#x27;)&lt;/script&gt;</bdi>”" in content
    (result,) = results(search(client, "chips"))
    assert result["title"] == "Fish & <chips>"
    assert result["snippet"] == 'A "quoted" <script>alert(1)</script> talk about chips.'
    assert result["marked"] == ["chips"]
    content = client.get("/en/search/", {"q": "chips"}).content.decode()
    assert "<script>alert" not in content
    assert "Fish &amp; &lt;<mark>chips</mark>&gt;" in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; talk about <mark>chips</mark>." in content


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        'jacquard" OR "1"="1',
        "100%",
        "%_%",
        '"',
        "*",
        "jacquard*",
        "NEAR(a b)",
        "AND",
        "NOT jacquard",
        "a:b",
        "\\",
        "\x00jacquard",
        "jac\x00quard",
        "(((",
        "!!!",
        "名前",
        "العربية",
        "🙂",
    ],
)
def test_hostile_queries_get_a_normal_page(client, interview, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert b"<h1>Search</h1>" in response.content


def test_operators_in_the_query_are_plain_words(client, interview):
    # The backend gets the words only: "jacquard" matches, quotes and operators do not break it.
    assert len(results(search(client, 'jacquard" OR "zeppelin'))) == 0  # every word must match
    assert len(results(search(client, '"jacquard"'))) == 1
    assert len(results(search(client, "jacquard*"))) == 1


def test_a_very_long_query_is_cut(client, interview):
    html = search(client, "jacquard " + "x" * 10_000)
    value = html.select_one("#site-search-q")["value"]
    assert len(value) == MAX_QUERY_LENGTH
    assert value.startswith("jacquard x")


def test_no_query_shows_an_invitation_and_no_results(client, interview):
    for query in ["", "   ", "\t\n"]:
        html = search(client, query)
        assert html.select(".search-result") == []
        assert html.select_one(".search-summary") is None
        assert "Search the interviews" in html.get_text()
    assert client.get("/en/search/").status_code == 200


def test_no_results_says_so(client, interview):
    html = search(client, "zeppelin")
    assert html.select_one(".search-summary").get_text(strip=True) == "0 results for “zeppelin”"
    assert "Nothing matches your search" in html.get_text()


def test_only_safe_methods(client):
    assert client.post("/en/search/", {"q": "x"}).status_code == 405
    assert client.head("/en/search/?q=x").status_code == 200


# --- Pagination


@pytest.fixture
def many_bios():
    return [
        factories.make_person(f"Weaver {n:02d}", short_bio="Weaves tapestries.") for n in range(13)
    ]


def test_results_come_ten_a_page(client, many_bios):
    first = search(client, "tapestries")
    assert len(results(first)) == 10
    assert first.select_one(".search-summary").get_text(strip=True) == (
        "13 results for “tapestries”"
    )
    assert first.select_one("a[rel=next]")["href"] == "?q=tapestries&page=2"
    second = search(client, "tapestries", page="2")
    assert len(results(second)) == 3
    assert second.select_one("ol.search-results")["start"] == "11"
    titles = {r["title"] for r in results(first)} | {r["title"] for r in results(second)}
    assert titles == {person.title for person in many_bios}


def test_the_query_is_encoded_in_page_links(client):
    for n in range(11):
        factories.make_person(f"Weaver {n}", short_bio="Weaves & spins tapestries.")
    html = search(client, "tapestries & spins")
    assert html.select_one("a[rel=next]")["href"] == "?q=tapestries%20%26%20spins&page=2"


@pytest.mark.parametrize("page", ["abc", "-1", "0", "3", "999999", "1.5", "9" * 5000])
def test_bad_page_numbers_are_not_found(client, many_bios, page):
    assert client.get("/en/search/", {"q": "tapestries", "page": page}).status_code == 404


def test_the_first_page_of_nothing_is_a_page(client):
    assert client.get("/en/search/", {"q": "nothing", "page": "1"}).status_code == 200


# --- The site header


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_has_a_labelled_search_form(client, home_pages, language):
    html = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")
    form = html.select_one("header form[role=search]")
    assert form["action"] == f"/{language}/search/"
    assert form["method"] == "get"
    assert form.get("aria-label")
    field = form.select_one("input[name=q]")
    assert html.select_one(f"label[for={field['id']}]").get_text(strip=True)


def test_the_search_page_has_one_search_form_with_the_query(client, interview):
    html = search(client, "jacquard")
    forms = html.select("form[role=search]")
    assert len(forms) == 1
    assert forms[0].select_one("input[name=q]")["value"] == "jacquard"
    assert html.select_one("meta[name=robots]")["content"] == "noindex, follow"


# --- Query budget


# Queries for a page of results, by the kinds of page on it: locale, view restrictions, count,
# matching ids, the interviews, the people, the site (2), speakers' names (for interviews) and
# the header's sections (navigation_tags; the language links cost none). Lower them when you
# can; never raise them without saying why.
# In the other languages than English, one more: the ids of the bios searched in English
# (test_search_bio_fallback.py).
SEARCH_QUERY_BUDGET = {
    frozenset({"Interview", "Person"}): 11,
    frozenset({"Interview"}): 10,
    frozenset({"Person"}): 9,
}


def build_matches(count):
    """`count` interviews whose transcripts say "wharf" and "quiet" (spoken by a different
    person each) and `count` people whose bios say they know the wharf: words that the
    module's interview does not use (it may be built), so they match these pages only."""
    for n in range(count):
        person = factories.make_person(f"Pilot {n}", short_bio=f"Pilot {n} knows the wharf.")
        turns = [
            factories.turn("We left early.", speaker=person, timecode=0),
            factories.turn("The wharf was quiet.", speaker=person, timecode=30),
        ]
        factories.make_article(
            f"Crossing {n}", body=[factories.video_segment("Departure", turns=turns)]
        )


def queries_of_a_search(client, path, params):
    """(the SQL queries of a search with Django's cache emptied, the response). The same
    search is made once before: the process's own caches (content types, say) are then warm,
    as in a site that has served a page, so the count does not depend on what ran before."""
    client.get(path, params)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(queries), response


def queries_to_search(client, query, page):
    used, response = queries_of_a_search(client, "/en/search/", {"q": query, "page": page})
    return used, results(BeautifulSoup(response.content, "html.parser"))


@pytest.mark.parametrize("count", [1, 12], ids=["few", "many"])
@pytest.mark.parametrize(("query", "matches_per_count"), [("wharf", 2), ("quiet", 1), ("knows", 1)])
def test_a_page_of_results_costs_a_fixed_number_of_queries(client, count, query, matches_per_count):
    build_matches(count)
    total = count * matches_per_count
    seen = []
    for page in range(1, (total - 1) // 10 + 2):
        used, found = queries_to_search(client, query, page)
        assert len(found) == min(10, total - 10 * (page - 1))
        assert used == SEARCH_QUERY_BUDGET[frozenset(result["kind"] for result in found)]
        seen.extend(found)
    assert len({result["url"] for result in seen}) == total
    if query == "quiet":  # every result is a turn, its speaker named
        assert {result["turn"] for result in seen} == {f"0:30 Pilot {n}" for n in range(count)}


def test_search_is_never_served_from_the_page_cache(client, settings, interview):
    """Every distinct query would be an entry of its own (search/urls.py): the page cache,
    on for this test, neither stores nor serves search results; a new interview is found at
    once by the same address."""
    settings.PAGE_CACHE = True
    first = client.get("/en/search/", {"q": "harbour"})
    second = client.get("/en/search/", {"q": "harbour"})

    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    before = len(results(BeautifulSoup(second.content, "html.parser")))
    factories.make_article("The harbour at night", standfirst="A harbour story.")
    after = client.get("/en/search/", {"q": "harbour"})
    assert len(results(BeautifulSoup(after.content, "html.parser"))) == before + 1
