"""The admin console in headless Chromium (Debian's `chromium`, driven by Playwright; no browser download).

The console runs as `bcdbot admin` in its own process. Screenshots are saved under
`$BCDBOT_TEST_ARTIFACTS/admin-browser` (default `var/test-artifacts/`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from bcdbot.processes import free_port
from bcdbot.stack import StackConfig, admin_process
from tests.admin_seed import ADMIN_PASSWORD, CLINICIAN_PASSWORD, seeded_store

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("BCDBOT_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("BCDBOT_TEST_ARTIFACTS", ROOT / "var" / "test-artifacts")) / "admin-browser"
PAGES = ["/conversations", "/conversations/1", "/escalations", "/cases", "/audit", "/users"]


@pytest.fixture(scope="module")
def console_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    var_dir = tmp_path_factory.mktemp("admin-stack")
    store = seeded_store(var_dir, database_url=f"sqlite:///{var_dir / 'bcdbot.sqlite3'}")
    store.engine.dispose()
    port = free_port()
    process = admin_process(StackConfig(ROOT, var_dir), port=port).start().wait_ready(60)
    yield f"http://127.0.0.1:{port}"
    process.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (or set BCDBOT_CHROMIUM)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page: Page, url: str, username: str, password: str) -> None:
    page.goto(f"{url}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_anonymous_visits_are_sent_to_login(page: Page, console_url: str) -> None:
    for path in PAGES:
        page.goto(console_url + path)
        assert page.url.startswith(f"{console_url}/login?next="), path
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    shot(page, "01-login")


def test_log_in_filter_open_acknowledge_export_log_out(page: Page, console_url: str, tmp_path: Path) -> None:
    log_in(page, console_url, "alice", ADMIN_PASSWORD)
    expect(page.get_by_role("heading", name="Conversations")).to_be_visible()
    shot(page, "02-conversations")

    page.get_by_label("Band").select_option("high")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("tbody tr")).to_have_count(4)
    assert "band=high" in page.url
    shot(page, "03-filtered-high-band")

    page.locator("tbody tr a").first.click()
    heatmap = page.locator("img.heatmap").first
    expect(heatmap).to_be_visible()
    # The image really loaded (visible is not loaded: wait for the decoded picture, then check its size).
    page.wait_for_function("img => img.complete", arg=heatmap.element_handle(), timeout=15_000)
    assert page.evaluate("img => img.naturalWidth", heatmap.element_handle()) > 0
    shot(page, "04-conversation-with-heatmap")

    page.get_by_role("link", name="Escalations").click()
    first = page.locator("section.escalation").first
    first.get_by_role("button", name="Acknowledge").click()
    expect(page.locator("section.escalation .status").first).to_have_text("open")  # the other one
    expect(page.locator("section.escalation.acknowledged")).to_have_count(1)
    shot(page, "05-escalation-acknowledged")

    page.get_by_role("link", name="Conversations").click()
    page.get_by_label("Red flag").select_option("yes")
    page.get_by_role("button", name="Filter").click()
    with page.expect_download() as download_info:
        page.locator("#export").click()
    target = tmp_path / "export.csv"
    download_info.value.save_as(target)
    lines = target.read_text().strip().splitlines()
    assert lines[0].startswith("conversation,pseudonym") and len(lines) == 3
    shutil.copy(target, ARTIFACTS / "export-red-flags.csv")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.goto(f"{console_url}/conversations")
    assert "/login" in page.url
    shot(page, "06-logged-out")


def test_a_form_without_its_csrf_token_is_refused(page: Page, console_url: str) -> None:
    log_in(page, console_url, "bob", CLINICIAN_PASSWORD)
    page.goto(f"{console_url}/escalations")
    page.evaluate("() => document.querySelectorAll('input[name=csrf_token]').forEach(i => i.remove())")
    page.locator("section.escalation").first.get_by_role("button", name="Close").click()
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("security token")
    shot(page, "07-csrf-refused")


def test_a_clinician_cannot_manage_users(page: Page, console_url: str) -> None:
    log_in(page, console_url, "bob", CLINICIAN_PASSWORD)
    expect(page.get_by_role("link", name="Users")).to_have_count(0)
    response = page.goto(f"{console_url}/users")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    shot(page, "08-clinician-refused-users")


def test_readable_on_a_tablet(browser: Browser, console_url: str) -> None:
    context = browser.new_context(viewport={"width": 768, "height": 1024}, is_mobile=True, has_touch=True)
    page = context.new_page()
    log_in(page, console_url, "alice", ADMIN_PASSWORD)
    page.goto(f"{console_url}/escalations")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 768  # no sideways scrolling of the page itself
    shot(page, "09-tablet-escalations")
    context.close()
