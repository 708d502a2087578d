"""Uploaded media served by the app (`SERVE_MEDIA`): Django's static `serve` view, plus a
long `Cache-Control` and HTTP range requests, which browsers need to seek in a video
(`Range: bytes=…` → 206 Partial Content; an unsatisfiable range → 416)."""

import re

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe
from django.views.static import serve

RANGE = re.compile(r"bytes=(\d*)-(\d*)")
CHUNK_SIZE = 64 * 1024


class FileSlice:
    """The bytes `start`..`start + length - 1` of an open file, in chunks; closes it."""

    def __init__(self, file, start, length):
        self.file, self.remaining = file, length
        file.seek(start)

    def __iter__(self):
        while self.remaining > 0:
            chunk = self.file.read(min(CHUNK_SIZE, self.remaining))
            if not chunk:
                break
            self.remaining -= len(chunk)
            yield chunk

    def close(self):
        self.file.close()


def byte_range(header, size):
    """(first, last) byte of a single `Range: bytes=…` header; None to send the whole file
    (no range, several ranges or a malformed one); ValueError if it cannot be satisfied."""
    match = RANGE.fullmatch(header.strip())
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if size == 0:
        raise ValueError(header)  # an empty file has no byte to send
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            raise ValueError(header)
        return max(size - length, 0), size - 1
    first, last = int(first), min(int(last), size - 1) if last else size - 1
    if first > last or first >= size:
        raise ValueError(header)
    return first, last


@require_safe
def serve_media(request, path):
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:  # a name the file system refuses (too long, say): no such file
        raise Http404 from error
    cache_control = f"public, max-age={settings.MEDIA_CACHE_SECONDS}"
    if response.status_code != 200:  # 304 Not Modified
        response["Cache-Control"] = cache_control
        return response
    size = int(response["Content-Length"])
    header = request.headers.get("Range", "")
    if_range = request.headers.get("If-Range")
    try:
        wanted = byte_range(header, size) if header else None
    except ValueError:
        response.file_to_stream.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    if wanted is None or (if_range and if_range != response["Last-Modified"]):
        response["Accept-Ranges"] = "bytes"
        response["Cache-Control"] = cache_control
        return response
    first, last = wanted
    partial = StreamingHttpResponse(
        FileSlice(response.file_to_stream, first, last - first + 1),
        status=206,
        content_type=response["Content-Type"],
    )
    partial["Content-Length"] = str(last - first + 1)
    partial["Content-Range"] = f"bytes {first}-{last}/{size}"
    partial["Last-Modified"] = response["Last-Modified"]
    partial["Accept-Ranges"] = "bytes"
    partial["Cache-Control"] = cache_control
    return partial
