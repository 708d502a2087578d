import django.db.models.deletion
from django.db import migrations, models


def fill_reading_minutes(apps, schema_editor):
    """Articles saved before the field existed: work their reading time out once, here."""
    from articles.reading_time import reading_minutes

    ArticlePage = apps.get_model("articles", "ArticlePage")
    for page in ArticlePage.objects.only("pk", "body", "standfirst").iterator():
        minutes = reading_minutes(page.body, page.standfirst)
        ArticlePage.objects.filter(pk=page.pk).update(reading_minutes=minutes)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="reading_minutes",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text=(
                    "Worked out from the body and the standfirst on save "
                    "(articles/reading_time.py)."
                ),
                verbose_name="reading time (minutes)",
            ),
        ),
        migrations.AlterField(
            model_name="articlepersonrole",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="article_roles",
                to="people.personpage",
                verbose_name="person",
            ),
        ),
        migrations.RunPython(fill_reading_minutes, migrations.RunPython.noop),
    ]
