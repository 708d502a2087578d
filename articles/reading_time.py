"""How long an article takes to read, worked out when it is saved (not on every request)."""

WORDS_READ_PER_MINUTE = 200


def reading_minutes(body, standfirst=""):
    """Minutes to read `body` (a StreamValue: every text a reader sees in it, transcripts
    included) and the standfirst; at least 1."""
    words = sum(len(text.split()) for text in body.stream_block.get_searchable_content(body))
    words += len((standfirst or "").split())
    return max(1, round(words / WORDS_READ_PER_MINUTE))
