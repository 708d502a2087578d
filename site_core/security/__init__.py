"""Site-wide hardening that Django and Wagtail do not do on their own: the Content-Security-
and Permissions-Policy headers, request ids and JSON logs, admin sign-in throttling, and
checks on what editors upload. Overview and settings: docs/production.md, "Security"."""
