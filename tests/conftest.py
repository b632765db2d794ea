"""Real services for integration tests: redis-server, Rasa, the Telegram emulator, a Celery worker, the bot.

Each is a real process, started once per test session and stopped at its end. Rasa takes 30-60 s to load,
so it is started as soon as collection finds an integration test, and integration tests run last.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from bcdbot.processes import ManagedProcess
from bcdbot.stack import (
    NO_PER_PERSON_LIMITS,
    StackConfig,
    bot_process,
    emulator_process,
    rasa_process,
    redis_process,
    worker_process,
)
from tests.chat import ChatUser
from tests.postgres_server import PostgresServer

pytest_plugins = ["tests.admin_fixtures"]

ROOT = Path(__file__).resolve().parents[1]
RASA_START_TIMEOUT_S = 300.0
START_TIMEOUT_S = 120.0
TEST_PSEUDONYM_SECRET = "test-pseudonym-secret"
TEST_MAX_TASK_DELIVERIES = 2

_stack_key = pytest.StashKey[StackConfig]()
_rasa_key = pytest.StashKey[ManagedProcess]()


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    items.sort(key=lambda item: item.get_closest_marker("integration") is not None)


def pytest_collection_finish(session: pytest.Session) -> None:
    # The demo tests are integration tests with a stack of their own: they need no session Rasa.
    if not any("stack" in getattr(item, "fixturenames", ()) for item in session.items):
        return
    var_dir = Path(session.config._tmp_path_factory.mktemp("stack"))  # type: ignore[attr-defined]
    stack = StackConfig.for_tests(ROOT, var_dir)
    stack.extra_env["BCDBOT_PSEUDONYM_SECRET"] = TEST_PSEUDONYM_SECRET
    stack.extra_env["BCDBOT_TELEGRAM_POLL_TIMEOUT_S"] = "1"
    # Short enough that a message whose worker vanished during a Redis restart is redelivered within a test.
    stack.extra_env["BCDBOT_BROKER_VISIBILITY_TIMEOUT_S"] = "20"
    stack.extra_env["BCDBOT_MAX_TASK_DELIVERIES"] = str(TEST_MAX_TASK_DELIVERIES)
    # One test person sends as much as the tests need; tests/test_bot_limits.py sets small limits.
    stack.extra_env.update(NO_PER_PERSON_LIMITS)
    session.config.stash[_stack_key] = stack
    session.config.stash[_rasa_key] = rasa_process(stack).start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    rasa = session.config.stash.get(_rasa_key, None)
    if rasa is not None:
        rasa.stop()


@pytest.fixture(scope="session")
def stack(pytestconfig: pytest.Config) -> StackConfig:
    if _stack_key not in pytestconfig.stash:
        pytest.fail("the service stack is only set up for tests marked `integration`")
    return pytestconfig.stash[_stack_key]


@pytest.fixture(scope="session")
def rasa_url(pytestconfig: pytest.Config, stack: StackConfig) -> str:
    pytestconfig.stash[_rasa_key].wait_ready(RASA_START_TIMEOUT_S)
    return stack.rasa_url


@pytest.fixture(scope="session")
def redis_server(stack: StackConfig) -> Iterator[ManagedProcess]:
    process = redis_process(stack).start().wait_ready(START_TIMEOUT_S)
    yield process
    process.stop()


@pytest.fixture(scope="session")
def redis_url(stack: StackConfig, redis_server: ManagedProcess) -> str:
    return stack.redis_url


@pytest.fixture
def flushed_redis_db(stack: StackConfig, redis_url: str) -> Callable[[int], str]:
    """The URL of an emptied Redis database of the test server, for a module that needs Redis to itself."""

    def flushed(db: int) -> str:
        url = dataclasses.replace(stack, redis_db=db).redis_url
        redis.Redis.from_url(url).flushdb()
        return url

    return flushed


@pytest.fixture(scope="session")
def emulator_url(stack: StackConfig) -> Iterator[str]:
    process = emulator_process(stack).start().wait_ready(START_TIMEOUT_S)
    yield stack.emulator_url
    process.stop()


@pytest.fixture(scope="session")
def celery_worker(stack: StackConfig, redis_url: str) -> Iterator[ManagedProcess]:
    process = worker_process(stack).start().wait_ready(START_TIMEOUT_S)
    yield process
    process.stop()


@pytest.fixture(scope="session")
def bot(
    stack: StackConfig, emulator_url: str, rasa_url: str, redis_url: str, celery_worker: ManagedProcess
) -> Iterator[ManagedProcess]:
    process = bot_process(stack).start().wait_ready(START_TIMEOUT_S)
    yield process
    process.stop()


# --- store and admin console: a real PostgreSQL server, and both databases ----------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Debian's PostgreSQL on a free port, data in a temporary folder (installed when missing)."""
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, then a new database on the real PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.database() as url:
        yield url


@pytest.fixture
def person(emulator_url: str, bot: ManagedProcess) -> Iterator[ChatUser]:
    """A new Telegram user talking to the session's bot through the emulator."""
    user = ChatUser(emulator_url)
    yield user
    user.close()


@pytest.fixture
def consented(person: ChatUser) -> ChatUser:
    """A new user who has already given consent."""
    person.consent()
    return person
