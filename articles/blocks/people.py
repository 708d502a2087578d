from wagtail import blocks


class PersonChooserBlock(blocks.PageChooserBlock):
    """Chooses a person's bio page. Never sent to translators: a translated article shows the
    bio in its own language when it exists (see articles.people_links)."""

    def __init__(self, **kwargs):
        super().__init__(page_type="people.PersonPage", **kwargs)

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs.pop("page_type", None)
        return ("articles.blocks.PersonChooserBlock", args, kwargs)
