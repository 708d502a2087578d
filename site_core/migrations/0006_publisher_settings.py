"""The publisher's settings, made with today's values (the name "Parlance", no logo, no profiles),
so the JSON-LD every article shows stays the same, and reading them never writes."""

import django.db.models.deletion
from django.db import migrations, models


def create_publisher(apps, schema_editor):
    PublisherSettings = apps.get_model("site_core", "PublisherSettings")
    if not PublisherSettings.objects.exists():
        PublisherSettings.objects.create(name="Parlance")


class Migration(migrations.Migration):
    dependencies = [
        ("site_core", "0005_drop_unused_app_tables"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublisherSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        default="Parlance", max_length=100, verbose_name="publisher name"
                    ),
                ),
                (
                    "social_profiles",
                    models.TextField(
                        blank=True,
                        help_text="The publisher's pages elsewhere (Mastodon, YouTube…): one address a line.",
                        verbose_name="social profiles",
                    ),
                ),
                (
                    "logo",
                    models.ForeignKey(
                        blank=True,
                        help_text="Square or wide, at least 112 pixels wide: search engines show it.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailimages.image",
                        verbose_name="logo",
                    ),
                ),
            ],
            options={
                "verbose_name": "publisher",
            },
        ),
        migrations.RunPython(create_publisher, migrations.RunPython.noop),
    ]
