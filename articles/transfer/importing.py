"""A document written into the database, all or nothing.

Everything that can be checked without writing is checked first: the shape of the file,
every field through the models' own `full_clean()`, and every name the file refers to. Then,
in one transaction, topics and people are saved, each article body is built and cleaned by
the real blocks (a body can name people the file creates, so this needs them saved), and
the articles are saved. Any problem raises TransferError and the transaction is rolled back.
Pages are published through revisions, so every change stays in their history; an article
whose only problem is a video segment without its video yet is saved as a draft instead.
Wagtail's log lines about the saved pages are let through only once the transaction commits
(logs.py)."""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from articles.models import ArticleIndexPage, ArticlePage, ArticlePersonRole
from people.models import PersonIndexPage, PersonLink, PersonPage
from site_core.models import HomePage
from taxonomy.models import Topic

from .body import same_content, swap_references
from .exporting import article_record, person_record
from .layout import (
    ARTICLE_DEFAULTS,
    ARTICLE_FIELDS,
    ARTICLE_KEYS,
    DOCUMENT_KEYS,
    FORMAT,
    LINK_KEYS,
    PERSON_FIELDS,
    PERSON_KEYS,
    ROLE_KEYS,
    TOPIC_KEYS,
    VERSION,
    file_keys,
)
from .logs import logged_on_commit
from .problems import Problems, leaf_errors
from .references import Finder, Names, ReferenceProblem
from .rich_text import RichTextProblem, clean_rich_text, converter_for

TREE_FIELDS = ["path", "depth"]  # set when a new page is added to the tree
INDEXES = {  # created under the home page when missing: (title, slug)
    PersonIndexPage: ("People", "people"),
    ArticleIndexPage: ("Interviews", "interviews"),
}


@dataclass
class PlannedPage:
    page: Page  # the page as the file wants it: an existing one changed in memory, or new
    record: dict  # as the file gives it, its rich text cleaned
    path: str
    unchanged: bool
    draft: bool = False  # saved as a draft: it cannot be published yet (a segment lacks video)


class Summary(Counter):
    """How many topics, people and articles were created, updated or left unchanged."""

    def __str__(self):
        return "; ".join(
            f"{kind}: " + ", ".join(f"{self[kind, outcome]} {outcome}" for outcome in outcomes)
            for kind, outcomes in (
                ("articles", ("created", "updated", "unchanged", "saved as drafts")),
                ("people", ("created", "updated", "unchanged")),
                ("topics", ("created", "existing")),
            )
        )


def import_articles(document):
    """Write `document` (a parsed file) into the database, or raise TransferError with every
    problem and write nothing. Returns a Summary."""
    problems = Problems()
    check_document(document, problems)
    problems.raise_if_any()
    with translation.override(document["locale"]):
        plan = ImportPlan(document, problems)
        problems.raise_if_any()
        with transaction.atomic(), logged_on_commit("wagtail"):
            return plan.write(problems)


def check_document(document, problems):
    if not isinstance(document, dict):
        problems.add("(file)", "Expected a JSON object with the keys " + ", ".join(DOCUMENT_KEYS))
        return
    if not has_keys(document, DOCUMENT_KEYS, "", problems):
        return
    if document["format"] != FORMAT:
        problems.add("format", f"Expected “{FORMAT}”: this is not a Parlance articles file.")
    if document["version"] != VERSION:
        problems.add("version", f"This site reads version {VERSION} of the format only.")
    default_language = Locale.get_default().language_code
    if document["locale"] != default_language:
        problems.add(
            "locale",
            f"Only “{default_language}” articles can be imported; "
            "translations are made with wagtail-localize.",
        )
    for key in ("topics", "people", "articles"):
        if not isinstance(document[key], list):
            problems.add(key, "Expected a list.")


