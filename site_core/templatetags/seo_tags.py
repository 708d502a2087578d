from django import template

from site_core import seo

register = template.Library()


@register.filter
def absolute_url(url):
    """`{{ rendition.url|absolute_url }}`: an address that works outside the site."""
    return seo.absolute_url(url)


@register.filter
def og_locale(language_code):
    """`{{ LANGUAGE_CODE|og_locale }}` → `it_IT`, for `og:locale`."""
    return seo.og_locale(language_code)


@register.filter
def json_ld(data):
    """`{{ data|json_ld }}`: a JSON-LD script; `<`, `>` and `&` in strings are \\u-escaped, so
    a title such as `</script>` cannot end the element."""
    return seo.json_ld_script(data)
