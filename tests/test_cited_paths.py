"""Comments and docs that cite a test file name one that exists: a moved or renamed test must
take its citations along (a comment once cited a CSP test that was never written)."""

import os
import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SKIPPED = {".git", ".venv", "var", "node_modules", "test-artifacts", "__pycache__"}
CITED_TEST = re.compile(r"tests/[\w/]+\.py")


def sources():
    for directory, subdirectories, files in os.walk(REPO_ROOT):
        subdirectories[:] = [name for name in subdirectories if name not in SKIPPED]
        for name in files:
            if name.endswith((".py", ".md", ".html", ".txt", ".toml")) or name == "Makefile":
                yield Path(directory) / name


def test_every_cited_test_file_exists():
    missing = {
        f"{source.relative_to(REPO_ROOT)}: {cited}"
        for source in sources()
        for cited in CITED_TEST.findall(source.read_text(errors="ignore"))
        if not (REPO_ROOT / cited).exists()
    }
    assert not missing, sorted(missing)
