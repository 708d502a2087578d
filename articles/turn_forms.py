"""The form of a speaker turn, for the page editor's turn list when an editor opens a turn
(articles/blocks/turn_list.py, articles/static/articles/js/turn_list.js).

Wagtail's form state of a turn cannot be made in the browser (rich text is converted to
Draftail's format in Python), and making it for every turn when the editor opens is what made
long transcripts slow; so it is made here, for the turns opened, from their stored JSON."""

import json

from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST

from articles.blocks.turn_list import child_form_states


@require_POST
def turn_form_states(request):
    """POST {"block": child key, "values": [stored turn JSON, …]} → {"states": [form state, …]}.
    Reached through the admin's URLs, so only signed-in editors get here; it reads nothing but
    the people the turns name, which any editor may choose."""
    try:
        payload = json.loads(request.body)
        states = child_form_states(payload["block"], list(payload["values"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return HttpResponseBadRequest("Expected {block, values} for a turn list.")
    return JsonResponse({"states": states})
