"""Fill `ArticlePage.video_seconds` for articles saved before it existed: the sum of their video
segments' stored durations, as `ArticlePage.save()` works it out."""

from django.db import migrations


def segments_seconds(raw_body):
    return sum(
        int((block.get("value") or {}).get("duration") or 0)
        for block in raw_body or []
        if block.get("type") == "video_segment"
    )


def fill_video_seconds(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    for article in ArticlePage.objects.only("pk", "body").iterator():
        seconds = segments_seconds(article.body.raw_data)
        if seconds:
            ArticlePage.objects.filter(pk=article.pk).update(video_seconds=seconds)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_article_video_seconds")]

    operations = [migrations.RunPython(fill_video_seconds, migrations.RunPython.noop)]
