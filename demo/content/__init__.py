"""The demo's interview articles, one module each, in the order they are created."""

from . import honest_betrayal, rivers_under_the_street

ARTICLES = [honest_betrayal.ARTICLE, rivers_under_the_street.ARTICLE]
