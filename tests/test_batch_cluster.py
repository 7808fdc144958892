"""Batches across machines, for real: a `dask scheduler` and two `dask worker` processes started
on loopback (one of them killed mid-run), and folders on an S3-compatible store (moto's server,
on loopback) read and written through s3fs. Nothing leaves 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from gapcheck.batch import analyze_one, discover
from gapcheck.cli import main
from gapcheck.config import Options

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_resumes"
FIXTURES = ROOT / "tests" / "fixtures"
# The environment of every process a test starts: this checkout's gapcheck, one OpenBLAS thread
# (as the gapcheck command has), and AWS settings that can only reach the local store.
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           OPENBLAS_NUM_THREADS="1", AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
           AWS_DEFAULT_REGION="us-east-1", AWS_EC2_METADATA_DISABLED="true")
for _name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
    ENV.pop(_name, None)


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _gapcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gapcheck.cli", *args], cwd=cwd, env=ENV, capture_output=True,
                          text=True, timeout=300)


def _resumes(folder: Path, n: int) -> list[Path]:
    """``n`` small text resumes, copies of the samples under names of their own."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = sorted(SAMPLES.glob("*.txt"))
    made = []
    for i in range(n):
        made.append(folder / f"r{i:02d}_{samples[i % len(samples)].name}")
        shutil.copy(samples[i % len(samples)], made[-1])
    return made


# -- a Dask cluster on loopback -----------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A scheduler and workers ``w1`` and ``w2`` (one thread each), as separate processes."""
    pytest.importorskip("distributed", reason="needs dask[distributed]: pip install 'gapcheck[dask]'")
    from distributed import Client

    home = tmp_path_factory.mktemp("cluster")
    info = home / "scheduler.json"
    procs: dict[str, subprocess.Popen[bytes]] = {}

    def start(name: str, *args: str) -> None:
        with (home / f"{name}.log").open("wb") as log:
            # Its own session, so that killing the group takes a worker's nanny and its process.
            procs[name] = subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=home, env=ENV,
                                           stdout=log, stderr=log, start_new_session=True)

    client = None
    try:
        loopback = ("--host", "127.0.0.1", "--dashboard-address", "127.0.0.1:0")  # every port on 127.0.0.1
        start("scheduler", "scheduler", *loopback, "--port", "0", "--scheduler-file", str(info))
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        for name in ("w1", "w2"):
            start(name, "worker", address, *loopback, "--name", name, "--nthreads", "1", "--nworkers", "1",
                  "--memory-limit", "0", "--local-directory", str(home / name))
        client = Client(address, timeout=30)
        client.wait_for_workers(2, timeout=90)
        yield {"address": address, "client": client, "procs": procs, "home": home}
    finally:
        if client is not None:
            client.close()
        for proc in procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _worker_address(client: Any, name: str) -> str:
    workers = client.scheduler_info(n_workers=-1)["workers"]
    return next(addr for addr, w in workers.items() if w["name"] == name)


def test_a_worker_killed_mid_run_costs_a_retry_not_the_batch(cluster, tmp_path):
    """The client's folder is not the workers' to read: its files go as bytes; the files of the
    killed worker run again on the other, and every file ends in exactly one row."""
    folder = tmp_path / "in"
    _resumes(folder, 30)
    for name in ("empty.txt", "binary.txt", "resume.docx"):
        shutil.copy(FIXTURES / name, folder / name)
    os.mkfifo(folder / "pipe.txt")  # a FIFO: never opened, by the client or a worker
    out = tmp_path / "out.jsonl"
    client = cluster["client"]
    w1 = _worker_address(client, "w1")
    batch = subprocess.Popen([sys.executable, "-m", "gapcheck.cli", "batch", str(folder), "-o", str(out),
                              "--engine", "dask", "--scheduler", cluster["address"], "--chunk-size", "2",
                              "--progress", "quiet"], cwd=tmp_path, env=ENV, stderr=subprocess.PIPE, text=True)
    try:
        # Kill w1 once results have come back and while it holds a task.
        deadline = time.monotonic() + 120
        written = 0
        while time.monotonic() < deadline and batch.poll() is None:
            written = len(out.read_bytes().splitlines()) if out.exists() else 0
            if written >= 1 and client.processing(workers=[w1])[w1]:
                break
            time.sleep(0.02)
        assert batch.poll() is None, "the batch ended before a worker could be killed"
        os.killpg(cluster["procs"]["w1"].pid, signal.SIGKILL)
        _, stderr = batch.communicate(timeout=240)
    finally:
        if batch.poll() is None:
            batch.kill()
            batch.wait()
    assert batch.returncode == 0, stderr
    rows = _lines(out.read_text(encoding="utf-8"))
    files = [r["file"] for r in rows]
    expected = discover([str(folder)])
    assert written < len(expected)  # the worker died mid-run
    assert len(files) == len(set(files)) and sorted(files) == sorted(expected)
    assert sum(r["status"] == "ok" for r in rows) == 30, [r["error"] for r in rows if r["status"] != "ok"]
    assert {r["result"]["detail"] for r in rows if r["status"] == "ok"} == {"compact"}  # the default in every engine
    # Shipped as bytes, each file gets the row it gets read in place.
    by_file = {r["file"]: r for r in rows}
    for name in ("empty.txt", "binary.txt", "resume.docx", "pipe.txt", "r00_" + sorted(SAMPLES.glob("*.txt"))[0].name):
        path = str(folder / name)
        local = analyze_one(path, Options()).to_dict()
        assert by_file[path] == local, name
    assert len(client.nthreads()) == 1  # w1 is gone for good: its files ran on w2


