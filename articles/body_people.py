"""Who appears in an article body, read from its raw JSON (no database queries)."""

PERSON_KEYS = {"speaker", "attribution_person"}


def people_ids_in_body(raw_data):
    """Ids of every person page chosen as a transcript speaker or quote attribution."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in PERSON_KEYS and isinstance(value, int) and value not in found:
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(list(raw_data or []))
    return found
