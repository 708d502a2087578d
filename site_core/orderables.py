"""Orderables (Wagtail's `Orderable`: a page's people, a person's links) written outside the
editor's formsets get no `sort_order`, and rows that tie come back in any order on
PostgreSQL. `number_unnumbered` gives them positions, for data migrations."""

from django.db.models import F


def number_unnumbered(model, parent_field):
    """Number the rows of every parent that has a row without a position: 0, 1, … in their
    present order (numbered rows first, then by id)."""
    parents = model.objects.filter(sort_order__isnull=True).values(parent_field)
    rows = model.objects.filter(**{f"{parent_field}__in": parents}).order_by(
        parent_field, F("sort_order").asc(nulls_last=True), "pk"
    )
    position, parent = 0, None
    for row in rows.only("pk", parent_field, "sort_order"):
        position = position + 1 if getattr(row, parent_field) == parent else 0
        parent = getattr(row, parent_field)
        model.objects.filter(pk=row.pk).update(sort_order=position)
