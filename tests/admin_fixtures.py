"""Fixtures for the admin console's tests: a seeded store copied per test, and a client over it.

Registered for every test module by `pytest_plugins` in conftest.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from admin import create_app
from store import Store, create_database_engine, session_factory
from tests.admin_seed import admin_settings, seeded_store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeded once per module (argon2 and 30 conversations take seconds), copied for each test."""
    folder = tmp_path_factory.mktemp("seeded")
    seeded_store(folder).engine.dispose()
    return folder


@pytest.fixture
def store(seeded: Path, tmp_path: Path) -> Iterator[Store]:
    shutil.copytree(seeded, tmp_path / "copy")
    engine = create_database_engine(f"sqlite:///{tmp_path / 'copy' / 'admin.sqlite3'}")
    store = Store(session_factory(engine), image_dir=tmp_path / "copy" / "images")
    yield store
    engine.dispose()


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(admin_settings(), store=store), base_url="https://testserver")
