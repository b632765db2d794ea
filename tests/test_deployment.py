"""docker/: the compose file validates (Debian's docker-compose, no engine needed) and the images follow the
rules (multi-stage, non-root, a healthcheck for every service, each healthcheck URL served by its service);
`.env.example` documents every variable."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import yaml  # type: ignore[import-untyped]  # no types-PyYAML in the lock
from aiohttp.test_utils import TestClient as AiohttpClient
from aiohttp.test_utils import TestServer as AiohttpServer
from fastapi.testclient import TestClient
from telegram.ext import Application

from admin import create_app
from bot.webhook import health_app, webhook_app
from settings import Settings
from store import Store, create_database_engine, create_schema, session_factory

ROOT = Path(__file__).resolve().parents[1]
DOCKER = ROOT / "docker"
COMPOSE = DOCKER / "compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILES = ["bot", "worker-cpu", "worker-gpu", "rasa"]
PROFILES = ["gpu", "bot-api"]
ONE_SHOT = {"migrate"}
BUILD_TOOLS = re.compile(r"\b(gcc|g\+\+|build-essential|make|cmake|git)\b")


def compose_config() -> dict[str, Any]:
    """The resolved compose file, as docker-compose validates and prints it with .env.example."""
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.skip("docker-compose is not installed (apt-get install -y docker-compose)")
    command = [binary, "--env-file", str(ENV_EXAMPLE), "-f", str(COMPOSE)]
    command += [arg for profile in PROFILES for arg in ("--profile", profile)]
    result = subprocess.run(
        [*command, "config"],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "BCDBOT_ENV_FILE": str(ENV_EXAMPLE)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    config: dict[str, Any] = yaml.safe_load(result.stdout)
    return config


def stages(dockerfile: str) -> list[str]:
    """The Dockerfile's stages, each as its text from one FROM to the next."""
    text = (DOCKER / f"{dockerfile}.Dockerfile").read_text(encoding="utf-8")
    return re.split(r"(?m)^(?=FROM )", text)[1:]


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return compose_config()


def test_compose_validates_with_every_service(config: dict[str, Any]) -> None:
    expected = {"redis", "postgres", "migrate", "rasa", "bot", "admin", "worker-cpu", "worker-gpu"}
    assert expected <= set(config["services"])


def test_every_long_running_service_has_a_healthcheck(config: dict[str, Any]) -> None:
    for name, service in config["services"].items():
        if name in ONE_SHOT:
            continue
        dockerfile = Path(service.get("build", {}).get("dockerfile", "")).name.removesuffix(".Dockerfile")
        in_image = bool(dockerfile) and "HEALTHCHECK" in stages(dockerfile)[-1]
        assert "healthcheck" in service or in_image, f"{name} has no healthcheck"


def test_the_broker_persists_and_the_database_and_images_are_volumes(config: dict[str, Any]) -> None:
    services = config["services"]
    assert "--appendonly" in services["redis"]["command"]
    assert any(volume.endswith(":/data:rw") or ":/data" in volume for volume in services["redis"]["volumes"])
    assert any("/var/lib/postgresql/data" in volume for volume in services["postgres"]["volumes"])
    assert any("/data/images" in volume for volume in services["bot"]["volumes"])
    assert services["bot"]["environment"]["BCDBOT_DATABASE_URL"].startswith("postgresql+psycopg://")


def test_the_gpu_worker_is_optional_and_reserves_a_gpu(config: dict[str, Any]) -> None:
    gpu = config["services"]["worker-gpu"]
    assert gpu["profiles"] == ["gpu"]
    devices = gpu["deploy"]["resources"]["reservations"]["devices"]
    assert devices[0]["capabilities"] == ["gpu"]
    assert "images.gpu" in gpu["command"]


@pytest.mark.parametrize("dockerfile", DOCKERFILES)
def test_images_are_multi_stage_non_root_with_a_healthcheck(dockerfile: str) -> None:
    parts = stages(dockerfile)
    assert len(parts) >= 2, "build in one stage, run in another"
    runtime = parts[-1]
    assert re.search(r"(?m)^USER (?!root|0\b)\S+", runtime), "the runtime stage must not run as root"
    assert "HEALTHCHECK" in runtime
    assert not BUILD_TOOLS.search(runtime), "no build tools in the runtime stage"


