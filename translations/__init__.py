"""How Parlance localises content with wagtail-localize: which fields translators see, roles,
review workflows, keeping translations in step with their source, and their status."""
