"""Article files, under an article's own address (included in `i18n_patterns`, before
Wagtail's page URLs): `/<lang>/interviews/<slug>/captions/<segment id>.vtt`,
`/<lang>/interviews/<slug>/chapters/<segment id>.vtt` and
`/<lang>/interviews/<slug>/transcript.txt`."""

from django.urls import re_path

from . import views

app_name = "articles"

# The page path as Wagtail's own pattern matches it: slugs, each followed by a slash.
PAGE_PATH = r"(?P<page_path>(?:[\w\-]+/)+)"

urlpatterns = [
    re_path(
        rf"^{PAGE_PATH}captions/(?P<segment_id>[\w\-]+)\.vtt$", views.captions, name="captions"
    ),
    re_path(
        rf"^{PAGE_PATH}chapters/(?P<segment_id>[\w\-]+)\.vtt$", views.chapters, name="chapters"
    ),
    re_path(rf"^{PAGE_PATH}transcript\.txt$", views.transcript_text, name="transcript_text"),
]
