"""Article bodies in a file: Wagtail's own StreamField JSON, except that chooser values
name what they point at (see references) instead of holding database ids.

Wagtail silently drops block types and fields it does not know, so the walk checks the
shape of the JSON against the real block definitions before Wagtail reads it."""

from wagtail import blocks

from .references import ReferenceProblem

BLOCK_KEYS = {"type", "value", "id"}


def swap_references(block, value, path, swap, problems):
    """A copy of the raw JSON `value` of `block` with each chooser value replaced by
    `swap(model, value)`. Problems of shape and reference are added to `problems`."""
    if isinstance(block, blocks.BaseStreamBlock):
        return _swap_in_stream(block, value, path, swap, problems)
    if isinstance(block, blocks.ListBlock):
        return _swap_in_list(block, value, path, swap, problems)
    if isinstance(block, blocks.BaseStructBlock):
        return _swap_in_struct(block, value, path, swap, problems)
    if isinstance(block, blocks.ChooserBlock):
        try:
            return swap(block.model_class, value)
        except ReferenceProblem as problem:
            problems.add(path, problem)
            return None
    if isinstance(block, blocks.RichTextBlock) and not isinstance(value, str):
        problems.add(path, "Expected rich text (an HTML string).")
    elif isinstance(value, list | dict):
        problems.add(path, "Expected a single value, not a list or an object.")
    return value


def _swap_in_stream(block, value, path, swap, problems):
    if not isinstance(value, list):
        problems.add(path, 'Expected a list of blocks: [{"type": …, "value": …, "id": …}].')
        return value
    result = []
    for index, child in enumerate(value):
        child_path = f"{path}[{index}]"
        if not _is_block_dict(child, child_path, problems):
            continue
        child_block = block.child_blocks.get(child["type"])
        if child_block is None:
            problems.add(
                f"{child_path}.type",
                f"Unknown block type “{child['type']}”; expected one of {_names(block)}.",
            )
            continue
        child_value = swap_references(
            child_block, child["value"], f"{child_path}.value", swap, problems
        )
        result.append({**child, "value": child_value})
    return result


def _swap_in_list(block, value, path, swap, problems):
    if not isinstance(value, list):
        problems.add(path, 'Expected a list of items: [{"type": "item", "value": …, "id": …}].')
        return value
    result = []
    for index, item in enumerate(value):
        item_path = f"{path}[{index}]"
        if not _is_block_dict(item, item_path, problems):
            continue
        if item["type"] != "item":
            problems.add(f"{item_path}.type", "A list item’s type must be “item”.")
            continue
        item_value = swap_references(
            block.child_block, item["value"], f"{item_path}.value", swap, problems
        )
        result.append({**item, "value": item_value})
    return result


def _swap_in_struct(block, value, path, swap, problems):
    if not isinstance(value, dict):
        problems.add(path, f"Expected an object with the fields {_names(block)}.")
        return value
    for name in sorted(value.keys() - block.child_blocks.keys()):
        problems.add(f"{path}.{name}", f"Unknown field; expected one of {_names(block)}.")
    return {
        name: swap_references(child_block, value[name], f"{path}.{name}", swap, problems)
        for name, child_block in block.child_blocks.items()
        if name in value
    }


def _is_block_dict(child, path, problems):
    if (
        not isinstance(child, dict)
        or not {"type", "value"} <= child.keys()
        or not isinstance(child["type"], str)
    ):
        problems.add(path, 'Expected a block: {"type": …, "value": …, "id": …}.')
        return False
    for key in sorted(child.keys() - BLOCK_KEYS):
        problems.add(f"{path}.{key}", "Unknown key; a block has only type, value and id.")
    return True


def _names(block):
    return ", ".join(block.child_blocks)
