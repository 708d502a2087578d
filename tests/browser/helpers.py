"""Small browser helpers shared by the reader-page tests."""


def show_everything(page):
    """Scroll to the end and back, so every lazy image loads, then wait until all have."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
                scrollTo({top: y, behavior: "instant"});
                await new Promise(resolve => setTimeout(resolve, 50));
            }
            scrollTo({top: 0, behavior: "instant"});
        }"""
    )
    page.wait_for_function("() => [...document.images].every(image => image.complete)")
