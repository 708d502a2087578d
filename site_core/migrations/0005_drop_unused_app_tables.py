"""Django's admin (`django.contrib.admin`) and Wagtail's form pages (`wagtail.contrib.forms`) were
installed but never used: no URL served Django's admin, and no page type was a form page. They
are no longer installed; this drops their tables, only when empty (they never held data: only
those apps write to them), with their migration records, content types and permissions, so the
database holds no table that no code owns. A table that holds rows is left as it is."""

from django.db import migrations

UNUSED_APPS = {"admin": "django_admin_log", "wagtailforms": "wagtailforms_formsubmission"}


def drop_empty_tables(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        for app_label, table in UNUSED_APPS.items():
            if table in existing:
                cursor.execute(f"SELECT 1 FROM {schema_editor.quote_name(table)} LIMIT 1")  # noqa: S608
                if cursor.fetchone() is not None:
                    continue  # rows someone may want: kept
                schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(table)}")
            cursor.execute("DELETE FROM django_migrations WHERE app = %s", [app_label])
            ContentType = apps.get_model("contenttypes", "ContentType")
            Permission = apps.get_model("auth", "Permission")
            Permission.objects.filter(content_type__app_label=app_label).delete()
            ContentType.objects.filter(app_label=app_label).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("site_core", "0004_topic_moved_to_taxonomy"),
    ]

    operations = [migrations.RunPython(drop_empty_tables, migrations.RunPython.noop)]
