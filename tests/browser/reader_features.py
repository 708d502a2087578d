"""The list of issue 21's reader features that tests/browser/test_reader_features.py
screenshots in English and Arabic, and docs/reader-features.md made from it. Plain Python (no
Django), so that `.venv/bin/python -m tests.browser.reader_features` rewrites the doc."""

from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "reader-features.md"
LANGUAGES = {"en": "English", "ar": "Arabic"}

# Each feature: (its name, what its screenshots show, in English then in Arabic).
FEATURES = {
    "people-and-language-marks": (
        "People on an interview",
        "The English interview: the person interviewed apart from who made the interview, "
        "with role labels that fit anyone; nothing marked as another language.",
        "The Arabic translation: Ada Lovelace, whose bio is not translated, is shown in English, "
        'marked `lang="en"` (her links `hreflang="en"`) and said to be so in Arabic.',
    ),
    "article-cards": (
        "Article cards",
        "The interviews listing: each card names the person interviewed and gives the video's "
        "length in a `<time>`.",
        'The same card in Arabic, right to left; the untranslated name is marked `lang="en"`.',
    ),
    "missing-page-offers-languages": (
        "A page missing in this language",
        "An interview published only in French and Spanish, asked for in English: a 404 that "
        "offers both versions, each link with `lang` and `hreflang`.",
        "The same, asked for in Arabic: the explanation in Arabic, the offers in their own "
        "languages.",
    ),
    "empty-home-lists-other-languages": (
        "A language's home with no interview yet",
        'The English home when nothing is published in English: "Readable now in other '
        'languages" lists the interview in French, with Spanish beside it.',
        "The Arabic home in the same state.",
    ),
    "follow-along-paused": (
        "Follow-along paused",
        'The reader scrolled away while the video plays: following pauses and "Back to the '
        'video" appears on screen.',
        'The same in Arabic ("العودة إلى الفيديو"), on the inline-end side (left).',
    ),
    "transcript-skip-link": (
        "Skipping the transcript",
        'Keyboard focus on "Skip the transcript", just before the transcript.',
        "The same link in Arabic.",
    ),
    "transcript-search": (
        "Search within the transcript",
        "A search for a name: matches marked, counted and announced, next and previous.",
        "The same search on the Arabic page, with its Arabic status.",
    ),
    "captions-chapters-speed": (
        "Captions, chapters and playback speed",
        "Under the video: the captions download link (WebVTT), the playback speed control, "
        "and the chapters track the browser reads.",
        "The same controls in Arabic.",
    ),
    "newsletter-archive": (
        "Newsletter archive",
        "The English archive lists the issues sent in English, with their dates.",
        "The Arabic archive, right to left, lists the Arabic issue only.",
    ),
    "podcast-feed-link": (
        "Podcast feed",
        "The home page's visible link to the language's podcast feed (also announced in "
        "`<head>` for podcast apps).",
        "The Arabic home's link to the Arabic podcast feed.",
    ),
}


def screenshot_name(feature, language):
    return f"{feature}-{language}.png"


def markdown():
    """docs/reader-features.md, from FEATURES."""
    lines = [
        "# Reader features of issue 21, in English and Arabic",
        "",
        "Screenshots taken by `tests/browser/test_reader_features.py` (Chromium), which checks",
        "what each one shows before saving it. Run it with",
        "`.venv/bin/pytest -n 0 tests/browser/test_reader_features.py`; the files are written to",
        "`test-artifacts/screenshots/reader-features/` (not committed).",
        "",
    ]
    for feature, (title, *descriptions) in FEATURES.items():
        lines += [f"## {title}", ""]
        for language, description in zip(LANGUAGES, descriptions, strict=True):
            lines.append(f"- `{screenshot_name(feature, language)}`: {description}")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    DOC.write_text(markdown())
