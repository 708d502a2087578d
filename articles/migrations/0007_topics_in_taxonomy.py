"""The topics field now points at taxonomy.Topic, the same table as before (site_core_topic):
state only, no SQL."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_fill_article_video_seconds"),
        ("taxonomy", "0001_topic_moved_from_site_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="articlepage",
                    name="topics",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        related_name="articles",
                        to="taxonomy.topic",
                        verbose_name="topics",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
