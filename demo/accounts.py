"""Local demo accounts: an editor, and a translator and a reviewer for each language but English,
in the groups the site set-up makes (translations/roles.py). Created only by the demo
loader, which refuses to run where settings do not allow demo content; their names are invented
and appear in reader credits of the demo translations."""

import os
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from translations.roles import EDITORS, reviewers_group_name, translators_group_name

DEFAULT_PASSWORD = "parlance-demo"  # noqa: S105 — documented in the README, local demo only

# (first name, last name) of the translator and the reviewer of each language.
TRANSLATION_TEAMS = {
    "it": (("Giulia", "Ferraro"), ("Marco", "Bellini")),
    "fr": (("Camille", "Roussel"), ("Julien", "Marchand")),
    "es": (("Lucía", "Ortega"), ("Diego", "Salvatierra")),
    "ar": (("Layla", "Nasser"), ("Karim", "Mansour")),
}
EDITOR = ("editor", ("Nora", "Whitfield"))


@dataclass(frozen=True)
class Account:
    username: str
    first_name: str
    last_name: str
    group: str


def demo_password():
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD


def demo_accounts():
    """Every demo account, the editor first, then each language's translator and reviewer in
    the order of settings.LANGUAGES."""
    username, (first, last) = EDITOR
    accounts = [Account(username, first, last, EDITORS)]
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    for code, _name in settings.LANGUAGES:
        if code not in TRANSLATION_TEAMS or code not in locales:
            continue
        (t_first, t_last), (r_first, r_last) = TRANSLATION_TEAMS[code]
        locale = locales[code]
        accounts.append(
            Account(f"translator-{code}", t_first, t_last, translators_group_name(locale))
        )
        accounts.append(Account(f"reviewer-{code}", r_first, r_last, reviewers_group_name(locale)))
    return accounts


def ensure_accounts(password):
    """{username: user}; an existing account is left as it is (its password included)."""
    User = get_user_model()
    users = {}
    created = []
    for account in demo_accounts():
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User.objects.create_user(
                account.username,
                f"{account.username}@example.com",
                password,
                first_name=account.first_name,
                last_name=account.last_name,
            )
            user.groups.add(Group.objects.get(name=account.group))
            created.append(account.username)
        users[account.username] = user
    return users, created
