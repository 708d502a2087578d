"""Number the links of people imported before the import gave them a position: their rows had
no sort_order, and rows that tie come back in any order on PostgreSQL. They keep the order they
were written in (their ids)."""

from django.db import migrations
from django.db.models import F


def number_links(apps, schema_editor):
    PersonLink = apps.get_model("people", "PersonLink")
    people = PersonLink.objects.filter(sort_order__isnull=True).values("person_id")
    rows = PersonLink.objects.filter(person_id__in=people).order_by(
        "person_id", F("sort_order").asc(nulls_last=True), "pk"
    )
    position, person_id = 0, None
    for row in rows.only("pk", "person_id", "sort_order"):
        position = position + 1 if row.person_id == person_id else 0
        person_id = row.person_id
        PersonLink.objects.filter(pk=row.pk).update(sort_order=position)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(number_links, migrations.RunPython.noop)]
