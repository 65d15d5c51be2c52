"""The browser-test fixture itself (tests/browser.py), proven on the home page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError, expect

from browser import assert_clean, is_local, screenshot


def test_only_loopback_and_data_urls_count_as_local():
    assert is_local("http://127.0.0.1:8000/static/site.css")
    assert is_local("data:image/png;base64,AAAA")
    assert not is_local("https://prefix.cc/popular/all.file.json")
    assert not is_local("http://localhost.example.org/")


def test_home_page_loads_clean_in_a_browser(visit):
    seen = visit("/")
    expect(seen.page.locator("body")).to_contain_text("spacecoop")
    assert_clean(seen)
    screenshot(seen.page, "home", phone=True)


def test_a_script_request_outside_loopback_is_a_console_error(visit):
    """The Content-Security-Policy refuses it, and the browser says so in the console."""
    seen = visit("/")
    seen.page.evaluate("fetch('https://example.org/x').catch(() => null)")
    seen.page.wait_for_timeout(200)
    assert any("example.org" in error for error in seen.console_errors)


def test_a_navigation_outside_loopback_is_recorded_and_refused(visit):
    """Navigations are outside the Content-Security-Policy's reach: recorded, then aborted."""
    seen = visit("/")
    with pytest.raises(PlaywrightError):
        seen.page.goto("https://example.org/x")
    assert seen.outside() == ["https://example.org/x"]
