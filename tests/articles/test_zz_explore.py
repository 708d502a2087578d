import re

from wagtail.users.models import UserProfile
import pytest
from tests.articles.test_admin_editing import article_form_data, add_url, editor, index, cast  # noqa


def test_explore(client, editor, index, cast):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "it"
    profile.save()
    data = article_form_data(cast, duration="2:7x", timecodes=("1:10", "0:05"), **{"action-publish": "1"})
    data["title"] = ""
    response = client.post(add_url(index), data)
    html = response.content.decode()
    for m in re.finditer(r"blockErrors", html):
        print(html[html.rfind("<", 0, m.start()):][:200]); break
        print("-----")
    get = client.get(add_url(index)).content.decode()
    print("in GET:", "Enter a time" in get, "Timecodes must" in get)
    assert 0
