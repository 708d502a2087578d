"""Python renderers for the markup an article repeats hundreds of times (see turns.py)."""
