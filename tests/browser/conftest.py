"""Browser tests: Playwright drives Debian's Chromium (never a downloaded build)."""

import os
import shutil
from contextlib import ExitStack, contextmanager

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        raise RuntimeError("Chromium is missing: run `make browser` (apt-get install chromium).")
    return path


@pytest.fixture(scope="module")
def browser() -> Browser:
    # Playwright's sync API runs an event loop in the test thread while it is open; the
    # ORM calls the tests make themselves are still synchronous and safe. Both end with
    # the module, so no other test runs beside that loop.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=_chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@contextmanager
def new_context_page(browser: Browser, *, javascript: bool, viewport: dict | None = None):
    """A page in a context of its own; any Content Security Policy violation fails the test."""
    sized = {"viewport": viewport} if viewport else {}
    context = browser.new_context(java_script_enabled=javascript, accept_downloads=True, **sized)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.javascript_enabled = javascript
    # Anything the Content Security Policy blocks is a defect in our pages.
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message),
    )
    yield page
    context.close()
    assert not [message.text for message in violations]


# Desktop and phone widths (a phone's CSS pixels, as an iPhone 14 reports them).
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(
    params=[(js, size) for js in (True, False) for size in VIEWPORTS],
    ids=[f"{js}-{size}" for js in ("javascript", "no-javascript") for size in VIEWPORTS],
)
def page(request, browser: Browser) -> Page:
    """Each student test four times: with and without JavaScript, at desktop and phone widths."""
    javascript, size = request.param
    with new_context_page(browser, javascript=javascript, viewport=VIEWPORTS[size]) as page:
        yield page


@pytest.fixture
def new_page(browser: Browser):
    """Open more pages (one per person), JavaScript on."""
    with ExitStack() as pages:
        yield lambda: pages.enter_context(new_context_page(browser, javascript=True))


@pytest.fixture
def student_login():
    """Log a new student in through the login page: ``student_login(page, base_url)``."""
    from playwright.sync_api import expect

    from tests.factories import UserFactory

    def log_in(page: Page, base_url: str) -> None:
        user = UserFactory(username="amira")
        page.goto(f"{base_url}/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill("correct-horse-battery")
        page.get_by_label("Password").press("Enter")
        expect(page.get_by_role("heading", name="Your question sets")).to_be_visible()

    return log_in
