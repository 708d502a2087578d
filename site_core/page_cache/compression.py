"""A page gzip-compressed for the cache, reusing the compressed form of the parts kept between
renders (fragments.py) instead of compressing them again.

DEFLATE lets independently compressed pieces be joined: each piece but the last ends with a
full flush (byte-aligned, no reference to what came before), the last one finishes the
stream, and the gzip trailer holds the CRC-32 and length of the whole page. So a miss that
reuses an article's kept transcript compresses only the page around it; the result is one
ordinary gzip member that every client decompresses as if it had been compressed at once."""

import struct
import zlib

from django.conf import settings

# gzip's header: magic, DEFLATE, no flags, no modification time, no extra flags, unknown OS
# (what `gzip.compress(..., mtime=0)` writes).
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
# Smaller parts are compressed with the page: joining saves nothing on them.
SMALLEST_PART = 4096


def deflate(data, *, last):
    """`data` as raw DEFLATE blocks: the end of the stream if `last`, else ending with a full
    flush so that another piece can follow."""
    compressor = zlib.compressobj(settings.PAGE_CACHE_GZIP_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(
        zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH
    )


def deflate_part(data):
    """A kept part's compressed form, to be joined into the pages that print it; None for a
    part too small to be worth it."""
    return deflate(data, last=False) if len(data) >= SMALLEST_PART else None


def gzip_page(content, parts=()):
    """`content` as one gzip member. `parts` are (bytes, their `deflate_part`) of parts the
    page prints verbatim: where they are found, their compressed form is used as it is."""
    pieces, position = [], 0
    found = [(content.find(data), data, deflated) for data, deflated in parts if deflated]
    for _first, data, deflated in sorted(found, key=lambda part: part[0]):
        at = content.find(data, position)
        if at < 0:
            continue  # not printed (or not after the parts before it): compressed with the rest
        pieces += [deflate(content[position:at], last=False), deflated]
        position = at + len(data)
    pieces.append(deflate(content[position:], last=True))
    trailer = struct.pack("<II", zlib.crc32(content), len(content) & 0xFFFFFFFF)
    return b"".join([GZIP_HEADER, *pieces, trailer])