class ImportPlan:
    """The checked contents of a document, ready to be written."""

    def __init__(self, document, problems):
        self.home = HomePage.objects.filter(locale=Locale.get_default(), depth=2).first()
        if self.home is None:
            problems.add("(database)", "The site has no home page; run `manage.py migrate`.")
            return
        self.indexes = {model: model.objects.child_of(self.home).first() for model in INDEXES}
        self.summary = Summary()
        self.new_topics = self.plan_topics(document["topics"], problems)
        person_slugs = unique_slugs(document["people"], "people", problems)
        self.finder = Finder(self.indexes[PersonIndexPage], person_slugs)
        self.people = [
            self.plan_person(record, f"people[{index}]", problems)
            for index, record in enumerate(document["people"])
        ]
        unique_slugs(document["articles"], "articles", problems)
        self.articles = [
            self.plan_article(record, f"articles[{index}]", problems)
            for index, record in enumerate(document["articles"])
        ]

    # Checks, without writing.

    def plan_topics(self, records, problems):
        slugs = unique_slugs(records, "topics", problems)
        self.topic_slugs = set(Topic.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        new_topics = []
        for index, record in enumerate(records):
            path = f"topics[{index}]"
            if not has_keys(record, TOPIC_KEYS, path, problems):
                continue
            if record["slug"] in self.topic_slugs:
                self.summary["topics", "existing"] += 1  # its names are the site's to keep
                continue
            topic = Topic()
            failed = assign_fields(topic, record, {"slug": "slug", "name": "name"}, path, problems)
            if check_model(topic, path, problems, exclude=failed):
                new_topics.append(topic)
                self.topic_slugs.add(topic.slug)
        return new_topics

    def plan_person(self, record, path, problems):
        if not has_keys(record, PERSON_KEYS, path, problems):
            return None
        person = self.matching_page(PersonPage, PersonIndexPage, record["slug"])
        record = clean_rich_text_fields(PersonPage, record, PERSON_FIELDS, path, problems)
        unchanged = bool(person.pk and person.live and same_content(record, person_record(person)))
        failed = assign_fields(person, record, PERSON_FIELDS, path, problems)
        person.photo_id = self.find(get_image_model(), record["photo"], f"{path}.photo", problems)
        person.links = self.plan_links(record["links"], f"{path}.links", problems)
        check_model(
            person, path, problems, exclude=TREE_FIELDS + failed, keys=file_keys(PERSON_FIELDS)
        )
        return PlannedPage(person, record, path, unchanged)

    def plan_links(self, records, path, problems):
        if not isinstance(records, list):
            problems.add(path, "Expected a list of links.")
            return []
        links = []
        for index, record in enumerate(records):
            link_path = f"{path}[{index}]"
            if not has_keys(record, LINK_KEYS, link_path, problems):
                continue
            link = PersonLink(sort_order=index)  # numbered as the editor's form numbers them
            failed = assign_fields(
                link, record, {"label": "label", "url": "url"}, link_path, problems
            )
            check_model(link, link_path, problems, exclude=["person", *failed])
            links.append(link)
        return links

    def plan_article(self, record, path, problems):
        if not has_keys(record, ARTICLE_KEYS, path, problems, optional=ARTICLE_DEFAULTS):
            return None
        article = self.matching_page(ArticlePage, ArticleIndexPage, record["slug"])
        for key, default in ARTICLE_DEFAULTS.items():  # left out: the article keeps its own
            record.setdefault(key, getattr(article, ARTICLE_FIELDS[key]) if article.pk else default)
        record = clean_rich_text_fields(ArticlePage, record, ARTICLE_FIELDS, path, problems)
        record["body"] = swap_references(
            body_block(), record["body"], f"{path}.body", self.check_name, problems, clean=True
        )
        unchanged = bool(article.pk) and self.article_unchanged(article, record)
        failed = assign_fields(article, record, ARTICLE_FIELDS, path, problems)
        article.hero_image_id = self.find(
            get_image_model(), record["hero_image"], f"{path}.hero_image", problems
        )
        self.check_topics(record["topics"], f"{path}.topics", problems)
        self.check_roles(record["people"], f"{path}.people", problems)
        exclude = [*TREE_FIELDS, *failed, "body"]
        check_model(article, path, problems, exclude=exclude, keys=file_keys(ARTICLE_FIELDS))
        return PlannedPage(article, record, path, unchanged)

    def article_unchanged(self, article, record):
        """True when `article` already says what `record` does: its live version, or — for a
        file whose video is not ready, which can only be saved as a draft — its latest
        draft (so importing such a file twice adds no second draft)."""
        if lacks_video(record["body"]):
            if not article.has_unpublished_changes:
                return False
            current = article.get_latest_revision_as_object()
        elif not article.live:
            return False
        else:
            current = article
        return same_content(record, article_record(current, Names()))

    def matching_page(self, model, index_model, slug):
        """The page of `model` with `slug` under its index, else a new one."""
        index = self.indexes[index_model]
        if index is None or not isinstance(slug, str):
            return model()
        return model.objects.child_of(index).filter(slug=slug).first() or model()

    def check_topics(self, slugs, path, problems):
        if not isinstance(slugs, list):
            problems.add(path, "Expected a list of topic slugs.")
            return
        for index, slug in enumerate(slugs):
            if not isinstance(slug, str) or slug not in self.topic_slugs:
                problems.add(f"{path}[{index}]", f"No topic “{slug}” in this file or the database.")

    def check_roles(self, records, path, problems):
        if not isinstance(records, list):
            problems.add(path, 'Expected a list of {"person": …, "role": …}.')
            return
        for index, record in enumerate(records):
            role_path = f"{path}[{index}]"
            if not has_keys(record, ROLE_KEYS, role_path, problems):
                continue
            self.find(PersonPage, record["person"], f"{role_path}.person", problems)
            if record["person"] is None:
                problems.add(f"{role_path}.person", "This field cannot be null.")
            role = ArticlePersonRole()
            failed = assign_fields(role, record, {"role": "role"}, role_path, problems)
            check_model(role, role_path, problems, exclude=["page", "person", *failed])

    def check_name(self, model, name):
        """`name` itself, once it is known to name something (ReferenceProblem if not)."""
        self.finder.find(model, name)
        return name

    def find(self, model, name, path, problems):
        try:
            return self.finder.find(model, name)
        except ReferenceProblem as problem:
            problems.add(path, problem)
            return None

    # Writes, inside the caller's transaction.

    def write(self, problems):
        for topic in self.new_topics:
            topic.save()
            self.summary["topics", "created"] += 1
        for planned in self.people:
            self.publish(planned, "people", PersonIndexPage)
            self.finder.saved(planned.page)
        changed = [planned for planned in self.articles if not planned.unchanged]
        for planned in changed:
            self.relate(planned, problems)
        problems.raise_if_any()  # rolls the transaction back
        for planned in self.articles:
            self.publish(planned, "articles", ArticleIndexPage)
        return self.summary

    def relate(self, planned, problems):
        """Give the article its topics, people and body, which may name people saved just now."""
        article, record = planned.page, planned.record
        article.topics = list(Topic.objects.filter(slug__in=record["topics"]))
        # The position is given here: only the editor's formsets number orderables, and rows
        # that tie on sort_order come back in any order (PostgreSQL's is not insertion order).
        article.people = [
            ArticlePersonRole(
                person_id=self.finder.find_person(role["person"]),
                role=role["role"],
                sort_order=position,
            )
            for position, role in enumerate(record["people"])
        ]
        path, stream_block = f"{planned.path}.body", body_block()
        raw = swap_references(
            stream_block, record["body"], path, self.finder.find, problems, add_ids=True
        )
        value = stream_block.to_python(raw)
        try:
            article.body = stream_block.clean(value)
        except ValidationError as error:
            if not all(leaf.code == "video_missing" for leaf in leaf_errors(error)):
                problems.add_error(path, error)
                return
            # Only a video is missing: the article is saved as a draft, as the editor's
            # "Save draft" would save it; publishing it will ask for the video.
            try:
                article.body = stream_block.clean_deferred(value)
            except ValidationError as draft_error:
                problems.add_error(path, draft_error)
                return
            planned.draft = True

    def publish(self, planned, kind, index_model):
        if planned.unchanged:
            self.summary[kind, "unchanged"] += 1
            return
        page = planned.page
        self.summary[kind, "updated" if page.pk else "created"] += 1
        if planned.draft:
            self.summary[kind, "saved as drafts"] += 1
        if page.pk is None:
            if planned.draft:
                page.live = False
                page.has_unpublished_changes = True
            self.index(index_model).add_child(instance=page)
        revision = page.save_revision(log_action=True)
        if not planned.draft:
            revision.publish()

    def index(self, model):
        if self.indexes[model] is None:
            title, slug = INDEXES[model]
            index = self.home.add_child(instance=model(title=title, slug=slug))
            index.save_revision(log_action=True).publish()
            self.indexes[model] = index
        return self.indexes[model]


def lacks_video(body):
    """True when a video segment of the file's `body` has neither a video address nor a file."""
    return (
        any(
            isinstance(child, dict)
            and child.get("type") == "video_segment"
            and isinstance(child.get("value"), dict)
            and not child["value"].get("video_url")
            and child["value"].get("media") is None
            for child in body
        )
        if isinstance(body, list)
        else False
    )


def body_block():
    return ArticlePage._meta.get_field("body").stream_block


def clean_rich_text_fields(model, record, fields, path, problems):
    """A copy of `record` whose rich text fields are cleaned as the editor would clean them."""
    record = dict(record)
    for key, field_name in fields.items():
        field = model._meta.get_field(field_name)
        if isinstance(field, RichTextField) and isinstance(record.get(key), str):
            try:
                record[key] = clean_rich_text(record[key], converter_for(field))
            except RichTextProblem as problem:
                problems.add(join(path, key), problem)
    return record


def has_keys(record, keys, path, problems, optional=()):
    """True when `record` is an object with exactly `keys` (those in `optional` may be left
    out); else adds what is wrong."""
    if not isinstance(record, dict):
        problems.add(path or "(file)", "Expected an object with the keys " + ", ".join(keys))
        return False
    required = set(keys) - set(optional)
    for key in keys:
        if key in required and key not in record:
            problems.add(join(path, key), "This field is missing.")
    for key in sorted(record.keys() - set(keys)):
        problems.add(join(path, key), "Unknown field; expected one of " + ", ".join(keys))
    return required <= record.keys()


def unique_slugs(records, path, problems):
    """The slugs of `records`, reporting empty ones and those used twice."""
    first_use = {}
    for index, record in enumerate(records if isinstance(records, list) else []):
        slug = record.get("slug") if isinstance(record, dict) else None
        if slug is None:
            continue
        if not isinstance(slug, str) or not slug:
            problems.add(f"{path}[{index}].slug", "Expected a slug, such as “ada-lovelace”.")
        elif slug in first_use:
            problems.add(
                f"{path}[{index}].slug", f"{path}[{first_use[slug]}] already has this slug."
            )
        else:
            first_use[slug] = index
    return list(first_use)


def assign_fields(instance, record, fields, path, problems):
    """Copy the plain values of `record` onto `instance` through each model field's own
    conversion (dates from YYYY-MM-DD, …). Returns the model fields that could not be read."""
    failed = []
    for key, field_name in fields.items():
        field = instance._meta.get_field(field_name)
        value = record[key]
        try:
            if isinstance(value, list | dict):
                raise ValidationError("Expected a single value, not a list or an object.")
            setattr(instance, field.attname, field.to_python(value))
        except ValidationError as error:
            problems.add_error(join(path, key), error)
            failed.append(field_name)
    return failed


def check_model(instance, path, problems, exclude=(), keys=None):
    """The model's own validation (`full_clean()`); True when it passes."""
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        problems.add_error(path, error, keys)
        return False
    return True


def join(path, key):
    return f"{path}.{key}" if path else key
