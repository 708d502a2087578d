"""Small Playwright helpers for driving Wagtail's admin the way a person does."""

import re

from playwright.sync_api import expect


def log_in(tab, username, password="password"):  # noqa: S107 - the factories' test password
    """Sign in through the admin's login form and wait for the dashboard."""
    tab.goto("/admin/login/")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url("**/admin/")


def choose_block(tab, label):
    """Add a block at the end of the page's body through the block picker; returns its form."""
    tab.get_by_role("button", name="Insert a block").last.click()
    tab.get_by_role("option", name=label, exact=True).click()
    return tab.locator(
        "#body-root > [data-streamfield-stream-container] > [data-streamfield-child]"
    ).last


def type_rich_text(scope, name, text, attempts=3):
    """Type into the Draftail editor of the block field `name` (the first one in `scope`), then
    wait until Draftail has written it to the field's hidden input, which it does a moment
    after the last keystroke: a form saved before that would lose the text.

    A new block's editor may still be mounting when it is first clicked (under load it can
    re-render and drop focus, and keys typed then are lost), so a try that does not end with
    exactly `text` in the field is cleared and typed again."""
    field = scope.locator(f"[data-contentpath='{name}']").first
    box = field.get_by_role("textbox").first
    stored = field.locator("input[type='hidden']").first
    typed = re.compile(re.escape(text))
    for attempt in range(1, attempts + 1):
        box.click()
        try:
            expect(box).to_be_focused(timeout=3_000)
            box.press("ControlOrMeta+a")
            box.press("Delete")
            box.press_sequentially(text)
            expect(stored).to_have_value(typed, timeout=5_000)
            return
        except AssertionError:
            if attempt == attempts:
                raise


def open_header_menu_item(tab, label):
    """Open the page editor header's "…" menu and follow one of its items."""
    tab.get_by_role("button", name="Actions").first.click()
    tab.get_by_role("link", name=label).click()


def translate_strings(tab, translations, button="Translate"):
    """In wagtail-localize's translation editor (a React app), translate each source string of
    `translations` {source: text}: "Translate" (or "Edit", for a string translated already),
    type, "Save", and wait for the server's answer."""
    for source, text in translations.items():
        segment = tab.locator("li:has(> p)").filter(has=tab.get_by_text(source, exact=True))
        segment.get_by_role("button", name=button, exact=True).click()
        segment.locator("textarea").fill(text)
        with tab.expect_response(lambda response: response.request.method == "PUT") as saved:
            segment.get_by_role("button", name="Save", exact=True).click()
        assert saved.value.ok, f"{source!r} was not saved: HTTP {saved.value.status}"
        expect(segment.locator("textarea")).to_have_count(0)
        expect(segment).to_contain_text(text)
