"""The docker-compose deployment, checked without Docker: the files are read, never run.

`docker-compose.yml` must follow the Compose specification (the JSON schema check-jsonschema
ships, so no network), give every service a health check, pin every image, and hand the API
and the worker one and the same settings, named as `codermatch.settings.Settings` names them.
The `Dockerfile` must run `codermatch serve` as a user other than root, with a health check,
and the image must hold the package data the project reads at run time.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from codermatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
DEPLOY_GUIDE = ROOT / "deploy" / "README.md"
PYPROJECT = ROOT / "pyproject.toml"

SETTING_NAMES = {f"CODERMATCH_{name.upper()}" for name in Settings.model_fields}
APP_SERVICES = ("api", "worker")
# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME?message}
INTERPOLATION = re.compile(
    r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}"
)


def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def services() -> dict[str, dict[str, Any]]:
    return compose()["services"]


def interpolate(text: str, variables: dict[str, str]) -> str:
    """Compose's `${...}` interpolation: a set variable, else its default; a required one
    that is not set is an error, as `docker compose` makes it."""

    def value(match: re.Match[str]) -> str:
        name, op, arg = match["name"], match["op"], match["arg"]
        if name in variables and (variables[name] or op is None or not op.startswith(":")):
            return variables[name]
        if op in (":-", "-"):
            return arg
        if op in (":?", "?"):
            raise ValueError(f"{name} is required: {arg}")
        return ""

    return INTERPOLATION.sub(value, text.replace("$$", "\0")).replace("\0", "$")


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined, comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):  # a comment inside a continued instruction
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        whole = (pending + line).strip()
        pending = ""
        keyword, _, arguments = whole.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def check_compose_schema(path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with the Compose specification's schema it ships: no network."""
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec"]
    return subprocess.run(
        [*command, str(path)], capture_output=True, text=True, timeout=120, check=False
    )


