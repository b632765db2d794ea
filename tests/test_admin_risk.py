"""Risk assessments in the admin console: the conversation view and the case list show them, the icon array
of an estimate is served like an image, and every view is audited."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image
from scipy import ndimage

from admin import create_app
from clinical import Hyperplasia, Race, RiskInputs, assess
from clinical.icon_array import AFFECTED, GRID_BOX
from store import Store, create_database_engine, create_schema, session_factory
from store.staff import StaffStore
from tests.admin_seed import ADMIN_PASSWORD, admin_settings

PERSON = "p" * 64
WORKER = "w" * 64
REASON = "The risk model is not for women with a known BRCA1 or BRCA2 mutation"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    engine = create_database_engine(f"sqlite:///{tmp_path / 'risk.sqlite3'}")
    create_schema(engine)
    store = Store(session_factory(engine), image_dir=tmp_path / "images")
    StaffStore(store.sessions).create_account(username="alice", password=ADMIN_PASSWORD, role="admin")
    store.record_consent(pseudonym=PERSON, granted=True)
    store.record_message(pseudonym=PERSON, direction="in", kind="command", text="/risk")
    result = assess(
        RiskInputs(age=40, projection_end_age=45, age_at_menarche=11, age_at_first_birth=None,
                   first_degree_relatives=1, biopsies=1, atypical_hyperplasia=Hyperplasia.NO, race=Race.WHITE)
    )  # fmt: skip
    answers = {"age": 40, "race": 1, "menarche": 11, "first_birth": "none", "relatives": 1, "biopsies": 1,
               "hyperplasia": "no", "history": "no", "chest_radiation": "no", "brca": "no"}  # fmt: skip
    estimate = result.as_dict()
    store.record_risk_assessment(pseudonym=PERSON, outcome="estimate", answers=answers, result=estimate)
    refused = {"age": 50, "brca": "yes"}
    store.record_risk_assessment(
        pseudonym=PERSON, outcome="not_applicable", answers=refused, result={"reasons": [REASON]}
    )
    store.record_consent(pseudonym=WORKER, granted=True)
    case = store.open_case(pseudonym=WORKER)
    store.record_risk_assessment(
        pseudonym=WORKER, case_id=case, outcome="estimate", answers=answers, result=estimate
    )
    yield store
    engine.dispose()


@pytest.fixture
def client(store: Store) -> TestClient:
    client = TestClient(create_app(admin_settings(), store=store), base_url="https://testserver")
    page = client.get("/login")
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match
    form = {"username": "alice", "password": ADMIN_PASSWORD, "csrf_token": match.group(1)}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    return client


def audited(store: Store) -> set[tuple[str, str]]:
    entries, _ = StaffStore(store.sessions).audit_entries(limit=100)
    return {(entry.action, entry.target) for entry in entries}


def test_the_conversation_view_shows_the_persons_risk_assessments(client: TestClient, store: Store) -> None:
    page = client.get("/conversations/1")
    assert page.status_code == 200
    assert "Risk assessment 1 · estimate" in page.text
    assert "Risk assessment 2 · the model does not apply" in page.text
    assert "1.9%" in page.text and "0.6%" in page.text  # five-year risk and the average woman's
    assert "first_birth: none" in page.text and REASON in page.text
    assert 'src="/risk-assessments/1/icon-array.png"' in page.text
    assert 'src="/risk-assessments/2/icon-array.png"' not in page.text  # no picture without an estimate
    assert ("view", "conversation:1") in audited(store)


def test_the_icon_array_is_served_and_audited(client: TestClient, store: Store) -> None:
    response = client.get("/risk-assessments/1/icon-array.png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    pixels = np.asarray(Image.open(io.BytesIO(response.content)).convert("RGB"))
    left, top, right, bottom = GRID_BOX
    _, coloured = ndimage.label(np.all(pixels[top : bottom + 1, left : right + 1] == AFFECTED, axis=-1))
    assert coloured == 2  # 1.9 in 100
    assert client.get("/risk-assessments/2/icon-array.png").status_code == 404
    assert client.get("/risk-assessments/99/icon-array.png").status_code == 404
    assert {("view", "risk_assessment:1"), ("view", "risk_assessment:2"), ("view", "risk_assessment:99")} <= (
        audited(store)
    )


def test_the_case_list_shows_the_cases_latest_risk(client: TestClient) -> None:
    page = client.get("/cases")
    assert page.status_code == 200 and "Risk (5 years / to 90)" in page.text
    body = page.text.split("<tbody>", 1)[1]  # the head holds random tokens, which may contain "C-"
    row = next(line for line in body.split("<tr>") if "C-" in line)
    assert "1.9% / " in row


def test_the_icon_array_needs_a_login(store: Store) -> None:
    anonymous = TestClient(create_app(admin_settings(), store=store), base_url="https://testserver")
    response = anonymous.get("/risk-assessments/1/icon-array.png", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
