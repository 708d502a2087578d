"""Demo topics, named (and described) in every site language through their
django-modeltranslation columns."""

from modeltranslation.utils import build_localized_fieldname

from taxonomy.models import Topic

from .text import T

TOPICS = {
    "language": (
        T("Language", it="Lingua", fr="Langue", es="Lengua", ar="اللغة"),
        T(
            "How people speak, write and understand one another.",
            it="Come le persone parlano, scrivono e si capiscono.",
            fr="Comment les gens parlent, écrivent et se comprennent.",
            es="Cómo las personas hablan, escriben y se entienden.",
            ar="كيف يتكلم الناس ويكتبون ويفهم بعضهم بعضًا.",
        ),
    ),
    "ethics": (
        T("Ethics", it="Etica", fr="Éthique", es="Ética", ar="الأخلاق"),
        T(
            "What we owe each other, at work and beyond.",
            it="Ciò che ci dobbiamo a vicenda, nel lavoro e oltre.",
            fr="Ce que nous nous devons les uns aux autres, au travail et ailleurs.",
            es="Lo que nos debemos unos a otros, en el trabajo y más allá.",
            ar="ما يدين به بعضنا لبعض، في العمل وخارجه.",
        ),
    ),
    "cities": (
        T("Cities", it="Città", fr="Villes", es="Ciudades", ar="المدن"),
        T(
            "How cities are built, lived in and changed.",
            it="Come le città vengono costruite, vissute e trasformate.",
            fr="Comment les villes se construisent, se vivent et se transforment.",
            es="Cómo se construyen, se viven y se transforman las ciudades.",
            ar="كيف تُبنى المدن وكيف نعيش فيها ونغيّرها.",
        ),
    ),
    "ecology": (
        T("Ecology", it="Ecologia", fr="Écologie", es="Ecología", ar="علم البيئة"),
        T(
            "Living things, the places they share, and what we do to both.",
            it="Gli esseri viventi, i luoghi che condividono e ciò che facciamo a entrambi.",
            fr="Les êtres vivants, les lieux qu’ils partagent et ce que nous leur faisons.",
            es="Los seres vivos, los lugares que comparten y lo que hacemos con ambos.",
            ar="الكائنات الحية والأماكن التي تتقاسمها وما نفعله بكليهما.",
        ),
    ),
}


def _columns(field_name, text):
    columns = {build_localized_fieldname(field_name, "en"): text.en}
    for code, value in text.translations().items():
        columns[build_localized_fieldname(field_name, code)] = value
    return columns


def ensure_topics():
    """({slug: Topic}, [slugs created]); an existing topic is left as it is."""
    topics, created = {}, []
    for slug, (name, description) in TOPICS.items():
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            topic = Topic.objects.create(
                slug=slug, **_columns("name", name), **_columns("description", description)
            )
            created.append(slug)
        topics[slug] = topic
    return topics, created
