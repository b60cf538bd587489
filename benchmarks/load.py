"""Throughput: gunicorn serving pipdash on 127.0.0.1, loaded by wrk from a second process.

The load is bounded: one wrk run of `duration` seconds per page, on the loopback address only.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class LoadResult:
    name: str
    url: str
    requests_per_second: float
    requests: int
    errors: int
    non_2xx: int
    latency_p50_ms: float | None
    latency_p99_ms: float | None
    duration_s: int
    connections: int
    workers: int
    load: str


def stop(process: subprocess.Popen | None) -> None:
    """Stop a process we started: politely, then by force after 15 s."""
    if process and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Gunicorn:
    """A gunicorn we start, on a port of our own, and stop by its process id."""

    def __init__(self, *, port: int, workers: int, env: dict[str, str]):
        self.port = port
        self.workers = workers
        self.env = env
        self.process: subprocess.Popen | None = None

    def __enter__(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "pipdash.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--access-logfile",
                "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
                "--error-logfile",
                "-",
                "--log-level",
                "warning",
                # Every root gunicorn shares one control socket by default: ours must not take another's.
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
        )
        try:
            self._wait_until_serving(deadline=time.monotonic() + 60)
        except BaseException:
            self.__exit__(None, None, None)  # a with-block does not call __exit__ when __enter__ fails
            raise
        return self

    def _wait_until_serving(self, *, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/accessibility/", timeout=10)  # noqa: S310
                return
            except OSError:  # refused while starting, or slow on a busy machine
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn exited while starting") from None
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def __exit__(self, *exc):
        stop(self.process)


class TaskRunner:
    """The task runner (`manage.py db_worker`) beside the gunicorn we start, as production runs one: it rebuilds
    pages readers found out of date (pipdash/web/page_rebuild.py). `nice` as README's deployment says for a
    host it shares with the web processes, so that a rebuild takes the time requests leave."""

    def __init__(self, *, env: dict[str, str], nice: int = 10):
        self.env = env
        self.nice = nice
        self.process: subprocess.Popen | None = None

    def __enter__(self):
        command = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"]
        if self.nice:
            command = ["nice", "-n", str(self.nice), *command]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL)
        return self

    def __exit__(self, *exc):
        stop(self.process)


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(output: str) -> dict:
    """The figures we report from wrk's --latency output."""
    found = {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": 0,
        "socket_errors": 0,
        "latency_p50_ms": None,
        "latency_p99_ms": None,
    }
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        found["non_2xx"] = int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        found["socket_errors"] = sum(int(g) for g in match.groups())
    for share, key in (("50", "latency_p50_ms"), ("99", "latency_p99_ms")):
        if match := re.search(rf"^\s+{share}%\s+(\S+)", output, re.MULTILINE):
            found[key] = _ms(match.group(1))
    return found


def run_wrk(
    *, name: str, url: str, cookie: str | None, duration: int, connections: int, threads: int, workers: int, load: str
) -> LoadResult:
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("Load is only ever sent to 127.0.0.1")
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed: apt-get install -y wrk")
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True, timeout=duration + 30).stdout
    found = parse_wrk(output)
    return LoadResult(
        name=name,
        url=url,
        requests_per_second=found["requests_per_second"],
        requests=found["requests"],
        errors=found["non_2xx"] + found["socket_errors"],
        non_2xx=found["non_2xx"],
        latency_p50_ms=found["latency_p50_ms"],
        latency_p99_ms=found["latency_p99_ms"],
        duration_s=duration,
        connections=connections,
        workers=workers,
        load=load,
    )


def check_signed_in(url: str, cookie: str) -> int:
    """The status the page gives this cookie, not following redirects: 302 means the cookie is not accepted."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    try:
        return opener.open(request, timeout=30).status
    except urllib.error.HTTPError as exc:
        return exc.code
