"""Number the people of articles imported before the import gave them a position: their rows
had no sort_order, and rows that tie come back in any order on PostgreSQL. They keep the order
they were written in (their ids)."""

from django.db import migrations
from django.db.models import F


def number_people(apps, schema_editor):
    ArticlePersonRole = apps.get_model("articles", "ArticlePersonRole")
    pages = ArticlePersonRole.objects.filter(sort_order__isnull=True).values("page_id")
    rows = ArticlePersonRole.objects.filter(page_id__in=pages).order_by(
        "page_id", F("sort_order").asc(nulls_last=True), "pk"
    )
    position, page_id = 0, None
    for row in rows.only("pk", "page_id", "sort_order"):
        position = position + 1 if row.page_id == page_id else 0
        page_id = row.page_id
        ArticlePersonRole.objects.filter(pk=row.pk).update(sort_order=position)


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_transcript_rows_and_list_structures")]

    operations = [migrations.RunPython(number_people, migrations.RunPython.noop)]
