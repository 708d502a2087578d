"""Readership as editors see it: readers per page × language over the last days, in one query."""

import datetime

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from .models import DailyReadership


def readers_by_translation(days=None):
    """{(translation key, locale id): readers in the last `days` days (today included)}, for
    every page read in that time — one grouped query."""
    days = days or settings.READERSHIP_DAYS
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = (
        DailyReadership.objects.filter(day__gte=since)
        .values_list("page__translation_key", "page__locale_id")
        .annotate(total=Sum("readers"))
        .order_by()
    )
    return {(key, locale_id): total for key, locale_id, total in rows}
