"""What an attacker's probe of the admin console tried, each against the real console over HTTP.

The throttle and the forwarded-header tests run `bcdbot admin` itself (uvicorn as deployed); the rest use the
app in-process. A refusal is checked together with what it must not have let through.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import httpx2  # the TestClient's responses
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from admin import create_app
from admin.login_csrf import LoginCsrf
from bcdbot.processes import ManagedProcess, free_port
from bcdbot.stack import StackConfig, admin_process
from store import Store, create_database_engine, session_factory
from store.staff import StaffStore
from tests.admin_client import CSRF_FIELD, audit_actions, csrf_of, log_in
from tests.admin_seed import ADMIN_PASSWORD, CLINICIAN_PASSWORD, admin_settings

ROOT = Path(__file__).resolve().parents[1]
SESSION_COOKIE = "__Host-bcdbot_admin"
LOGIN_CSRF_COOKIE = "__Host-bcdbot_login_csrf"
HUGE_ID = "99999999999999999999"
MAX_FAILURES = 5  # the default admin_login_max_failures
BURST = 20


def fresh_client(client: TestClient) -> TestClient:
    return TestClient(client.app, base_url="https://testserver")


# --- the deployed server: `bcdbot admin` over a real socket -------------------------------------------------


@pytest.fixture
def console_process(seeded: Path, tmp_path: Path) -> Iterator[tuple[str, StackConfig]]:
    """`bcdbot admin` over a copy of the seeded database, over plain HTTP on 127.0.0.1."""
    with _console_process(seeded, tmp_path, trusted_proxies="") as served:
        yield served


@contextmanager
def _console_process(
    seeded: Path, tmp_path: Path, *, trusted_proxies: str
) -> Iterator[tuple[str, StackConfig]]:
    var_dir = tmp_path / "stack"
    shutil.copytree(seeded, var_dir)
    (var_dir / "admin.sqlite3").rename(var_dir / "bcdbot.sqlite3")
    config = StackConfig(ROOT, var_dir)
    port = free_port()
    env = {"BCDBOT_ADMIN_COOKIE_SECURE": "false", "BCDBOT_ADMIN_TRUSTED_PROXIES": trusted_proxies}
    process: ManagedProcess = admin_process(config, port=port, env=env).start().wait_ready(60)
    try:
        yield f"http://127.0.0.1:{port}", config
    finally:
        process.stop()


def _served_store(config: StackConfig) -> Store:
    return Store(session_factory(create_database_engine(config.database_url)), image_dir=None)


def _login_form(url: str) -> tuple[str, dict[str, str]]:
    page = httpx.get(f"{url}/login")
    match = CSRF_FIELD.search(page.text)
    assert match, page.text
    return match.group(1), dict(page.cookies)


def _wrong_logins(url: str, usernames: list[str], headers: list[dict[str, str]] | None = None) -> list[int]:
    token, cookies = _login_form(url)

    def attempt(index: int) -> int:
        form = {"username": usernames[index], "password": "wrong password!", "csrf_token": token}
        extra = headers[index] if headers else {}
        with httpx.Client(cookies=cookies, timeout=60) as http:
            return http.post(f"{url}/login", data=form, headers=extra).status_code

    with ThreadPoolExecutor(max_workers=len(usernames)) as pool:
        return list(pool.map(attempt, range(len(usernames))))


@pytest.mark.parametrize("same_username", [True, False], ids=["one-account", "many-accounts"])
def test_a_parallel_burst_of_wrong_passwords_checks_at_most_the_limit(
    console_process: tuple[str, StackConfig], same_username: bool
) -> None:
    url, config = console_process
    usernames = ["alice"] * BURST if same_username else [f"user{n}" for n in range(BURST)]
    statuses = _wrong_logins(url, usernames)
    assert sorted(set(statuses)) <= [401, 429] and statuses.count(401) <= MAX_FAILURES, statuses
    store = _served_store(config)
    try:
        actions = [action for _, action, _ in audit_actions(store)]
    finally:
        store.engine.dispose()
    assert actions.count("login_failed") == statuses.count(401) <= MAX_FAILURES
    assert actions.count("login_throttled") == statuses.count(429)


def test_a_forged_forwarded_for_header_neither_dodges_the_throttle_nor_enters_the_audit_log(
    console_process: tuple[str, StackConfig],
) -> None:
    url, config = console_process
    usernames = [f"user{n}" for n in range(MAX_FAILURES + 1)]
    statuses = []
    for number, username in enumerate(usernames):  # one after another: only the header changes
        forged = [{"X-Forwarded-For": f"203.0.113.{number}"}]
        statuses += _wrong_logins(url, [username], forged)
    assert statuses == [401] * MAX_FAILURES + [429]
    store = _served_store(config)
    try:
        entries, _ = StaffStore(store.sessions).audit_entries(limit=100)
    finally:
        store.engine.dispose()
    assert {entry.client for entry in entries} == {"127.0.0.1"}


def test_a_trusted_proxy_names_the_client(seeded: Path, tmp_path: Path) -> None:
    with _console_process(seeded, tmp_path, trusted_proxies="127.0.0.1") as (url, config):
        assert _wrong_logins(url, ["alice"], [{"X-Forwarded-For": "198.51.100.7"}]) == [401]
        store = _served_store(config)
        try:
            entries, _ = StaffStore(store.sessions).audit_entries(limit=10)
        finally:
            store.engine.dispose()
        assert [entry.client for entry in entries] == ["198.51.100.7"]


# --- the login form's CSRF token -------------------------------------------------------------------------


@pytest.mark.parametrize("made_up", ["x", "1700000000.abc.def", "9999999999.nonce." + "0" * 64])
def test_a_made_up_login_csrf_pair_is_refused(client: TestClient, store: Store, made_up: str) -> None:
    for name in (LOGIN_CSRF_COOKIE, "bcdbot_login_csrf"):
        client.cookies.set(name, made_up)
    form = {"username": "alice", "password": ADMIN_PASSWORD, "csrf_token": made_up}
    response = client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == 403 and SESSION_COOKIE not in response.headers.get("set-cookie", "")
    assert ("alice", "login", "") not in audit_actions(store)


def test_a_login_token_from_another_console_or_past_its_age_is_refused() -> None:
    console, other = LoginCsrf(), LoginCsrf()
    token = console.issue()
    assert console.accepts(token, token)
    assert not other.accepts(token, token)
    assert not console.accepts(token, console.issue())  # field and cookie must be the same token
    issued, nonce, signature = token.split(".")
    assert not console.accepts(f"{issued}.{nonce}x.{signature}", f"{issued}.{nonce}x.{signature}")
    expired = LoginCsrf(max_age_s=-1)
    old = expired.issue()
    assert not expired.accepts(old, old)


# --- cookies ---------------------------------------------------------------------------------------------


def _set_cookie(response: httpx2.Response, name: str) -> str:
    found = [header for header in response.headers.get_list("set-cookie") if header.startswith(f"{name}=")]
    assert len(found) == 1, response.headers.get_list("set-cookie")
    return found[0]


def _assert_host_cookie(header: str) -> None:
    attributes = [part.strip().lower() for part in header.split(";")[1:]]
    assert {"httponly", "secure", "samesite=strict", "path=/"} <= set(attributes), header
    assert not any(attribute.startswith("domain=") for attribute in attributes), header


def test_cookies_carry_the_host_prefix_and_are_cleared_with_the_same_flags(client: TestClient) -> None:
    form_page = client.get("/login")
    _assert_host_cookie(_set_cookie(form_page, LOGIN_CSRF_COOKIE))
    token = CSRF_FIELD.search(form_page.text)
    assert token
    form = {"username": "alice", "password": ADMIN_PASSWORD, "csrf_token": token.group(1)}
    login = client.post("/login", data=form, follow_redirects=False)
    assert login.status_code == 303
    _assert_host_cookie(_set_cookie(login, SESSION_COOKIE))
    cleared_form_cookie = _set_cookie(login, LOGIN_CSRF_COOKIE)
    _assert_host_cookie(cleared_form_cookie)
    assert "max-age=0" in cleared_form_cookie.lower()
    logout = client.post("/logout", data={"csrf_token": csrf_of(client)}, follow_redirects=False)
    cleared_session = _set_cookie(logout, SESSION_COOKIE)
    _assert_host_cookie(cleared_session)
    assert "max-age=0" in cleared_session.lower()


def test_plain_http_development_drops_the_prefix_browsers_would_refuse(store: Store) -> None:
    client = TestClient(create_app(admin_settings(admin_cookie_secure=False), store=store))
    response = client.get("/login")
    assert (
        _set_cookie(response, "bcdbot_login_csrf") and "secure" not in response.headers["set-cookie"].lower()
    )


# --- passwords and usernames --------------------------------------------------------------------------------


WEAK_PASSWORDS = ["password1234", " " * 12, "a" * 12, "Password1234!", "123456789012", "qwertyuiopas",
                  "abcabcabcabc", "carol-carol-carol"]  # fmt: skip


@pytest.mark.parametrize("password", WEAK_PASSWORDS)
def test_weak_passwords_are_refused(client: TestClient, store: Store, password: str) -> None:
    log_in(client)
    form = {"csrf_token": csrf_of(client), "username": "carol", "password": password, "role": "clinician"}
    assert client.post("/users", data=form).status_code == 400
    assert "carol" not in [account.username for account in StaffStore(store.sessions).accounts()]


@pytest.mark.parametrize("username", ["\u0430lice", "al ice", "alice@example", "ålice", ""])
def test_usernames_are_ascii_letters_digits_and_dot_underscore_dash(
    client: TestClient, store: Store, username: str
) -> None:
    log_in(client)
    form = {
        "csrf_token": csrf_of(client),
        "username": username,
        "password": "a fine passphrase",
        "role": "admin",
    }
    assert client.post("/users", data=form).status_code == 400
    assert [account.username for account in StaffStore(store.sessions).accounts()] == ["alice", "bob"]


def test_a_username_differing_only_in_case_is_refused(client: TestClient, store: Store) -> None:
    log_in(client)
    form = {
        "csrf_token": csrf_of(client),
        "username": "Alice",
        "password": "a fine passphrase",
        "role": "admin",
    }
    assert client.post("/users", data=form).status_code == 400
    ok = {**form, "username": "carol.d_e-f"}
    assert client.post("/users", data=ok, follow_redirects=False).status_code == 303


def _account_id(store: Store, username: str) -> int:
    return next(
        account.id for account in StaffStore(store.sessions).accounts() if account.username == username
    )


def _change_password(client: TestClient, current: str, new: str) -> httpx2.Response:
    page = client.get("/account/password")
    match = CSRF_FIELD.search(page.text)
    assert page.status_code == 200 and match
    form = {"csrf_token": match.group(1), "current_password": current, "new_password": new}
    return client.post("/account/password", data=form)


def test_changing_ones_password_needs_the_current_one_and_ends_the_other_sessions(
    client: TestClient, store: Store
) -> None:
    elsewhere = fresh_client(client)
    assert log_in(client, "bob", CLINICIAN_PASSWORD) == 303
    assert log_in(elsewhere, "bob", CLINICIAN_PASSWORD) == 303
    assert _change_password(client, "not my password", "a brand new passphrase").status_code == 400
    assert _change_password(client, CLINICIAN_PASSWORD, "password1234").status_code == 400
    form = {"current_password": CLINICIAN_PASSWORD, "new_password": "a brand new passphrase"}
    assert client.post("/account/password", data=form).status_code == 403  # no CSRF token
    assert _change_password(client, CLINICIAN_PASSWORD, "a brand new passphrase").status_code == 200
    assert client.get("/conversations", follow_redirects=False).status_code == 200  # this session goes on
    assert elsewhere.get("/conversations", follow_redirects=False).status_code == 303  # the other ended
    assert log_in(fresh_client(client), "bob", CLINICIAN_PASSWORD) == 401
    assert log_in(fresh_client(client), "bob", "a brand new passphrase") == 303
    bob = _account_id(store, "bob")
    assert ("bob", "change_password", f"account:{bob}") in audit_actions(store)


def test_an_admin_resets_a_password_and_the_accounts_sessions_end(client: TestClient, store: Store) -> None:
    bob_client = fresh_client(client)
    assert log_in(bob_client, "bob", CLINICIAN_PASSWORD) == 303
    log_in(client)
    bob = _account_id(store, "bob")
    token = csrf_of(client)
    weak = client.post(f"/users/{bob}/password", data={"csrf_token": token, "password": "a" * 12})
    assert weak.status_code == 400
    assert bob_client.get("/conversations", follow_redirects=False).status_code == 200
    reset = client.post(
        f"/users/{bob}/password", data={"csrf_token": token, "password": "temporary passphrase"}
    )
    assert reset.status_code == 200  # back on the users page
    assert bob_client.get("/conversations", follow_redirects=False).status_code == 303
    assert log_in(fresh_client(client), "bob", "temporary passphrase") == 303
    assert ("alice", "reset_password", f"account:{bob}") in audit_actions(store)
    alice = _account_id(store, "alice")
    own = client.post(
        f"/users/{alice}/password", data={"csrf_token": token, "password": "temporary passphrase"}
    )
    assert own.status_code == 400  # one's own: the account page, with the current password


# --- out-of-range ids and error pages ----------------------------------------------------------------------


def _assert_security_headers(response: httpx2.Response) -> None:
    assert "frame-ancestors 'none'" in response.headers.get("content-security-policy", ""), response.headers
    assert response.headers.get("x-content-type-options") == "nosniff"
    assert response.headers.get("cache-control") == "no-store"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/conversations/{HUGE_ID}"),
        ("GET", f"/images/{HUGE_ID}"),
        ("GET", f"/risk-assessments/{HUGE_ID}/icon-array.png"),
        ("POST", f"/escalations/{HUGE_ID}/acknowledge"),
        ("POST", f"/escalations/{HUGE_ID}/notes"),
        ("POST", f"/users/{HUGE_ID}"),
        ("GET", "/conversations/2147483648"),
        ("GET", "/conversations/0"),
    ],
)
def test_an_out_of_range_id_is_not_found_with_the_security_headers(
    store: Store, method: str, path: str
) -> None:
    client = TestClient(create_app(admin_settings(), store=store), base_url="https://testserver",
                        raise_server_exceptions=False)  # fmt: skip
    log_in(client)
    response = client.request(method, path, data={"csrf_token": csrf_of(client), "role": "admin"})
    assert response.status_code == 404
    _assert_security_headers(response)


def test_a_server_error_page_carries_the_security_headers_and_no_traceback(store: Store) -> None:
    client = TestClient(create_app(admin_settings(), store=store), base_url="https://testserver",
                        raise_server_exceptions=False)  # fmt: skip
    log_in(client)
    with store.engine.begin() as connection:
        connection.execute(text("DROP TABLE cases"))  # the next page's query fails in the database
    response = client.get("/cases")
    assert response.status_code == 500
    _assert_security_headers(response)
    assert "Traceback" not in response.text and "cases" not in response.text.lower().split("<main>")[-1]


# --- informational items, as decided ---------------------------------------------------------------------


def test_refusals_are_written_to_the_audit_log(client: TestClient, store: Store) -> None:
    assert log_in(client, "bob", CLINICIAN_PASSWORD) == 303
    assert client.get("/users").status_code == 403
    assert client.post("/escalations/1/acknowledge", data={"csrf_token": "forged"}).status_code == 403
    anonymous = fresh_client(client)
    anonymous.post("/login", data={"username": "alice", "password": "x", "csrf_token": "forged"})
    actions = audit_actions(store)
    assert ("bob", "refused", "/users") in actions
    assert ("bob", "refused", "/escalations/1/acknowledge") in actions
    assert ("-", "refused", "/login") in actions


def test_a_failed_login_names_the_account_but_never_the_typed_name(client: TestClient, store: Store) -> None:
    assert log_in(client, "alice", "wrong password!") == 401
    assert log_in(client, "correct horse battery", "alice") == 401  # a password typed as a username
    alice = _account_id(store, "alice")
    failures = [target for _, action, target in audit_actions(store) if action == "login_failed"]
    assert sorted(failures) == sorted([f"account:{alice}", "unknown account"])
    with store.engine.connect() as connection:
        logged = " ".join(map(str, connection.execute(text("SELECT * FROM audit_log")).all()))
    assert "correct horse" not in logged


def test_hsts_is_sent_when_the_console_is_served_over_https(client: TestClient, store: Store) -> None:
    assert re.fullmatch(r"max-age=\d{8,}", client.get("/login").headers["strict-transport-security"])
    plain = TestClient(create_app(admin_settings(admin_cookie_secure=False), store=store))
    assert "strict-transport-security" not in plain.get("/login").headers


def test_the_healthcheck_answers_without_a_session_and_without_an_audit_entry(
    client: TestClient, store: Store
) -> None:
    response = client.get("/healthz", follow_redirects=False)
    assert response.status_code == 200 and response.json() == {"ok": True}
    _assert_security_headers(response)
    assert audit_actions(store) == []
