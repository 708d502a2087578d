"""The benchmark's standard dataset, built through the same helpers as the tests.

One interview of three video segments with 60 speaker turns and about 8,000 words, published
in five languages through wagtail-localize (every string translated as "[it] …" and approved),
its two speakers' bios in five languages, and eleven short English articles so the listing shows
a full page of cards. Growth articles (1, 10, 100 segments of the same shape) are built
separately, after the load runs, so they never change what the listing shows.
"""

import random

from wagtail.models import Locale

from tests import factories

TURNS_PER_SEGMENT = 20
WORDS_PER_TURN = 130
OTHER_ARTICLES = 11

# The words of the synthetic prose (the translations prefix it: "[it] …").
WORDS = """
camera conversation memory archive voice silence question answer story language translation
city river winter morning evening friend teacher student book film music light shadow window
street market garden letter photograph journey border island always never perhaps slowly
quietly together again still almost already remember listen speak write read watch wait
return begin change carry keep find the a of and to in that it was for on with as at by from
but not what all were when
"""
VOCABULARY = WORDS.split()


def words(rng, count):
    """`count` words of plausible-looking prose: sentences of 8 to 18 words."""
    sentences = []
    while count > 0:
        length = min(count, rng.randint(8, 18))
        sentence = [rng.choice(VOCABULARY) for _ in range(length)]
        sentences.append(" ".join(sentence).capitalize() + ".")
        count -= length
    return " ".join(sentences)


def segment(number, speakers, rng):
    """A video segment of TURNS_PER_SEGMENT timecoded turns, alternating speakers. The first
    turn also quotes someone and the second holds a nested list, as real interviews do."""
    turns = []
    for index in range(TURNS_PER_SEGMENT):
        first, second = words(rng, WORDS_PER_TURN * 2 // 3), words(rng, WORDS_PER_TURN // 3)
        extra = [factories.paragraph(second)]
        if index == 0:
            extra.append(factories.quote(words(rng, 20), person=speakers[1]))
        if index == 1:
            extra.append(factories.nested_list("lettered"))
        turns.append(
            factories.turn(
                first, speaker=speakers[index % len(speakers)], timecode=index * 30, extra=extra
            )
        )
    return factories.video_segment(f"Part {number}", turns=turns, duration=TURNS_PER_SEGMENT * 30)


def interview_body(speakers, segments, seed=7):
    rng = random.Random(seed)  # noqa: S311 — synthetic prose, not security
    body = [factories.paragraph(words(rng, 60))]
    body += [segment(number, speakers, rng) for number in range(1, segments + 1)]
    return body


def count_words(page):
    stream = page.body.stream_block
    return sum(len(text.split()) for text in stream.get_searchable_content(page.body))


def other_locales():
    return list(Locale.objects.exclude(pk=Locale.get_default().pk).order_by("language_code"))


def build_standard():
    """Build the standard dataset; return what the benchmark needs to know about it."""
    speakers = [
        factories.make_person("Ada Interviewer", photo=True),
        factories.make_person("Bruno Guest", photo=True),
    ]
    topics = [factories.make_topic("Memory"), factories.make_topic("Cinema")]
    article = factories.make_article(
        "A long conversation about memory",
        body=interview_body(speakers, segments=3),
        people=[(speakers[0], "interviewer"), (speakers[1], "interviewee")],
        topics=topics,
        hero_image=factories.make_image("Hero", width=1200, height=675),
    )
    for number in range(OTHER_ARTICLES):
        factories.make_article(
            f"A shorter conversation {number + 1}",
            people=[(speakers[1], "interviewee")],
            topics=topics[:1],
            hero_image=factories.make_image(f"Card {number + 1}", width=1200, height=675),
        )

    articles = {"en": article.url}
    for locale in other_locales():
        for speaker in speakers:
            factories.live_translation(speaker, locale)
        _translation, translated = factories.live_translation(article, locale)
        articles[locale.language_code] = translated.url
    return {
        "article": article.url,
        "articles": articles,
        "listing": article.get_parent().url,
        "people": speakers[0].get_parent().url,
        "people_listed": len(speakers),
        "other_articles": OTHER_ARTICLES,
        "segments": len(article.segments),
        "turns": sum(len(block.value["transcript"]) for block in article.segments),
        "words": count_words(article),
    }


def build_growth(sizes):
    """One English article per size (a number of segments); return {size: facts}."""
    speakers = [factories.make_person(f"Growth speaker {n}") for n in (1, 2)]
    built = {}
    for size in sizes:
        article = factories.make_article(
            f"Growth {size}",
            body=interview_body(speakers, segments=size, seed=size),
            people=[(speakers[1], "interviewee")],
        )
        built[size] = {
            "url": article.url,
            "turns": size * TURNS_PER_SEGMENT,
            "words": count_words(article),
        }
    return built
