"""Issue #9 in Chromium: a reader posts a comment under an article (served by the page
cache), an editor approves it in the admin's moderation listing, and the reader reloads the
article and sees it — without any JavaScript of ours."""

from playwright.sync_api import expect

from community.models import Comment
from tests import factories
from tests.browser.admin import log_in
from tests.browser.conftest import axe_violations


def test_a_reader_comments_and_an_editor_approves(page, browser, live_server, settings, screenshot):
    settings.PAGE_CACHE = True
    settings.COMMUNITY_MIN_SUBMIT_SECONDS = 1
    article = factories.make_article("Rivers of the city")
    factories.make_user("edith", "Editors")

    page.goto(article.url)
    page.goto(article.url)  # the second visit comes from the page cache
    comments = page.locator("#comments")
    expect(comments.get_by_role("heading", level=2)).to_have_text("0 comments")
    comments.get_by_label("Name").fill("Ada <b>Reader</b>")
    comments.get_by_label("Email (optional, never shown)").fill("ada@example.com")
    comments.get_by_label("Comment:", exact=True).fill("The part about bridges moved me.")
    page.wait_for_timeout(1100)  # the minimum time to fill in the form
    screenshot(page, "reader fills in the comment form")
    comments.get_by_role("button", name="Send comment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "awaiting moderation")
    assert Comment.objects.get().status == Comment.Status.PENDING
    page.goto(article.url)
    expect(page.locator("#comments")).not_to_contain_text("bridges")

    editor = browser.new_context(base_url=live_server.url).new_page()
    log_in(editor, "edith")
    editor.get_by_role("link", name="1 comment waiting for moderation").click()
    row = editor.get_by_role("row").filter(has_text="The part about bridges")
    row.get_by_role("checkbox").check()
    editor.get_by_role("link", name="Approve selected comments").click()
    screenshot(editor, "editor confirms the approval")
    editor.get_by_role("button", name="Approve").click()
    expect(editor.get_by_text("1 comment approved.")).to_be_visible()
    screenshot(editor, "approved")
    editor.context.close()

    page.reload()
    comment = page.locator("#comments .comment")
    expect(comment).to_contain_text("The part about bridges moved me.")
    expect(comment).to_contain_text("Ada <b>Reader</b>")  # shown as text, not markup
    expect(page.locator("#comments").get_by_role("heading", level=2)).to_have_text("1 comment")
    assert "ada@example.com" not in page.content()
    assert axe_violations(page) == []
    screenshot(page, "the reader sees the approved comment")
