from wagtail import hooks

from . import image_operations, page_cache

# `upscale-WxH` in filter specs (site_core/image_operations.py).
hooks.register("register_image_operations", image_operations.register)


# --- Page cache (page_cache/): every page served to readers, and its caption and transcript
# files, may be cached. Runs after Wagtail's before_serve_page checks (order 0). Wagtail 8's
# privacy check is an on_serve_page hook that runs after every before_serve_page hook, so a
# restricted page opts in too; `dependencies.shown_by_page` refuses it (and its password form
# or login redirect is never a storable 200).
@hooks.register("before_serve_page", order=100)
def offer_page_to_page_cache(page, request, serve_args, serve_kwargs):
    page_cache.opt_in_page(request, page)
