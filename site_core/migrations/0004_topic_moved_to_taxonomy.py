"""Topic now belongs to taxonomy (taxonomy 0001), which keeps its table: site_core forgets the
model (state only; dropping the table would lose every topic). Runs after the apps whose
fields pointed at it have been pointed at taxonomy.Topic."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_topics_in_taxonomy"),
        ("community", "0005_topics_in_taxonomy"),
        ("site_core", "0003_topic_translations"),
        ("taxonomy", "0001_topic_moved_from_site_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Topic")],
            database_operations=[],
        ),
    ]
