"""Local development and the demo (`make run`, `make dev`)."""

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", default=True)
# A fixed key is acceptable only here: dev settings never serve real users.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405, S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# Mail is printed in the terminal unless EMAIL_URL or EMAIL_HOST names a server.
if not EMAIL_CONFIGURED:  # noqa: F405
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# `make dev` serves static files straight from the apps; `make run` collects them first.
WHITENOISE_USE_FINDERS = True
# The demo app (`manage.py load_demo_content`, run by `make run`) may create the demo magazine
# and its demo accounts here; production does not install it (demo/loader.py refuses too).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
DEMO_CONTENT_ALLOWED = True
