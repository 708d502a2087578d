"""`manage.py nginx_config`: Parlance's nginx configuration, filled from the settings, on
standard output (docs/production.md, "The front proxy (nginx)")."""

from django.core.management.base import BaseCommand

from site_core.topology import nginx


class Command(BaseCommand):
    help = (
        "Print nginx's server configuration for Parlance (for /etc/nginx/conf.d/), filled "
        "from the settings: body limits, static and media files, security headers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--listen", default="80", help="nginx's `listen` (default 80)")
        parser.add_argument(
            "--upstream", default="127.0.0.1:8000", help="gunicorn's address (GUNICORN_BIND)"
        )

    def handle(self, *args, **options):
        self.stdout.write(nginx.site_config(listen=options["listen"], upstream=options["upstream"]))
