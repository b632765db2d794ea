"""docker/: the compose file validates (Debian's docker-compose, no engine needed) and the images follow the
rules (multi-stage, non-root, a healthcheck for every service); `.env.example` documents every variable."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]  # no types-PyYAML in the lock

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