# -- an S3-compatible store on loopback -----------------------------------------------------------


@pytest.fixture(scope="module")
def s3() -> Iterator[dict[str, Any]]:
    """A moto S3 server on 127.0.0.1 with bucket ``cvs``, and the options that reach it."""
    pytest.importorskip("s3fs", reason="needs s3fs: pip install 'gapcheck[s3]'")
    pytest.importorskip("moto.server", reason="needs moto's S3 server: pip install 'moto[s3]' flask flask-cors")
    import s3fs
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        options = {"endpoint_url": f"http://{host}:{port}", "key": "testing", "secret": "testing"}
        fs = s3fs.S3FileSystem(**options)
        fs.mkdir("cvs")
        yield {"fs": fs, "options": options,
               "flags": [arg for k, v in options.items() for arg in ("--storage-option", f"{k}={v}")]}
    finally:
        server.stop()


def _upload(fs: Any, prefix: str, names: list[str]) -> list[str]:
    urls = []
    for name in names:
        source = SAMPLES / name if (SAMPLES / name).exists() else FIXTURES / name
        fs.put_file(str(source), f"{prefix}/{name}")
        urls.append(f"s3://{prefix}/{name}")
    return urls


def test_a_folder_on_s3_is_scored_from_its_url(s3, tmp_path):
    fs = s3["fs"]
    urls = _upload(fs, "cvs/team", ["nlp_engineer.txt", "mlops_engineer.txt", "cv_scientist.pdf", "empty.txt"])
    fs.pipe("cvs/team/labels.json", b"{}")  # not a resume: not listed
    out = "s3://cvs/results/team.jsonl"
    res = _gapcheck("batch", "s3://cvs/team/", "-o", out, "--workers", "2", "--progress", "quiet", *s3["flags"],
                    cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    rows = _lines(fs.cat("cvs/results/team.jsonl").decode("utf-8"))
    assert [r["file"] for r in rows] == sorted(urls)  # input order, one row each
    kinds = {r["file"].rsplit("/", 1)[1]: r["status"] if r["status"] == "ok" else r["error"]["kind"] for r in rows}
    assert kinds == {"nlp_engineer.txt": "ok", "mlops_engineer.txt": "ok", "cv_scientist.pdf": "ok",
                     "empty.txt": "empty"}
    nlp = next(r for r in rows if r["file"].endswith("nlp_engineer.txt"))
    assert nlp["result"]["best_role"]["id"] == "nlp_engineer"
    # The result is the one the file gives read from disk, but for the name it was read under.
    local = analyze_one(str(SAMPLES / "nlp_engineer.txt"), Options()).to_dict()
    assert nlp["sha256"] == local["sha256"]
    assert json.dumps(nlp["result"]).replace(nlp["file"], "X") == json.dumps(local["result"]).replace(
        str(SAMPLES / "nlp_engineer.txt"), "X")

    # --resume reads the rows back from the URL: a new file is the only one scored (here in
    # this process: the store's client then runs here, as it does in the command's workers).
    # The shortlist reads the compact rows, made without --role, from the downloaded copy.
    urls += _upload(fs, "cvs/team", ["quant_ml_analyst.txt"])
    res = CliRunner().invoke(main, ["batch", "s3://cvs/team/", "-o", out, "--resume", "--workers", "0",
                                    "--progress", "plain", "--role", "MLOps Engineer", "--top", "2", *s3["flags"]])
    assert res.exit_code == 0, res.output
    assert "resuming: 4 of 5 files already done" in res.stderr
    shortlist = res.stdout.splitlines()
    assert shortlist[0] == "Top 2 for MLOps Engineer:" and "s3://cvs/team/mlops_engineer.txt" in shortlist[1]
    again = _lines(fs.cat("cvs/results/team.jsonl").decode("utf-8"))
    assert [r["file"] for r in again] == sorted(urls) and again[:4] == rows  # the new one sorts last
    assert again[4]["status"] == "ok"

    res = CliRunner().invoke(main, ["batch", "s3://cvs/team/", "-o", out, "--progress", "quiet", *s3["flags"]])
    assert res.exit_code == 1 and f"{out}: already exists; pass --resume" in res.output


def test_dask_workers_open_s3_urls_themselves(s3, cluster, tmp_path):
    fs = s3["fs"]
    urls = _upload(fs, "cvs/dask", ["healthcare_ml.txt", "rl_researcher.txt", "binary.txt"])
    out = tmp_path / "out.jsonl"
    res = _gapcheck("batch", "s3://cvs/dask/*.txt", "-o", str(out), "--engine", "dask", "--scheduler",
                    cluster["address"], "--chunk-size", "1", "--progress", "quiet", "--role", "MLOps Engineer",
                    *s3["flags"], cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    rows = _lines(out.read_text(encoding="utf-8"))
    assert [r["file"] for r in rows] == sorted(urls)
    assert [r["status"] if r["status"] == "ok" else r["error"]["kind"] for r in rows] == ["binary_text", "ok", "ok"]
    # Compact lines that keep the gaps of --role besides those of their target role.
    for r in rows[1:]:
        assert r["result"]["detail"] == "compact" and "mlops_engineer" in r["result"]["missing"], r["file"]
    assert res.stdout.startswith("Top 10 for MLOps Engineer:")

    # --detail full through the same workers: the whole result, as `gapcheck FILE --json` gives it.
    full = tmp_path / "full.jsonl"
    res = _gapcheck("batch", urls[0], "-o", str(full), "--engine", "dask", "--scheduler", cluster["address"],
                    "--detail", "full", "--progress", "quiet", *s3["flags"], cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    (row,) = _lines(full.read_text(encoding="utf-8"))
    assert "schema_version" in row["result"] and "detail" not in row["result"]


# A worker preload: a task that holds a file named "poison" kills the worker process that runs
# it, as a file that runs a worker out of memory would (before loading spaCy: a quicker test).
_POISON = """
import os
from gapcheck import _batch_dask

def poisoned(run):
    def chunk(tasks, *args):
        if any("poison" in path for path, _ in tasks):
            os._exit(1)
        return run(tasks, *args)
    chunk.poisoned = True
    return chunk

if not hasattr(_batch_dask._dask_chunk, "poisoned"):  # a preload may run twice in one process
    _batch_dask._dask_chunk = poisoned(_batch_dask._dask_chunk)
"""


def test_a_file_that_kills_every_worker_costs_its_own_row_only(tmp_path):
    pytest.importorskip("distributed", reason="needs dask[distributed]: pip install 'gapcheck[dask]'")
    import dask

    from gapcheck.batch import analyze_many_dask

    preload = tmp_path / "poison_preload.py"
    preload.write_text(_POISON, encoding="utf-8")
    files = [str(p) for p in _resumes(tmp_path / "in", 3)]
    poison = tmp_path / "in" / "poison.txt"
    shutil.copy(SAMPLES / "nlp_engineer.txt", poison)
    files.insert(0, str(poison))
    # The scheduler gives up on a task the first time its worker dies (the default waits for four).
    with dask.config.set({"distributed.scheduler.allowed-failures": 0, "distributed.worker.preload": [str(preload)]}):
        items = list(analyze_many_dask(files, workers=1, chunk_size=4))
    assert sorted(i.file for i in items) == sorted(files)
    rows = {Path(i.file).name: i for i in items}
    assert rows["poison.txt"].status == "error" and rows["poison.txt"].error["kind"] == "crash"
    assert "every Dask worker that ran it died" in rows["poison.txt"].error["message"]
    assert rows["poison.txt"].sha256 == hashlib.sha256(poison.read_bytes()).hexdigest()
    assert [i.status for n, i in sorted(rows.items()) if n != "poison.txt"] == ["ok"] * 3
