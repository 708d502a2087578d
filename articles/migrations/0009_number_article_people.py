"""Number the people of articles imported before the import gave them a position (their order
was the database's choice on PostgreSQL); they keep the order they were written in."""

from django.db import migrations

from site_core.orderables import number_unnumbered


def number_people(apps, schema_editor):
    number_unnumbered(apps.get_model("articles", "ArticlePersonRole"), "page_id")


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_transcript_rows_and_list_structures")]

    operations = [migrations.RunPython(number_people, migrations.RunPython.noop)]
