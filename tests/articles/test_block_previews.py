"""Every body block has a preview in the editor's block picker, styled like the site."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import ArticlePage

BODY_BLOCKS = ArticlePage.body.field.stream_block.child_blocks


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", list(BODY_BLOCKS))
def test_block_picker_preview_renders_with_the_site_stylesheets(editor_client, name):
    block = BODY_BLOCKS[name]

    response = editor_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )

    assert block.is_previewable
    assert response.status_code == 200
    content = response.content.decode()
    assert "site_core/css/site.css" in content
    assert "articles/css/article.css" in content
    assert f'class="w-block-{name} block-{name}"' in content
