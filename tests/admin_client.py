"""Driving the admin console over HTTP in tests: log in, read a form's CSRF token, read the audit log."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from store import Store
from store.staff import StaffStore
from tests.admin_seed import ADMIN_PASSWORD

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def login_form_token(client: TestClient) -> str:
    page = client.get("/login")
    match = CSRF_FIELD.search(page.text)
    assert match, page.text
    return match.group(1)


def log_in(client: TestClient, username: str = "alice", password: str = ADMIN_PASSWORD) -> int:
    form = {"username": username, "password": password, "csrf_token": login_form_token(client)}
    return client.post("/login", data=form, follow_redirects=False).status_code


def csrf_of(client: TestClient) -> str:
    match = CSRF_FIELD.search(client.get("/escalations").text)
    assert match
    return match.group(1)


def audit_actions(store: Store) -> list[tuple[str, str, str]]:
    entries, _ = StaffStore(store.sessions).audit_entries(limit=1000)
    return [(entry.actor, entry.action, entry.target) for entry in entries]
