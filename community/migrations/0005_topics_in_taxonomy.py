"""The topics field now points at taxonomy.Topic, the same table as before (site_core_topic):
state only, no SQL."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0004_newsletter_issues"),
        ("taxonomy", "0001_topic_moved_from_site_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="subscriber",
                    name="topics",
                    field=models.ManyToManyField(
                        blank=True, related_name="+", to="taxonomy.topic", verbose_name="topics"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
