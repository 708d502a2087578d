"""Prose blocks: headings, paragraphs, quotes, lists and captioned images."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import RichText

from .fields import AnchorBlock
from .images import PrefetchedImageChooserBlock
from .people import PersonChooserBlock

# "quotation": an inline quotation, stored and shown as <q> (registered in
# articles/wagtail_hooks.py; readers get each language's quotation marks from the stylesheet;
# translators keep it inside their strings: `translations_inline_tags` in articles/apps.py).
INLINE_QUOTATION_FEATURE = "quotation"
INLINE_QUOTATION_TAG = "q"
INLINE_FEATURES = ["bold", "italic", INLINE_QUOTATION_FEATURE, "link"]
PARAGRAPH_FEATURES = [
    "bold",
    "italic",
    INLINE_QUOTATION_FEATURE,
    "link",
    "superscript",
    "subscript",
]
LIST_STYLES = [
    ("bulleted", _("Bulleted")),
    ("numbered", _("Numbered (1, 2, 3)")),
    ("lettered", _("Lettered (a, b, c)")),
]


class HeadingValue(blocks.StructValue):
    @property
    def anchor_id(self):
        """The editor's anchor, else one made from the heading text."""
        return self.get("anchor") or slugify(self.get("text") or "", allow_unicode=True)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))],
        default="h2",
        label=_("Level"),
    )
    anchor = AnchorBlock(
        label=_("Anchor"),
        help_text=_(
            "Optional anchor for links to this heading (#anchor); "
            "made from the heading text if empty."
        ),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        description = _("A section heading (h2) or subheading (h3) with a linkable anchor.")
        template = "articles/blocks/heading.html"
        value_class = HeadingValue
        form_layout = blocks.BlockGroup(children=["text", "level"], settings=["anchor"])
        preview_value = {"text": "Why we film long conversations", "level": "h2", "anchor": ""}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        description = _("Running text with bold, italics and links.")
        template = "articles/blocks/paragraph.html"
        preview_value = RichText(
            "<p>Every interview is published <b>in full</b>: the video, and every word said.</p>"
        )


# Between who is quoted and where ("Ada Lovelace, Notes"): a comma in each language's script
# (Arabic: "،"). articles/blocks/quote.html says the same with {% translate … context … %}.
ATTRIBUTION_SEPARATOR = pgettext_lazy("between who is quoted and the source", ", ")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution_person = PersonChooserBlock(required=False, label=_("Said by (person)"))
    attribution_name = blocks.CharBlock(
        required=False,
        label=_("Said by (name)"),
        help_text=_("For someone without a bio on Parlance."),
    )
    source_title = blocks.CharBlock(required=False, label=_("Source title"))
    source_url = blocks.URLBlock(required=False, label=_("Source address"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        description = _("A quoted saying, with who said it and where.")
        template = "articles/blocks/quote.html"
        form_layout = blocks.BlockGroup(
            children=["text", "attribution_person", "attribution_name"],
            settings=["source_title", "source_url"],
        )
        preview_value = {
            "text": "The medium is the message.",
            "attribution_name": "Marshall McLuhan",
            "source_title": "Understanding Media",
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("attribution_person") and value.get("attribution_name"):
            raise StructBlockValidationError(
                block_errors={
                    "attribution_name": ValidationError(
                        _("Choose a person or type a name, not both.")
                    )
                }
            )
        return value


def item_quote_block():
    """A quotation inside a list item (rendered as a <blockquote> in the <li>)."""
    return blocks.TextBlock(
        required=False,
        default="",  # items saved before it existed get "", not None (extraction needs a str)
        label=_("Quotation in this item"),
        help_text=_("Words quoted in this item, shown as a quotation under its text."),
    )


def nested_style_block():
    return blocks.ChoiceBlock(
        choices=LIST_STYLES, default="bulleted", label=_("Style of the nested list")
    )


def text_after_block():
    """Text that continues a list item after its nested list (a paragraph in the same <li>)."""
    return blocks.RichTextBlock(
        features=INLINE_FEATURES,
        required=False,
        default="",
        label=_("Text after the nested list"),
        help_text=_("Where the item goes on once its nested list is over."),
    )


class SubListItemBlock(blocks.StructBlock):
    """A second-level item, which may carry a third level of items (bulleted, numbered or
    lettered), a quotation, and text that follows its nested list."""

    text = blocks.RichTextBlock(features=INLINE_FEATURES, label=_("Item"))
    quote = item_quote_block()
    sub_style = nested_style_block()
    sub_items = blocks.ListBlock(
        blocks.RichTextBlock(features=INLINE_FEATURES, label=_("Item")),
        default=[],
        label=_("Sub-items"),
        collapsed=True,
    )
    text_after = text_after_block()

    class Meta:
        icon = "list-ul"
        label = _("Sub-item")
        form_layout = blocks.BlockGroup(
            children=["text", "quote", "sub_items", "text_after"], settings=["sub_style"]
        )


class ListItemBlock(blocks.StructBlock):
    """A first-level item with its own nested list. (The nested list's style and items sit
    directly on the item: wagtail-localize does not extract a list inside a StructBlock inside
    a StructBlock, so a separate "sub-list" block would hide its items from translators. The
    quotation and the text after the nested list are plain fields of the item for the same
    reason; tests/articles/test_list_structures.py translates each of them.)"""

    text = blocks.RichTextBlock(features=INLINE_FEATURES, label=_("Item"))
    quote = item_quote_block()
    sub_style = nested_style_block()
    sub_items = blocks.ListBlock(
        SubListItemBlock(), default=[], label=_("Nested list"), collapsed=True
    )
    text_after = text_after_block()

    class Meta:
        icon = "list-ul"
        label = _("Item")
        form_layout = blocks.BlockGroup(
            children=["text", "quote", "sub_items", "text_after"], settings=["sub_style"]
        )


class OutlineBlock(blocks.StructBlock):
    """A bulleted, numbered or lettered list, nested up to three levels deep."""

    style = blocks.ChoiceBlock(choices=LIST_STYLES, default="bulleted", label=_("Style"))
    start = blocks.IntegerBlock(
        required=False,
        min_value=1,
        label=_("Start at"),
        help_text=_(
            "For a numbered or lettered list that continues an earlier one: the number of its "
            "first item (4 starts a lettered list at d)."
        ),
    )
    items = blocks.ListBlock(ListItemBlock(), min_num=1, label=_("Items"))

    class Meta:
        icon = "list-ol"
        label = _("List")
        description = _("A bulleted, numbered or lettered (a, b, c) list with nested items.")
        template = "articles/blocks/outline.html"
        form_layout = blocks.BlockGroup(children=["style", "items"], settings=["start"])
        preview_value = {
            "style": "numbered",
            "items": [
                {
                    "text": RichText("Record the whole conversation"),
                    "sub_style": "bulleted",
                    "sub_items": [{"text": RichText("two cameras"), "sub_items": []}],
                },
                {"text": RichText("Transcribe every word"), "sub_items": []},
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("start") is not None and value.get("style") == "bulleted":
            raise StructBlockValidationError(
                block_errors={
                    "start": ValidationError(
                        _("A bulleted list has no numbers: leave “Start at” empty.")
                    )
                }
            )
        if not self.is_deferred_validation:  # a draft may keep unfinished items
            errors = empty_item_errors(value["items"])
            if errors:
                raise StructBlockValidationError(
                    block_errors={"items": ListBlockValidationError(block_errors=errors)}
                )
        return value


def empty_item_errors(items):
    """{index: error} for list items (and their nested items) that hold no text."""
    message = _("This item is empty.")
    errors = {}
    for index, item in enumerate(items):
        item_errors = {}
        if not rich_text_has_words(item["text"]):
            item_errors["text"] = ValidationError(message)
        sub_items = item.get("sub_items") or []
        if sub_items and isinstance(sub_items[0], RichText):  # the third level: plain texts
            nested = {
                position: ValidationError(message)
                for position, sub_item in enumerate(sub_items)
                if not rich_text_has_words(sub_item)
            }
        else:
            nested = empty_item_errors(sub_items)
        if nested:
            item_errors["sub_items"] = ListBlockValidationError(block_errors=nested)
        if item_errors:
            errors[index] = StructBlockValidationError(block_errors=item_errors)
    return errors


class CaptionedImageBlock(blocks.StructBlock):
    image = PrefetchedImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False,
        max_length=300,
        label=_("Alt text"),
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=300, label=_("Caption"))
    credit = blocks.CharBlock(required=False, max_length=200, label=_("Credit"))

    class Meta:
        icon = "image"
        label = _("Image")
        description = _("A photo or illustration with alt text, caption and credit.")
        template = "articles/blocks/image.html"
        preview_value = {
            "alt_text": "",
            "caption": "A studio set for filming",
            "credit": "Parlance",
        }

    def clean(self, value):
        value = super().clean(value)
        if not self.is_deferred_validation and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the image in alt text, for people who cannot see it.")
                    )
                }
            )
        return value


def rich_text_has_words(value):
    """True when a rich-text value holds visible text, not just empty tags."""
    from django.utils.html import strip_tags

    source = value.source if isinstance(value, RichText) else str(value or "")
    return bool(strip_tags(source).replace("&nbsp;", "").strip())