def final_stage(instructions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The instructions of the last stage: the image that runs."""
    starts = [i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM"]
    assert starts, "the Dockerfile has no FROM"
    return instructions[starts[-1] :]


# --- docker-compose.yml ---------------------------------------------------------------------


def test_compose_file_follows_the_compose_specification() -> None:
    result = check_compose_schema(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_compose_file(tmp_path: Path) -> None:
    broken = compose()
    broken["services"]["postgres"]["healthcheck"]["interval"] = [5]
    broken["services"]["api"]["depends_on"] = {"postgres": {"condition": "when_it_feels_like_it"}}
    path = tmp_path / "docker-compose.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    result = check_compose_schema(path)
    assert result.returncode != 0
    assert "interval" in result.stdout


def test_compose_has_the_stack_and_no_version_key() -> None:
    document = compose()
    assert "version" not in document  # obsolete in the Compose specification
    assert set(document["services"]) == {"elasticsearch", "postgres", "api", "worker", "mailpit"}
    assert {"elasticsearch-data", "postgres-data", "codermatch-data"} <= set(document["volumes"])


def test_every_service_has_a_health_check() -> None:
    without = [
        name
        for name, service in services().items()
        if not (check := service.get("healthcheck"))
        or check.get("disable")
        or not check.get("test")
        or check["test"] in (["NONE"], "NONE")
    ]
    assert without == [], f"services without a health check: {without}"


def test_the_api_and_worker_wait_for_healthy_stores() -> None:
    for name in APP_SERVICES:
        depends_on = services()[name]["depends_on"]
        for needed in ("elasticsearch", "postgres"):
            assert depends_on[needed]["condition"] == "service_healthy", (name, needed)


def test_the_api_and_worker_run_their_commands_from_one_image() -> None:
    api, worker = (services()[name] for name in APP_SERVICES)
    assert api["command"] == ["codermatch", "serve", "--host", "0.0.0.0", "--port", "8000"]
    assert "8000:8000" in api["ports"]
    assert "readyz" in " ".join(api["healthcheck"]["test"])
    assert worker["command"] == ["codermatch", "schedule"]
    assert api["image"] == worker["image"]
    assert api["build"] == worker["build"] == "."
    for service in (api, worker):
        assert "codermatch-data:/data" in service["volumes"]


def test_the_api_and_worker_share_one_environment() -> None:
    both = services()  # loaded once: a YAML alias loads as one object
    api, worker = (both[name]["environment"] for name in APP_SERVICES)
    assert isinstance(api, dict)
    assert api == worker
    # One YAML anchor, not two copies that may drift apart.
    assert api is worker


def test_the_secret_key_is_one_required_reference_never_a_value() -> None:
    environments = [services()[name]["environment"] for name in APP_SERVICES]
    keys = {environment["CODERMATCH_SECRET_KEY"] for environment in environments}
    assert len(keys) == 1
    (key,) = keys
    match = INTERPOLATION.fullmatch(key)
    assert match, f"CODERMATCH_SECRET_KEY is a literal value: {key!r}"
    assert match["name"] == "CODERMATCH_SECRET_KEY"
    assert match["op"] == ":?", "without a key compose must stop, not sign with an empty one"


def test_passwords_come_from_the_environment() -> None:
    postgres = services()["postgres"]["environment"]["POSTGRES_PASSWORD"]
    assert INTERPOLATION.fullmatch(postgres), f"a literal PostgreSQL password: {postgres!r}"
    url = services()["api"]["environment"]["CODERMATCH_DATABASE_URL"]
    password = re.fullmatch(
        r"postgresql://codermatch:(?P<password>.+)@postgres:5432/codermatch", url
    )
    assert password, url
    assert password["password"] == postgres


def test_compose_settings_are_settings_codermatch_reads() -> None:
    used = set(re.findall(r"\bCODERMATCH_[A-Z0-9_]*[A-Z0-9]\b", COMPOSE.read_text("utf-8")))
    assert used, "compose names no CODERMATCH_ setting"
    assert used - SETTING_NAMES == set(), f"not settings of codermatch: {used - SETTING_NAMES}"
    environment = services()["api"]["environment"]
    assert set(environment) <= SETTING_NAMES


def test_compose_settings_load_into_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    given = {"CODERMATCH_SECRET_KEY": "a-key-from-dot-env", "POSTGRES_PASSWORD": "pw"}
    environment = yaml.safe_load(interpolate(COMPOSE.read_text("utf-8"), given))["services"]
    for name, value in environment["api"]["environment"].items():
        monkeypatch.setenv(name, str(value))
    settings = Settings()
    assert settings.data_dir == Path("/data")
    assert settings.store_url == "http://elasticsearch:9200"
    assert settings.es_index == "codermatch-postings"
    assert settings.database == "postgresql://codermatch:pw@postgres:5432/codermatch"
    assert (settings.smtp_host, settings.smtp_port) == ("mailpit", 1025)
    assert settings.public_url == "http://localhost:8000"
    assert settings.signing_key() == "a-key-from-dot-env"


def test_compose_stops_without_a_secret_key() -> None:
    with pytest.raises(ValueError, match="CODERMATCH_SECRET_KEY"):
        interpolate(COMPOSE.read_text("utf-8"), {"POSTGRES_PASSWORD": "pw"})


def test_every_image_is_pinned_to_a_tag() -> None:
    for name, service in services().items():
        image = service.get("image")
        assert image, f"{name} has no image"
        repository, _, tag = image.rpartition("/")[2].partition(":")
        assert repository, f"{name}: {image!r}"
        assert tag, f"{name}: {image!r} has no tag"
        assert tag != "latest", f"{name}: {image!r} is not pinned"


def test_elasticsearch_server_matches_the_client_major_version() -> None:
    dependencies = tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]["dependencies"]
    (client,) = [d for d in dependencies if re.match(r"elasticsearch\b", d)]
    major = re.search(r">=\s*(\d+)", client)
    assert major, client
    image = services()["elasticsearch"]["image"]
    assert image.startswith("docker.elastic.co/elasticsearch/elasticsearch:")
    assert image.rpartition(":")[2].split(".")[0] == major[1]
    environment = services()["elasticsearch"]["environment"]
    assert environment["discovery.type"] == "single-node"
    assert "-Xmx" in environment["ES_JAVA_OPTS"]


# --- Dockerfile -----------------------------------------------------------------------------


def test_dockerfile_runs_codermatch_serve_as_a_user_other_than_root() -> None:
    stage = final_stage(dockerfile_instructions(DOCKERFILE.read_text("utf-8")))
    keywords = [keyword for keyword, _ in stage]
    assert "CMD" in keywords
    assert "USER" in keywords
    cmd_at = len(keywords) - 1 - keywords[::-1].index("CMD")
    users = [arguments for keyword, arguments in stage[:cmd_at] if keyword == "USER"]
    assert users, "no USER before CMD: the image would run as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0"), users[-1]
    command = json.loads(stage[cmd_at][1])
    assert command == ["codermatch", "serve", "--host", "0.0.0.0", "--port", "8000"]


def test_dockerfile_has_a_readiness_health_check_without_curl() -> None:
    stage = final_stage(dockerfile_instructions(DOCKERFILE.read_text("utf-8")))
    checks = [arguments for keyword, arguments in stage if keyword == "HEALTHCHECK"]
    assert len(checks) == 1
    assert "/readyz" in checks[0]
    assert "urllib" in checks[0]
    assert "curl" not in checks[0]


def test_dockerfile_base_data_dir_and_port() -> None:
    instructions = dockerfile_instructions(DOCKERFILE.read_text("utf-8"))
    bases = [arguments.split()[0] for keyword, arguments in instructions if keyword == "FROM"]
    assert bases
    assert all(base == "python:3.11-slim" for base in bases), bases
    stage = final_stage(instructions)
    env = " ".join(arguments for keyword, arguments in stage if keyword == "ENV")
    assert "CODERMATCH_DATA_DIR=/data" in env
    assert ("VOLUME", '["/data"]') in stage
    assert ("EXPOSE", "8000") in stage
    installs = " ".join(arguments for keyword, arguments in instructions if keyword == "RUN")
    assert "[test]" not in installs, "the image installs the test extras"


def test_dockerfile_copies_every_package() -> None:
    find = tomllib.loads(PYPROJECT.read_text("utf-8"))["tool"]["setuptools"]["packages"]["find"]
    packages = {pattern.rstrip("*") for pattern in find["include"]}
    copied = {
        arguments.split()[0].rstrip("/")
        for keyword, arguments in dockerfile_instructions(DOCKERFILE.read_text("utf-8"))
        if keyword == "COPY" and not arguments.startswith("--")
    }
    assert packages - copied == set(), f"packages not copied into the image: {packages - copied}"
    assert {"pyproject.toml", "README.md"} <= {
        word
        for keyword, arguments in dockerfile_instructions(DOCKERFILE.read_text("utf-8"))
        if keyword == "COPY"
        for word in arguments.split()
    }


def test_the_wheel_holds_every_data_file_of_the_packages() -> None:
    """A non-editable install (the image's) has only the package data pyproject.toml names:
    a template left out works in a checkout and breaks in the container."""
    setuptools = tomllib.loads(PYPROJECT.read_text("utf-8"))["tool"]["setuptools"]
    patterns: dict[str, list[str]] = setuptools.get("package-data", {})
    packages = [pattern.rstrip("*") for pattern in setuptools["packages"]["find"]["include"]]
    missing = []
    for package in packages:
        folder = ROOT / package
        covered: set[Path] = set()
        for name, globs in patterns.items():
            if name == package or name.startswith(f"{package}."):
                base = ROOT.joinpath(*name.split("."))
                covered |= {path for pattern in globs for path in base.glob(pattern)}
        for path in folder.rglob("*"):
            if (
                path.is_file()
                and path.suffix not in (".py", ".pyc")
                and "__pycache__" not in path.parts
                and path not in covered
            ):
                missing.append(str(path.relative_to(ROOT)))
    assert missing == [], (
        "files the image would lack; add them to [tool.setuptools.package-data] "
        f"in pyproject.toml: {sorted(missing)}"
    )


def test_dockerignore_keeps_local_state_out_of_the_build() -> None:
    ignored = {
        line.strip().rstrip("/")
        for line in DOCKERIGNORE.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".venv", "data", ".git", "test-artifacts", ".env"} <= ignored
    assert not {"pyproject.toml", "README.md", "api", "codermatch"} & ignored


# --- the guide ------------------------------------------------------------------------------


def test_the_deployment_guide_names_real_settings_and_commands() -> None:
    guide = DEPLOY_GUIDE.read_text("utf-8")
    used = set(re.findall(r"\bCODERMATCH_[A-Z0-9_]*[A-Z0-9]\b", guide))
    assert used - SETTING_NAMES == set(), f"not settings of codermatch: {used - SETTING_NAMES}"
    for command in (
        "docker compose up -d --build",
        "codermatch crawl",
        "codermatch reindex",
        "codermatch digest send",
        "http://localhost:8000",
        "http://localhost:8025",
        "CODERMATCH_SECRET_KEY=",
    ):
        assert command in guide, command
