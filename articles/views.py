"""Files that belong to an article page, in its language: a video segment's captions and
chapters (WebVTT) and the whole transcript as plain text.

They are plain URL patterns beside Wagtail's rather than RoutablePageMixin routes because
Wagtail's page URL pattern only matches paths ending in a slash (`[\\w-]+/`), never a file
name such as `transcript.txt`. The article is found the way Wagtail's own `serve` view finds
it — routing from the site's root in the URL's language, so only live pages answer — and
Wagtail's serving hooks run around it, so privacy restrictions apply to the files too.
"""

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.models import Page

from .captions import (
    build_chapters,
    build_transcript_text,
    build_webvtt,
    find_segment,
    has_chapters,
    has_transcript,
)
from .models import ArticlePage
from .people_links import localized_people


def serve_article_file(view):
    """Decorate `view(request, page, people, **kwargs)`: find the live article at
    `page_path`, run Wagtail's serving hooks around it as its `serve` view does (privacy
    restrictions are an `on_serve_page` hook), load its people in the page's language."""

    @require_safe
    def wrapper(request, page_path, **kwargs):
        route = Page.route_for_request(request, page_path)
        if route is None:
            raise Http404
        page, args, route_kwargs = route
        if args or route_kwargs or not isinstance(page, ArticlePage):
            raise Http404

        def serve_file(page, request, args, route_kwargs):
            people = localized_people(page, list(page.people.all()))
            return view(request, page, people, **kwargs)

        serve_chain = serve_file
        for hook in reversed(hooks.get_hooks("on_serve_page")):
            serve_chain = hook(serve_chain)
        for hook in hooks.get_hooks("before_serve_page"):
            response = hook(page, request, args, route_kwargs)
            if isinstance(response, HttpResponse):
                return response
        return serve_chain(page, request, args, route_kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@serve_article_file
def captions(request, page, people, segment_id):
    """`…/<article>/captions/<segment block id>.vtt`: one video segment's captions."""
    segment = find_segment(page, segment_id)
    if segment is None:
        raise Http404
    response = HttpResponse(
        build_webvtt(segment.value, people), content_type="text/vtt; charset=utf-8"
    )
    response["Content-Language"] = get_language()
    return response


@serve_article_file
def chapters(request, page, people, segment_id):
    """`…/<article>/chapters/<segment block id>.vtt`: the chapters of a segment's video."""
    segment = next(
        (
            block
            for block in page.body
            if block.block_type == "video_segment" and str(block.id) == segment_id
        ),
        None,
    )
    if segment is None or not has_chapters(page, segment):
        raise Http404
    response = HttpResponse(
        build_chapters(page, segment, people), content_type="text/vtt; charset=utf-8"
    )
    response["Content-Language"] = get_language()
    return response


@serve_article_file
def transcript_text(request, page, people):
    """`…/<article>/transcript.txt`: every transcript of the article, as a download."""
    if not has_transcript(page):
        raise Http404
    text = build_transcript_text(page, people, url=page.get_full_url(request))
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Language"] = get_language()
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{page.slug}-{get_language()}.txt"
    )
    return response
