"""A page is stored as one gzip member that reuses the compressed form of the parts it prints
(site_core/page_cache/compression.py): whatever the parts, it decompresses to the page."""

import gzip
import zlib

import pytest

from site_core.page_cache import compression

TRANSCRIPT = "".join(f"<p>Turn {n}: what was said, at length.</p>\n" for n in range(400)).encode()
PEOPLE = "".join(f"<li>Person {n}, who spoke</li>" for n in range(200)).encode()
PAGE = b"<!DOCTYPE html><header>Title</header>" + TRANSCRIPT + b"<aside>" + PEOPLE + b"</aside>"


def part(data):
    return data, compression.deflate_part(data)


def test_the_parts_compressed_form_is_used_as_it_is():
    transcript = part(TRANSCRIPT)

    gzipped = compression.gzip_page(PAGE, [transcript])

    assert transcript[1] in gzipped
    assert gzip.decompress(gzipped) == PAGE


@pytest.mark.parametrize(
    "parts",
    [
        [],
        [part(TRANSCRIPT), part(PEOPLE)],
        [part(PEOPLE), part(TRANSCRIPT)],  # in any order
        [part(b"<p>not on this page</p>" * 200)],
        [part(b"<p>tiny</p>")],  # too small to keep compressed: compressed with the page
        [part(PAGE)],  # the whole page
    ],
    ids=["none", "two", "two-reversed", "absent", "tiny", "whole"],
)
def test_every_joined_page_decompresses_to_the_page(parts):
    gzipped = compression.gzip_page(PAGE, parts)

    assert gzip.decompress(gzipped) == PAGE
    # A streaming decoder, as browsers and proxies use, reads it as one member to its end.
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    assert decoder.decompress(gzipped) + decoder.flush() == PAGE
    assert decoder.eof and decoder.unused_data == b""


def test_joined_pages_compress_about_as_well_as_whole_ones():
    joined = compression.gzip_page(PAGE, [part(TRANSCRIPT), part(PEOPLE)])
    whole = compression.gzip_page(PAGE)

    assert len(joined) < len(whole) * 1.1