def test_env_example_documents_every_compose_variable() -> None:
    referenced = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", COMPOSE.read_text(encoding="utf-8")))
    documented = set(re.findall(r"(?m)^#?\s*([A-Z_][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(encoding="utf-8")))
    missing = referenced - documented - {"BCDBOT_ENV_FILE"}
    assert not missing, f"add to .env.example: {sorted(missing)}"


# --- every healthcheck URL is served by the service it checks ---------------------------------------------

HEALTH_URL = re.compile(r"https?://[^\s'\"\],)]+")
RASA_STATUS_PATH = "/status"  # Rasa's own health endpoint, checked against a real Rasa below


def _dockerfile_env(dockerfile: str) -> dict[str, str]:
    """The ENV of the image's runtime stage (continuation lines joined)."""
    runtime = stages(dockerfile)[-1].replace("\\\n", " ")
    pairs = [pair for line in runtime.splitlines() if line.startswith("ENV ") for pair in line.split()[1:]]
    return dict(pair.split("=", 1) for pair in pairs if "=" in pair)


def _dockerfile_healthcheck(dockerfile: str) -> str:
    runtime = stages(dockerfile)[-1].replace("\\\n", " ")
    return " ".join(line for line in runtime.splitlines() if line.startswith("HEALTHCHECK"))


def _compose_services() -> dict[str, dict[str, Any]]:
    """The services as written (anchors and merge keys resolved); no variable is needed to read them."""
    services: dict[str, dict[str, Any]] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    return services


def http_healthchecks() -> list[tuple[str, str]]:
    """(service, URL) for every HTTP healthcheck: the service's own, or else its image's HEALTHCHECK."""
    found = []
    for name, service in _compose_services().items():
        check = service.get("healthcheck")
        dockerfile = Path(service.get("build", {}).get("dockerfile", "")).name.removesuffix(".Dockerfile")
        if check is not None:
            command = "" if check.get("disable") else " ".join(map(str, check.get("test", [])))
        else:
            command = _dockerfile_healthcheck(dockerfile) if dockerfile else ""
        found += [(name, url) for url in HEALTH_URL.findall(command)]
    return found


def service_settings(name: str) -> Settings:
    """The settings a service's container starts with, as far as ports and paths go: the image's ENV and
    the compose environment (values that need .env, and production's secret checks, left out)."""
    service = _compose_services()[name]
    dockerfile = Path(service["build"]["dockerfile"]).name.removesuffix(".Dockerfile")
    env = {**_dockerfile_env(dockerfile), **{k: str(v) for k, v in service.get("environment", {}).items()}}
    values: dict[str, Any] = {
        key.removeprefix("BCDBOT_").lower(): value
        for key, value in env.items()
        if key.startswith("BCDBOT_") and "${" not in value and key != "BCDBOT_ENVIRONMENT"
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_the_services_with_an_http_healthcheck_are_the_ones_checked_below() -> None:
    assert sorted({name for name, _ in http_healthchecks()}) == ["admin", "bot", "rasa"]


def _admin_status(path: str, settings: Settings, tmp_path: Path) -> int:
    engine = create_database_engine(f"sqlite:///{tmp_path / 'admin.sqlite3'}")
    create_schema(engine)
    try:
        app = create_app(settings, store=Store(session_factory(engine), image_dir=tmp_path / "images"))
        return TestClient(app).get(path, follow_redirects=False).status_code
    finally:
        engine.dispose()


async def _bot_statuses(path: str) -> list[int]:
    """The answers of the webhook-mode and the polling-mode servers (503: the bot is not running here)."""
    application = Application.builder().token("123456:test-token").build()
    statuses = []
    for app in (webhook_app(application, path="/telegram", secret=None), health_app(application)):
        async with AiohttpClient(AiohttpServer(app)) as client:
            statuses.append((await client.get(path)).status)
    return statuses


@pytest.mark.parametrize(("name", "url"), http_healthchecks())
async def test_every_healthcheck_url_is_served_by_its_service(name: str, url: str, tmp_path: Path) -> None:
    parts = urlsplit(url)
    assert parts.hostname == "127.0.0.1", "a healthcheck runs inside the container it checks"
    if name == "admin":
        settings = service_settings(name)
        assert parts.port == settings.admin_port
        assert _admin_status(parts.path, settings, tmp_path) == 200, f"{name} does not serve {url}"
    elif name == "bot":
        settings = service_settings(name)
        assert parts.port == settings.webhook_port == settings.health_port  # webhook and polling mode
        assert await _bot_statuses(parts.path) == [503, 503], f"{name} does not serve {url}"
    else:
        assert (name, parts.path) == ("rasa", RASA_STATUS_PATH), f"add a check that {name} serves {url}"


@pytest.mark.integration
def test_rasa_serves_its_healthcheck_path(rasa_url: str) -> None:
    assert httpx.get(rasa_url + RASA_STATUS_PATH, timeout=10).status_code == 200
