"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium, installed by
scripts/install-test-servers; Playwright downloads no browser) headless against the session's
`spacecoop serve` (the ``served`` fixture).

    def test_timeline(visit):
        seen = visit("/timeline")                       # a fresh page at 1280x800
        expect(seen.page.get_by_text("MMX")).to_be_visible()
        assert_clean(seen)                              # no console error, no page error,
                                                        # no request outside 127.0.0.1
        screenshot(seen.page, "timeline", phone=True)   # test-artefacts/screenshots/

The fixtures (``browser``, ``visit``) are imported by tests/conftest.py. A request to any
other host is recorded and aborted, so a test never waits on the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPOSITORY = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPOSITORY / "test-artefacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 800}


def is_local(url: str) -> bool:
    """True for this machine's server (127.0.0.1) and for URLs that name no server at all
    (data:, blob:, about:blank)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws") and parts.hostname == "127.0.0.1"


@dataclass
class Visit:
    """A page opened by ``visit`` and what it did: console errors, uncaught errors and every
    URL it requested (in order)."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]


def assert_clean(seen: Visit) -> None:
    """The page made no console error, no uncaught error and no request outside 127.0.0.1
    (data: URLs allowed). Call it after the test's own expectations, once the page has done
    what the test waits for: it waits for the network to be idle, not for later scripts."""
    seen.page.wait_for_load_state("networkidle", timeout=10_000)
    assert not seen.console_errors, f"console errors: {seen.console_errors}"
    assert not seen.page_errors, f"page errors: {seen.page_errors}"
    assert not seen.outside(), f"requests outside 127.0.0.1: {seen.outside()}"


def assert_fits(page) -> None:
    """Nothing on the page is wider than the window (no sideways scrolling)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow} px wider than its {page.viewport_size['width']} px window"


def assert_clean_on_both_widths(seen: Visit, name: str) -> None:
    """:func:`assert_clean`, the page fits the desktop window and a phone's, and its
    screenshots at both widths."""
    assert_clean(seen)
    assert_fits(seen.page)
    screenshot(seen.page, name, phone=True)
    seen.page.set_viewport_size(PHONE)
    assert_fits(seen.page)


def screenshot(page, name: str, phone: bool = False) -> Path:
    """The whole page as test-artefacts/screenshots/<name>.png at the desktop width and, with
    ``phone``, also as <name>-phone.png at 375 px (then back to the desktop width)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if phone:
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(200)  # let scripted widgets redraw at the new width
        page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
        page.set_viewport_size(DESKTOP)
    return path


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run scripts/install-test-servers (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def visit(browser, served):
    """``visit(path)``: a fresh page (its own cookies and storage, 1280x800, or 375x800 with
    ``phone=True``) opened at ``path`` on the served site (or at a full URL), recording what
    it does: a :class:`Visit`."""
    contexts = []

    def open_page(path: str, phone: bool = False) -> Visit:
        context = browser.new_context(viewport=PHONE if phone else DESKTOP)
        contexts.append(context)
        context.set_default_timeout(10_000)
        page = context.new_page()
        seen = Visit(page)
        page.on("console", lambda message: message.type == "error" and seen.console_errors.append(
            f"{message.text} ({message.location.get('url', '')})"))
        page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
        context.on("request", lambda request: seen.requests.append(request.url))
        context.route(lambda url: not is_local(url), lambda route: route.abort())
        page.goto(urljoin(served.url, path))
        return seen

    yield open_page
    for context in contexts:
        context.close()
