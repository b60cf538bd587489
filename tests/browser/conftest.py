"""Real-browser tests: Debian's Chromium driven by Playwright against Django's live server.

Each test gets the demo data (`load_demo`) in a transactional database, a fresh browser
context per user, and `assert_accessible(page)` runs axe-core's WCAG 2.2 A and AA rules.
Content-Security-Policy violations reported by the browser fail the test too.
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# body are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
DEMO_PASSWORD = "pipdash-demo"
CSP_EVENT_PREFIX = "securitypolicyviolation:"
CSP_LISTENER = (
    "document.addEventListener('securitypolicyviolation', (event) => console.error("
    f"'{CSP_EVENT_PREFIX} ' + event.violatedDirective + ' ' + event.blockedURI + ' ' + "
    "(event.sourceFile || '') + ':' + event.lineNumber + ' ' + (event.sample || '')));"
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but /usr/bin/chromium is missing: apt-get install -y chromium")
        pytest.skip("Chromium is not installed (apt-get install -y chromium); CI runs these tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_data(transactional_db):
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def open_page(browser, live_server, demo_data):
    """open_page(username=None) -> a Playwright page in its own browser context, signed in if named."""
    contexts = []

    def _open(username: str | None = None):
        context = browser.new_context(base_url=live_server.url)
        contexts.append(context)
        # The browser's own report of each violation, as well as its console message: the event fires
        # for what the console may not say (a blocked style attribute set by a script, say).
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.csp_violations = []
        pages.append(page)
        page.on(
            "console",
            lambda message: page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text or message.text.startswith(CSP_EVENT_PREFIX)
            else None,
        )
        if username:
            sign_in(page, username)
        return page

    pages = []
    yield _open
    violations = {page.url: page.csp_violations for page in pages if page.csp_violations}
    for context in contexts:
        context.close()
    # Any test, whatever it checks, fails on a CSP violation on any page it opened.
    assert not violations, f"CSP violations: {violations}"


def sign_in(page, username: str, password: str = DEMO_PASSWORD, next_path: str = "/"):
    page.goto(f"/sign-in/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")


def assert_accessible(page, context=None):
    """No axe-core violations of WCAG 2.2 A/AA and no CSP violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, context=context, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    assert not getattr(page, "csp_violations", []), f"CSP violations on {page.url}: {page.csp_violations}"
