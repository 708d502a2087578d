"""Rich text from a file, cleaned exactly as Wagtail's editor cleans what an editor types.

The page editor (Draftail) loads a field's stored HTML into its own document model and saves
that model back as HTML: whatever the field's features do not allow (a `<script>`, an
`onerror` attribute, a `javascript:` link, an iframe, a heading in a field without headings)
does not survive the trip. Import sends every rich text value through the same two
conversions, with the same features, so a file can put nothing in front of readers that the
editor could not.

Two differences from a fresh editor save keep the round trip lossless and re-imports
idempotent: the random `data-block-key` the editor gives a paragraph that had none is not
added (keys already in the file are kept), and text that the editor only wraps in a paragraph
(`Prepare`, `two <i>cameras</i>`) is kept as the file gives it: readers see the same."""

import re
import threading
import warnings

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning
from django.utils.html import escape
from wagtail.admin.rich_text import get_rich_text_editor_widget

# Elements whose content is not text a reader should ever see, removed with their content
# (the editor would keep the script's text as words).
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "template",
    "noscript",
    "svg",
    "math",
    "frame",
    "frameset",
    "title",
    "head",
}
BLOCK_KEY = re.compile(r' data-block-key="([^"]*)"')
BLOCK_TAG = re.compile(r"<(?:p|h[1-6]|ul|ol|li|blockquote|hr|embed|div)\b", re.IGNORECASE)
SINGLE_PARAGRAPH = re.compile(r"^<p>(?P<inner>.*)</p>$", re.DOTALL)


class RichTextProblem(ValueError):
    """Rich text that the editor could not read either."""


_converters = threading.local()  # a converter keeps parser state while it reads


def editor_converter(editor, features):
    """The converter the page editor uses for a field with `features` (a tuple or None)."""
    cache = _converters.__dict__.setdefault("by_features", {})
    if (editor, features) not in cache:
        widget = get_rich_text_editor_widget(editor, features=list(features) if features else None)
        cache[editor, features] = widget.converter
    return cache[editor, features]


def converter_for(block_or_field):
    features = getattr(block_or_field, "features", None)
    return editor_converter(
        getattr(block_or_field, "editor", "default"), tuple(features) if features else None
    )


def clean_rich_text(html, converter):
    """`html` as the editor would store it (see the module's docstring)."""
    if not isinstance(html, str) or not html.strip():
        return html
    well_formed = _well_formed(html)
    try:
        stored = converter.to_database_format(converter.from_database_format(well_formed))
    except Exception as error:  # the editor's parser asserts on what it cannot read
        raise RichTextProblem(
            "This rich text cannot be read as HTML; write it as the editor would save it."
        ) from error
    given_keys = set(BLOCK_KEY.findall(html))
    stored = BLOCK_KEY.sub(
        lambda match: match[0] if match[1] in given_keys else "",
        stored,
    )
    if stored == html:
        return html
    paragraph = SINGLE_PARAGRAPH.match(stored)
    if paragraph and not BLOCK_TAG.search(html) and paragraph["inner"] == html:
        return html  # text the editor only wraps in <p>: the same for readers
    return stored


def _well_formed(html):
    """`html` parsed leniently (as a browser would) and written back with every tag closed,
    without the elements that must never reach readers, so the editor's strict parser can
    read it."""
    with warnings.catch_warnings():  # a bare address as the text is fine here
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        document = BeautifulSoup(html, "html.parser")
    for comment in document.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    for element in document.find_all(DROPPED_WITH_CONTENT):
        element.decompose()
    return document.decode(formatter=escape_text)


def escape_text(text):
    # Like Wagtail's own whitelister: escape <, >, & and quotes, so attribute values are
    # always in double quotes and text reads back the same.
    return escape(text)
