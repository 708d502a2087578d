"""The list of speaker turns of a transcript, edited as compact rows.

Wagtail's ListBlock builds a full form for every item when the editor opens: for a speaker turn
that is a person chooser, two text inputs and a stream of Draftail editors, ~200 DOM elements.
A two-hour interview has ~1,200 turns, and the page editor stopped being usable (issue 16).

`TurnListBlock` is a ListBlock in everything Python sees — the same child block, the same
stored JSON, ids, validation, wagtail-localize extraction, revisions and comparison — with its
own editor (articles/static/articles/js/turn_list.js). The server sends each turn's stored JSON
and a one-line summary (timecode, speaker, first words); the browser shows the summaries and
builds Wagtail's real form for a turn only when the editor opens it, after fetching its form
state (`child_form_states`, served by articles/turn_forms.py).

What the browser posts, per position n of `<prefix>-count`: `-n-order`, `-n-id` as Wagtail's
ListBlock does (`-n-deleted` only for a deleted position), and either `-n-json` (a turn never
opened: its stored JSON, sent back as it came) or Wagtail's own form fields under `-n-value`
(a turn opened or added).
"""

import json

from django import forms
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import register
from wagtail.blocks.list_block import ListBlockAdapter, ListValue

# Child blocks whose forms the browser may ask for, by `child_key` (one per child block class:
# every TurnListBlock of a class has the same child form).
_CHILD_BLOCKS = {}


def child_key(block):
    return f"{type(block).__module__}.{type(block).__qualname__}"


def child_form_states(key, values):
    """Wagtail form states for stored child values (the JSON the editor was given), for the
    child block registered under `key`; KeyError if there is none."""
    child = _CHILD_BLOCKS[key]
    return [child.get_form_state(value) for value in child.bulk_to_python(values)]


class TurnListBlock(blocks.ListBlock):
    """A ListBlock of speaker turns edited as collapsed rows. The child block must have a
    `summary(value)` method returning {"timecode", "speaker", "words"} (strings)."""

    def __init__(self, child_block, **kwargs):
        super().__init__(child_block, **kwargs)
        _CHILD_BLOCKS.setdefault(child_key(self.child_block), self.child_block)

    __init__.has_child_block_arg = True  # Wagtail's migrations: the first argument is the child

    def get_form_state(self, value):
        """Per turn: its id, its stored value and its summary — not its form state."""
        value = self.normalize(value)
        return [
            {
                "id": bound.id,
                "value": self.child_block.get_prep_value(bound.value),
                "summary": self.child_block.summary(bound.value),
            }
            for bound in value.bound_blocks
        ]

    def value_from_datadict(self, data, files, prefix):
        count = int(data[f"{prefix}-count"])
        positions, stored = [], []
        for n in range(count):
            if data.get(f"{prefix}-{n}-deleted"):
                continue
            order = int(data[f"{prefix}-{n}-order"])
            block_id = data.get(f"{prefix}-{n}-id") or None
            raw = data.get(f"{prefix}-{n}-json")
            if raw is None:
                value = self.child_block.value_from_datadict(data, files, f"{prefix}-{n}-value")
                positions.append((order, block_id, value))
            else:
                try:
                    stored.append((order, block_id, json.loads(raw)))
                except ValueError:
                    raise SuspiciousOperation(f"{prefix}-{n}-json is not JSON") from None
        # Unopened turns in one bulk_to_python: speakers are fetched in one query.
        values = self.child_block.bulk_to_python([raw for _order, _id, raw in stored])
        positions += [
            (order, block_id, value)
            for (order, block_id, _raw), value in zip(stored, values, strict=True)
        ]
        positions.sort(key=lambda position: position[0])
        return ListValue(
            self,
            bound_blocks=[
                ListValue.ListChild(self.child_block, value, id=block_id)
                for _order, block_id, value in positions
            ],
        )


class TurnListBlockAdapter(ListBlockAdapter):
    js_constructor = "articles.blocks.TurnListBlock"

    def js_args(self, block):
        name, child, initial_state, meta = super().js_args(block)
        meta = meta | {
            "childKey": child_key(block.child_block),
            "formStateUrl": reverse("articles_turn_form_states"),
            "strings": {
                "open": _("Edit this turn"),
                "close": _("Done editing this turn"),
                "moveUp": _("Move up"),
                "moveDown": _("Move down"),
                "delete": _("Delete this turn"),
                "insertAfter": _("Add a turn after this one"),
                "add": _("Add a turn"),
                "turn": _("Turn %(number)s"),
                "noSpeaker": _("No speaker yet"),
                "noWords": _("Nothing written yet"),
                "attention": _("Speaker turns that need attention"),
                "hasErrors": _("This turn needs attention."),
                "loadFailed": _("This turn could not be opened. Reload the page and try again."),
                "loading": _("Opening…"),
            },
        }
        return [name, child, initial_state, meta]

    @cached_property
    def media(self):
        return super().media + forms.Media(
            js=[versioned_static("articles/js/turn_list.js")],
            css={"all": [versioned_static("articles/css/turn_list.css")]},
        )


register(TurnListBlockAdapter(), TurnListBlock)
