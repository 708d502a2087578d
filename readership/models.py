"""How many times each page was read, per day: one counter row per page and day, nothing
about the reader (no address, no cookie, no User-Agent, no time of day)."""

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DailyReadership(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField(_("day"))
    readers = models.PositiveIntegerField(_("readers"), default=0)

    class Meta:
        verbose_name = _("daily readership")
        verbose_name_plural = _("daily readership")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="readership_one_row_per_day")
        ]
        indexes = [models.Index(fields=["day"], name="readership_day")]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.readers}"


def count_reader(page_id, day=None):
    """One more reader of the page today: an atomic `UPDATE … SET readers = readers + 1`
    (no lost increments between concurrent requests), creating the day's row first when
    there is none (a concurrent creation is caught by the unique constraint)."""
    day = day or timezone.localdate()
    rows = DailyReadership.objects.filter(page_id=page_id, day=day)
    if rows.update(readers=F("readers") + 1):
        return
    try:
        with transaction.atomic():
            DailyReadership.objects.create(page_id=page_id, day=day, readers=1)
    except IntegrityError:  # another request created it in between
        rows.update(readers=F("readers") + 1)
