"""Article bodies in a file: Wagtail's own StreamField JSON, except that chooser values
name what they point at (see references) instead of holding database ids.

Wagtail silently drops block types and fields it does not know, so the walk checks the
shape of the JSON against the real block definitions before Wagtail reads it. On import the
walk also cleans rich text as the editor would (see rich_text) and gives list items without
an id one: Wagtail reads a list item without an id as a bare value (a turn would lose its
speaker, a third-level item would print as `{'type': 'item', …}`)."""

import uuid

from wagtail import blocks

from .references import ReferenceProblem
from .rich_text import RichTextProblem, clean_rich_text, converter_for

BLOCK_KEYS = {"type", "value", "id"}


def swap_references(block, value, path, swap, problems, *, clean=False, add_ids=False):
    """A copy of the raw JSON `value` of `block` with each chooser value replaced by
    `swap(model, value)`. Problems of shape and reference are added to `problems`. With
    `clean`, rich text is cleaned as the editor would clean it; with `add_ids`, list items
    without an id get a new one."""
    return BodyWalk(swap, problems, clean=clean, add_ids=add_ids).walk(block, value, path)


class BodyWalk:
    def __init__(self, swap, problems, *, clean, add_ids):
        self.swap, self.problems = swap, problems
        self.clean, self.add_ids = clean, add_ids

    def walk(self, block, value, path):
        problems = self.problems
        if isinstance(block, blocks.BaseStreamBlock):
            return self.stream(block, value, path)
        if isinstance(block, blocks.ListBlock):
            return self.list(block, value, path)
        if isinstance(block, blocks.BaseStructBlock):
            return self.struct(block, value, path)
        if isinstance(block, blocks.ChooserBlock):
            try:
                return self.swap(block.model_class, value)
            except ReferenceProblem as problem:
                problems.add(path, problem)
                return None
        if isinstance(block, blocks.RichTextBlock):
            if not isinstance(value, str):
                problems.add(path, "Expected rich text (an HTML string).")
            elif self.clean:
                try:
                    return clean_rich_text(value, converter_for(block))
                except RichTextProblem as problem:
                    problems.add(path, problem)
        elif isinstance(value, list | dict):
            problems.add(path, "Expected a single value, not a list or an object.")
        return value

    def stream(self, block, value, path):
        if not isinstance(value, list):
            self.problems.add(
                path, 'Expected a list of blocks: [{"type": …, "value": …, "id": …}].'
            )
            return value
        result = []
        for index, child in enumerate(value):
            child_path = f"{path}[{index}]"
            if not self.is_block_dict(child, child_path):
                continue
            child_block = block.child_blocks.get(child["type"])
            if child_block is None:
                self.problems.add(
                    f"{child_path}.type",
                    f"Unknown block type “{child['type']}”; expected one of {_names(block)}.",
                )
                continue
            child_value = self.walk(child_block, child["value"], f"{child_path}.value")
            result.append({**child, "value": child_value})
        return result

    def list(self, block, value, path):
        if not isinstance(value, list):
            self.problems.add(
                path, 'Expected a list of items: [{"type": "item", "value": …, "id": …}].'
            )
            return value
        result = []
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if not self.is_block_dict(item, item_path):
                continue
            if item["type"] != "item":
                self.problems.add(f"{item_path}.type", "A list item’s type must be “item”.")
                continue
            item_value = self.walk(block.child_block, item["value"], f"{item_path}.value")
            item = {**item, "value": item_value}
            if self.add_ids and not item.get("id"):
                item["id"] = str(uuid.uuid4())
            result.append(item)
        return result

    def struct(self, block, value, path):
        if not isinstance(value, dict):
            self.problems.add(path, f"Expected an object with the fields {_names(block)}.")
            return value
        for name in sorted(value.keys() - block.child_blocks.keys()):
            self.problems.add(f"{path}.{name}", f"Unknown field; expected one of {_names(block)}.")
        return {
            name: self.walk(child_block, value[name], f"{path}.{name}")
            for name, child_block in block.child_blocks.items()
            if name in value
        }

    def is_block_dict(self, child, path):
        if (
            not isinstance(child, dict)
            or not {"type", "value"} <= child.keys()
            or not isinstance(child["type"], str)
        ):
            self.problems.add(path, 'Expected a block: {"type": …, "value": …, "id": …}.')
            return False
        for key in sorted(child.keys() - BLOCK_KEYS):
            self.problems.add(f"{path}.{key}", "Unknown key; a block has only type, value and id.")
        if child.get("id") is not None and not isinstance(child["id"], str):
            self.problems.add(f"{path}.id", "Expected a block id (a string), or no id at all.")
            return False
        return True


def same_content(given, stored):
    """True when the file's `given` value says what `stored` (an export) holds; block ids the
    file leaves out are not compared (import gives those blocks new ids)."""
    if isinstance(given, dict) and isinstance(stored, dict):
        if given.get("id") is None:  # left out (or null): import gives the block a new id
            given = {key: value for key, value in given.items() if key != "id"}
            stored = {key: value for key, value in stored.items() if key != "id"}
        return given.keys() == stored.keys() and all(
            same_content(given[key], stored[key]) for key in given
        )
    if isinstance(given, list) and isinstance(stored, list):
        return len(given) == len(stored) and all(map(same_content, given, stored))
    return given == stored and type(given) is type(stored)


def _names(block):
    return ", ".join(block.child_blocks)
