"""Admin form data for pages that already exist, as the Wagtail editor's JavaScript posts it:
every StreamField and ListBlock child keeps its id, so an edit changes only what the editor
changed (wagtail-localize keys translated strings by those ids)."""

from wagtail import blocks
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def block_form_data(block, value):
    """The form data of one block value (before `nested_form_data` flattens it)."""
    if isinstance(block, blocks.StreamBlock):
        return _children(
            (child.id, child.block_type, block_form_data(child.block, child.value))
            for child in value
        )
    if isinstance(block, blocks.ListBlock):
        return _children(
            (item.id, None, block_form_data(block.child_block, item.value))
            for item in value.bound_blocks
        )
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_data(child, value.get(name))
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        if not value:  # Draftail posts an empty editor as null, which is saved as ""
            return "null"
        return rich_text(value.source, features=block.features)
    if isinstance(block, blocks.ChooserBlock):
        return "" if value is None else str(value.pk)
    form_value = block.value_for_form(value)
    return "" if form_value is None else str(form_value)


def _children(children):
    data = {}
    for index, (child_id, block_type, value) in enumerate(children):
        child = {"value": value, "id": child_id or "", "deleted": "", "order": str(index)}
        if block_type is not None:
            child["type"] = block_type
        data[str(index)] = child
    data["count"] = str(len(data))
    return data


def article_edit_form_data(article, **changes):
    """The edit form of `article` as saved, with `changes` (field name → new value; `body`
    as a StreamValue) applied."""
    body = changes.pop("body", article.body)
    # A multiple choice is posted as repeated values; nested_form_data would make it
    # `topics-0`, `topics-1`…, which the form ignores (and so cleared the topics).
    topics = changes.pop("topics", [str(topic.pk) for topic in article.topics.all()])
    roles = list(article.people.all())
    fields = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "hero_image": str(article.hero_image_id or ""),
        "hero_alt_text": article.hero_alt_text,
        "hero_caption": article.hero_caption,
        "hero_credit": article.hero_credit,
        "body": block_form_data(article.body.stream_block, body),
        "credits": rich_text(article.credits),
        "people": inline_formset(
            [
                {"id": str(role.pk), "person": str(role.person_id), "role": role.role}
                for role in roles
            ],
            initial=len(roles),
        ),
        "original_publication_date": article.original_publication_date.isoformat(),
        "last_updated": article.last_updated.isoformat() if article.last_updated else "",
        "canonical_url": article.canonical_url,
        "seo_title": article.seo_title,
        "search_description": article.search_description,
        "go_live_at": "",
        "expire_at": "",
    }
    fields.update(changes)
    return {**nested_form_data(fields), "topics": topics}
