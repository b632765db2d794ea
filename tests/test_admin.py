"""The admin console through its HTTP interface: roles, sessions, CSRF, throttling, injection, audit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from admin.rendering import csv_cell
from store import Store, create_database_engine
from store.staff import StaffStore
from tests.admin_client import audit_actions, csrf_of, log_in, login_form_token
from tests.admin_seed import (
    ADMIN_PASSWORD,
    CLARIFICATIONS,
    CLINICIAN_PASSWORD,
    NATIVE_MESSAGES,
    NATIVE_SEARCHES,
    SEARCH_WORD,
)

SESSION_COOKIE = "__Host-bcdbot_admin"  # the console is served over HTTPS in these tests
PAGES = ["/conversations", "/conversations/1", "/conversations/export.csv", "/images/1", "/escalations",
         "/cases", "/audit", "/users", "/account/password"]  # fmt: skip
FORMS = ["/logout", "/escalations/1/acknowledge", "/escalations/1/close", "/escalations/1/notes", "/users",
         "/users/2", "/users/2/password", "/users/telegram/revoke", "/account/password"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_an_anonymous_visit_to_every_page_goes_to_login(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("path", FORMS)
def test_an_anonymous_form_post_goes_to_login(client: TestClient, path: str) -> None:
    response = client.post(path, data={"csrf_token": "x"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_login_sets_a_secure_http_only_expiring_cookie(client: TestClient, store: Store) -> None:
    form = {"username": "alice", "password": ADMIN_PASSWORD, "csrf_token": login_form_token(client)}
    response = client.post("/login", data={**form, "next": "/cases"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/cases"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(f"{SESSION_COOKIE}="))
    for attribute in ("HttpOnly", "Secure", "SameSite=strict", "Max-Age="):
        assert attribute in cookie, attribute
    with store.engine.connect() as connection:
        token = cookie.split(";")[0].split("=", 1)[1]
        stored = connection.execute(text("SELECT token_hash FROM staff_sessions")).scalars().all()
    assert token not in stored and len(stored) == 1  # only a hash of the token is kept
    assert ("alice", "login", "") in audit_actions(store)


def test_pages_send_security_headers(client: TestClient) -> None:
    log_in(client)
    headers = client.get("/conversations").headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store" and headers["x-content-type-options"] == "nosniff"


def test_next_cannot_redirect_off_site(client: TestClient) -> None:
    form = {"username": "alice", "password": ADMIN_PASSWORD, "csrf_token": login_form_token(client)}
    response = client.post("/login", data={**form, "next": "//evil.example/"}, follow_redirects=False)
    assert response.headers["location"] == "/conversations"


def test_login_without_its_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "alice", "password": ADMIN_PASSWORD})
    assert response.status_code == 403


def test_a_form_without_the_csrf_token_is_refused(client: TestClient, store: Store) -> None:
    log_in(client)
    for data in ({}, {"csrf_token": "forged"}):
        response = client.post("/escalations/1/acknowledge", data=data, follow_redirects=False)
        assert response.status_code == 403
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT status FROM escalations WHERE id = 1")).scalar_one() == "open"
    assert client.post("/logout", data={}).status_code == 403


def test_repeated_wrong_passwords_are_throttled(client: TestClient, store: Store) -> None:
    for _ in range(5):
        assert log_in(client, password="wrong password!") == 401
    assert log_in(client) == 429  # even the right password, until the window passes
    assert log_in(client, username="bob", password=CLINICIAN_PASSWORD) == 429  # same client address
    actions = [action for _, action, _ in audit_actions(store)]
    assert actions.count("login_failed") == 5 and actions.count("login_throttled") == 2


def test_an_expired_session_goes_back_to_login(client: TestClient, store: Store) -> None:
    log_in(client)
    assert client.get("/conversations", follow_redirects=False).status_code == 200
    StaffStore(store.sessions).expire_session_now(client.cookies[SESSION_COOKIE])
    response = client.get("/conversations", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_logout_ends_the_session_on_the_server(client: TestClient) -> None:
    log_in(client)
    token = client.cookies[SESSION_COOKIE]
    assert (
        client.post("/logout", data={"csrf_token": csrf_of(client)}, follow_redirects=False).status_code
        == 303
    )
    client.cookies.set(SESSION_COOKIE, token)
    assert client.get("/conversations", follow_redirects=False).status_code == 303


def test_a_clinician_cannot_manage_users_or_read_the_audit_log(client: TestClient, store: Store) -> None:
    assert log_in(client, "bob", CLINICIAN_PASSWORD) == 303
    assert client.get("/conversations").status_code == 200
    assert client.get("/escalations").status_code == 200
    assert client.get("/users").status_code == 403
    assert client.get("/audit").status_code == 403
    form = {"csrf_token": csrf_of(client), "username": "mallory", "password": "x" * 20, "role": "admin"}
    assert client.post("/users", data=form).status_code == 403
    assert (
        client.post("/users/1", data={"csrf_token": form["csrf_token"], "role": "clinician"}).status_code
        == 403
    )
    assert [a.username for a in StaffStore(store.sessions).accounts()] == ["alice", "bob"]
    assert "/users" not in client.get("/conversations").text  # not even a link


def test_filters_search_and_pagination(client: TestClient) -> None:
    log_in(client)

    def ids(query: str) -> list[str]:
        response = client.get("/conversations" + query)
        assert response.status_code == 200
        return re.findall(r'href="/conversations/(\d+)"', response.text)

    assert len(ids("")) == 25 and len(ids("?page=2")) == 5
    assert ids(f"?q={SEARCH_WORD.upper()}") == ["8"]
    assert len(ids("?band=high")) == 4 and len(ids("?band=low")) == 6
    assert sorted(ids("?red_flag=yes")) == ["10", "8"] and len(ids("?red_flag=no")) == 25
    assert len(ids("?escalated=yes")) == 2 and len(ids("?modality=ultrasound")) == 5
    assert ids("?date_from=2000-01-01&date_to=2000-01-02") == []
    for number, search in NATIVE_SEARCHES.items():  # another spelling of the same word in its script
        assert ids(f"?q={search}") == [str(number + 1)], search


def test_each_conversation_and_message_shows_its_language(client: TestClient) -> None:
    log_in(client)
    listing = client.get("/conversations").text
    assert '<td class="language">kn</td>' in listing and '<td class="language">hi</td>' in listing
    for number, (language, said) in NATIVE_MESSAGES.items():
        page = client.get(f"/conversations/{number + 1}").text
        assert f"chosen language {language}" in page and said in page
        script = {"kn": "Kannada", "hi": "Devanagari"}[language]
        assert f"person · text · {script} script" in page
    assert "person · text · Latin script" in client.get("/conversations/1").text


@pytest.mark.parametrize(
    "query",
    [
        {"q": "' OR 1=1 --"},
        {"q": "%"},
        {"q": "\\"},
        {"band": "low' OR '1'='1"},
        {"modality": 'x"; DROP TABLE users; --'},
        {"date_from": "2026-01-01'; DELETE FROM messages;--"},
        {"red_flag": "1 OR 1"},
        {"q": "<script>alert(1)</script>"},
    ],
)
def test_injection_attempts_in_search_and_filters_are_inert(
    client: TestClient, store: Store, query: dict[str, str]
) -> None:
    log_in(client)
    response = client.get("/conversations", params=query)
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        assert "<script>alert" not in response.text  # escaped
        shown = re.findall(r'href="/conversations/(\d+)"', response.text)
        if "band" in query or "modality" in query or query.get("q") not in (None, "%", "\\"):
            assert shown == [] or "red_flag" in query
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM users")).scalar_one() == 30
        assert connection.execute(text("SELECT COUNT(*) FROM messages")).scalar_one() == 60


def test_conversation_page_shows_messages_images_and_outputs(client: TestClient) -> None:
    log_in(client)
    page = client.get("/conversations/1").text
    assert "hello number 0" in page and "Thank you." in page
    assert "efficientnet_lite0" in page and "inference_ms" in page
    images = re.findall(r'src="/images/(\d+)"', page)
    assert len(images) == 2
    for image_id in images:
        response = client.get(f"/images/{image_id}")
        assert response.status_code == 200 and response.content.startswith(b"\x89PNG")


def test_escalations_are_acknowledged_noted_and_closed(client: TestClient, store: Store) -> None:
    log_in(client, "bob", CLINICIAN_PASSWORD)
    token = csrf_of(client)
    assert client.post("/escalations/1/acknowledge", data={"csrf_token": token}).status_code == 200
    assert (
        client.post("/escalations/1/notes", data={"csrf_token": token, "note": "phoned, booked"}).status_code
        == 200
    )
    assert client.post("/escalations/1/acknowledge", data={"csrf_token": token}).status_code == 409
    assert client.post("/escalations/1/close", data={"csrf_token": token}).status_code == 200
    page = client.get("/escalations?show=all").text
    assert "phoned, booked" in page and "closed by bob" in page
    question, answer = CLARIFICATIONS[0]
    assert f"<dt>{question}</dt><dd>{answer}</dd>" in page  # what the person answered before the flag
    with store.engine.connect() as connection:
        row = connection.execute(
            text("SELECT status, acknowledged_by, closed_by FROM escalations WHERE id=1")
        ).one()
        note = connection.execute(text("SELECT text FROM escalation_notes")).scalar_one()
    assert tuple(row) == ("closed", "bob", "bob") and "phoned" not in note
    actions = audit_actions(store)
    for action in ("acknowledge", "note", "close"):
        assert ("bob", action, "escalation:1") in actions


def test_csv_export_of_a_filtered_list_is_audited(client: TestClient, store: Store) -> None:
    log_in(client)
    response = client.get("/conversations/export.csv", params={"band": "high"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lines = response.text.strip().splitlines()
    assert lines[0].startswith("conversation,pseudonym") and len(lines) == 5
    assert SEARCH_WORD not in response.text and "hello" not in response.text  # no message text
    assert ("alice", "export", "conversations.csv") in audit_actions(store)


def test_every_view_is_written_to_the_audit_log(client: TestClient, store: Store) -> None:
    log_in(client)
    for path in (
        "/conversations?q=secret+words",
        "/conversations/3",
        "/images/1",
        "/cases",
        "/escalations",
        "/users",
    ):
        client.get(path)
    entries, _ = StaffStore(store.sessions).audit_entries(limit=100)
    targets = {entry.target for entry in entries if entry.action == "view"}
    assert {"conversations", "conversation:3", "image:1", "cases", "escalations", "users"} <= targets
    assert not any("secret" in entry.detail for entry in entries)  # the searched text is not kept
    client.get("/audit")
    assert ("alice", "view", "audit") in audit_actions(store)  # reading the audit log is audited too


def test_admins_manage_accounts_and_roles(client: TestClient, store: Store) -> None:
    log_in(client)
    token = csrf_of(client)
    created = client.post(
        "/users",
        data={"csrf_token": token, "username": "carol", "password": "a long password", "role": "clinician"},
    )
    assert created.status_code == 200 and "carol" in created.text
    assert (
        client.post(
            "/users", data={"csrf_token": token, "username": "dave", "password": "short", "role": "admin"}
        ).status_code
        == 400
    )
    carol = next(a for a in StaffStore(store.sessions).accounts() if a.username == "carol")
    client.post(f"/users/{carol.id}", data={"csrf_token": token, "role": "admin", "active": "no"})
    carol = next(a for a in StaffStore(store.sessions).accounts() if a.username == "carol")
    assert (carol.role, carol.active) == ("admin", False)
    assert log_in(TestClient(client.app, base_url="https://testserver"), "carol", "a long password") == 401


def test_csv_cells_never_start_a_formula() -> None:
    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_cell("-1+2") == "'-1+2" and csv_cell("0.5") == "0.5" and csv_cell(None) == ""


def test_create_user_command_hashes_the_password_with_argon2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    from bcdbot import cli
    from settings import get_settings

    url = f"sqlite:///{tmp_path / 'accounts.sqlite3'}"
    monkeypatch.setenv("BCDBOT_DATABASE_URL", url)
    monkeypatch.setattr("sys.stdin", io.StringIO("a very good passphrase\n"))
    get_settings.cache_clear()
    try:
        with pytest.raises(SystemExit) as exit_info:
            cli.main(["admin", "create-user", "erin", "--role", "clinician", "--password-stdin"])
    finally:
        get_settings.cache_clear()
    assert exit_info.value.code == 0 and "passphrase" not in capsys.readouterr().out
    engine = create_database_engine(url)
    with engine.connect() as connection:
        role, hashed = connection.execute(text("SELECT role, password_hash FROM staff_accounts")).one()
    engine.dispose()
    assert role == "clinician" and hashed.startswith("$argon2id$") and "passphrase" not in hashed
