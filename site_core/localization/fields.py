from wagtail_localize.fields import SynchronizedField

# Translators see prose only. A page's slug is copied from the source, never offered for
# translation or override, so every language's URL of a page ends the same way.
SOURCE_SLUG = [SynchronizedField("slug", overridable=False)]
