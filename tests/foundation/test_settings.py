"""Settings come from the environment and refuse what they cannot be sure of, in one clear line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never would.
    unset = ("DATABASE_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "False"}, "SECRET_KEY must be set when DEBUG is False"),
        ({"DEBUG": "maybe"}, "DEBUG must be True or False"),
        ({"DATABASE_URL": "mysqlx://nowhere"}, "DATABASE_URL is not a database URL we understand"),
        ({"DATABASE_URL": "redis://127.0.0.1:6379/0"}, "DATABASE_URL is not a database URL we understand"),
        ({"DEBUG": "False", "SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS must be set when DEBUG is False"),
    ],
)
def test_bad_configuration_stops_start_up_with_one_clear_line(env, message):
    result = run_manage("check", **env)
    assert result.returncode != 0
    lines = [line for line in result.stderr.strip().splitlines() if line]
    assert lines == [f"pipdash cannot start: {lines[0].split(': ', 1)[1]}"]
    assert message in lines[0]


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="False", SECRET_KEY="a-long-random-production-secret-" + "x" * 40, ALLOWED_HOSTS="pipdash.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_secret_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("a-long-random-production-secret-from-a-file-" + "y" * 30)
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="False", SECRET_KEY_FILE=str(secret), ALLOWED_HOSTS="pipdash.example.org",
    )
    assert result.returncode == 0, result.stderr
