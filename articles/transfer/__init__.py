"""Articles and their people as JSON files that move between databases (see
docs/content-format.md): `export_articles()` builds a document, `import_articles()` writes
one back, all or nothing."""

from .exporting import export_articles, to_json
from .importing import import_articles
from .layout import FORMAT, VERSION
from .problems import TransferError

__all__ = ["FORMAT", "VERSION", "TransferError", "export_articles", "import_articles", "to_json"]
