import os

from django.core.management.base import BaseCommand, CommandError

from articles.models import ArticlePage
from articles.timecodes import format_timecode
from articles.transcripts import (
    APPEND,
    FORMATS,
    MAX_BYTES,
    REPLACE,
    ModeNeeded,
    TranscriptError,
    check_size,
    import_transcript,
    read_source,
)


class Command(BaseCommand):
    help = (
        "Fill the speaker turns of one video segment of an article from a WebVTT, SubRip or "
        "plain-text transcript, as a new draft revision (see docs/transcripts.md). A file with "
        "any problem imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The transcript file (.vtt, .srt or .txt).")
        parser.add_argument(
            "--article", required=True, metavar="SLUG_OR_ID", help="The article's slug or page id."
        )
        parser.add_argument(
            "--locale",
            metavar="CODE",
            help="The article's language, when translations share its slug (e.g. it).",
        )
        parser.add_argument(
            "--segment",
            required=True,
            type=int,
            metavar="N",
            help="Which video segment of the body: 1 for the first.",
        )
        parser.add_argument(
            "--format",
            dest="file_format",
            choices=sorted(FORMATS),
            help="The file's format (default: from its extension, else from its content).",
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--replace",
            dest="mode",
            action="store_const",
            const=REPLACE,
            help="Replace the segment's turns.",
        )
        mode.add_argument(
            "--append",
            dest="mode",
            action="store_const",
            const=APPEND,
            help="Add the turns after the segment's turns.",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the new revision (default: a draft)."
        )
        parser.add_argument(
            "--extend",
            action="store_true",
            help="Lengthen the segment when the transcript runs past its end.",
        )

    def handle(
        self, *args, path, article, locale, segment, file_format, mode, publish, extend, **options
    ):
        page = find_article(article, locale)
        options = {"segment": segment, "mode": mode, "publish": publish}
        try:
            source = read_source(read_file(path), name=path, format=file_format)
            try:
                result = import_transcript(page, source, **options)
            except TranscriptError as error:
                if not (extend and error.extend_to is not None):
                    raise
                result = import_transcript(page, source, **options, extend_to=error.extend_to)
        except ModeNeeded as error:
            raise CommandError(
                f"Nothing was imported: {error} Use --replace or --append."
            ) from None
        except TranscriptError as error:
            advice = "\nTo lengthen the segment, add --extend." if error.extend_to else ""
            raise CommandError(f"Nothing was imported from {path}:\n{error}{advice}") from None
        self.stdout.write(summary(result))


def find_article(key, locale):
    articles = ArticlePage.objects.select_related("locale")
    if locale:
        articles = articles.filter(locale__language_code=locale)
    found = list(articles.filter(pk=int(key)) if key.isdigit() else articles.filter(slug=key))
    where = f" in “{locale}”" if locale else ""
    if not found:
        raise CommandError(f"There is no article with the id or slug “{key}”{where}.")
    if len(found) > 1:
        languages = ", ".join(sorted(page.locale.language_code for page in found))
        raise CommandError(
            f"Several articles have the slug “{key}” ({languages}): give --locale or the page id."
        )
    return found[0]


def read_file(path):
    try:
        with open(path, "rb") as file:
            check_size(os.fstat(file.fileno()).st_size)
            return file.read(MAX_BYTES + 1)
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
    except TranscriptError as error:
        raise CommandError(f"Nothing was imported from {path}: {error}") from None


def summary(result):
    lines = [
        f"Imported {turns(result.turns)} into segment {result.segment_number}, "
        f"“{result.segment_title}”, of “{result.page.title}” "
        f"({result.page.locale.language_code})."
    ]
    if result.replaced:
        lines.append(f"Replaced the {turns(result.replaced)} it had.")
    if result.kept:
        lines.append(f"Added after the {turns(result.kept)} it had.")
    if result.extended_from is not None:
        lines.append(
            f"The segment now lasts {format_timecode(result.duration)} "
            f"(it lasted {format_timecode(result.extended_from)})."
        )
    if result.offset:
        lines.append(
            f"Caption times were counted from the segment’s start in its video "
            f"({format_timecode(result.offset)})."
        )
    if result.published:
        lines.append(f"Published (revision {result.revision.pk}).")
    else:
        lines.append(
            f"Saved as a draft (revision {result.revision.pk}): review and publish it in the "
            "page editor."
        )
    people = [
        name if name == title else f"{name} → {title}" for name, title in result.people.items()
    ]
    lines.append("Matched people: " + (", ".join(people) or "none"))
    lines.append("Free-text names: " + (", ".join(result.free_names) or "none"))
    if result.ambiguous:
        lines.append(
            "Names shared by several people, kept as free text (choose the person in the "
            "editor): " + ", ".join(result.ambiguous)
        )
    return "\n".join(lines)


def turns(count):
    return f"{count} turn{'' if count == 1 else 's'}"
