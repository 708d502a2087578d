"""Number the links of people imported before the import gave them a position (their order
was the database's choice on PostgreSQL); they keep the order they were written in."""

from django.db import migrations

from site_core.orderables import number_unnumbered


def number_links(apps, schema_editor):
    number_unnumbered(apps.get_model("people", "PersonLink"), "person_id")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(number_links, migrations.RunPython.noop)]
