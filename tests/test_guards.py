"""Guards: the per-file time limit, the memory cap (decompression bombs) and optional OCR."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gapcheck.config import MIN_MEMORY_MB
from gapcheck.errors import LimitExceededError, NoTextLayerError, TimeoutExceededError
from gapcheck.guards import address_space_mb, deadline, memory_cap
from gapcheck.read import read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = Path(__file__).resolve().parent.parent / "sample_resumes"


def _gapcheck(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gapcheck.cli", *args], capture_output=True, text=True,
                          timeout=120, env=env)


def test_deadline_stops_a_slow_block_and_names_the_file():
    with pytest.raises(TimeoutExceededError, match=r"slow\.pdf: took longer than 0\.2 s"):
        with deadline(0.2, "slow.pdf"):
            time.sleep(5)


def test_deadline_is_disarmed_afterwards():
    with deadline(0.2, "quick.pdf"):
        pass
    time.sleep(0.4)  # an alarm left armed would raise here


def test_memory_error_inside_the_cap_becomes_a_limit_error():
    cap = (address_space_mb() or 0) + 4096  # room to spare: the MemoryError comes from the block
    with pytest.raises(LimitExceededError, match=rf"bomb\.pdf: needed more than {cap} MB"):
        with memory_cap(cap, "bomb.pdf"):
            raise MemoryError


def test_a_cap_under_what_the_process_already_uses_says_so():
    # Not "a decompression bomb": the file was never read.
    used = address_space_mb()
    assert used and used > 1
    with pytest.raises(LimitExceededError, match=rf"cv\.pdf: not read: this process already uses \d+ MB of "
                                                 rf"address space, over the --max-memory cap of {used // 2} MB"):
        with memory_cap(used // 2, "cv.pdf"):
            pass


def test_the_smallest_memory_cap_allowed_is_enough_for_a_resume(tmp_path):
    # MIN_MEMORY_MB was measured (see gapcheck.config); here it must work for one PDF and for
    # batch workers, which start from their parent's size.
    one = _gapcheck(str(SAMPLES / "rl_researcher.pdf"), "--json", "--max-memory", str(MIN_MEMORY_MB))
    assert one.returncode == 0, one.stderr
    out = tmp_path / "out.jsonl"
    many = _gapcheck("batch", str(SAMPLES / "rl_researcher.pdf"), str(SAMPLES / "rl_researcher.txt"),
                     str(FIXTURES / "good.pdf"), "-o", str(out), "--workers", "2", "--max-memory", str(MIN_MEMORY_MB),
                     "--progress", "quiet")
    assert many.returncode == 0, many.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in rows] == ["ok"] * 3, [r.get("error") for r in rows]


@pytest.mark.slow
def test_decompression_bomb_hits_the_memory_cap_where_a_real_resume_does_not():
    # The same cap, side by side: an ordinary PDF reads, the 600 MB bomb is stopped.
    good = _gapcheck(str(FIXTURES / "good.pdf"), "--json", "--max-memory", "800")
    assert good.returncode == 0, good.stderr
    bomb = _gapcheck(str(FIXTURES / "bomb.pdf"), "--json", "--max-memory", "800")
    assert bomb.returncode == 1
    assert "bomb.pdf: needed more than 800 MB" in bomb.stderr and "Traceback" not in bomb.stderr
    assert bomb.stdout == ""


def test_scanned_pdf_with_ocr_but_no_ocrmypdf_says_what_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(NoTextLayerError, match="ocrmypdf, which is not installed"):
        read_document(FIXTURES / "scanned.pdf", ocr=True)


def test_ocr_output_is_read(tmp_path):
    # A stand-in for ocrmypdf that writes a PDF with a text layer, as the real tool would.
    tool = tmp_path / "ocrmypdf"
    tool.write_text(f'#!/bin/sh\nfor last; do :; done\ncp "{FIXTURES / "good.pdf"}" "$last"\n')
    tool.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}"}
    scanned = _gapcheck(str(FIXTURES / "scanned.pdf"), "--json")
    assert scanned.returncode == 1 and "no text layer" in scanned.stderr
    done = _gapcheck(str(FIXTURES / "scanned.pdf"), "--json", "--ocr", env=env)
    assert done.returncode == 0, done.stderr
    assert '"python"' in done.stdout


def test_a_timeout_that_a_library_swallows_is_raised_again():
    # pdfminer catches every exception in places; the limit must not be lost there.
    start = time.monotonic()
    with pytest.raises(TimeoutExceededError, match=r"cv\.pdf: took longer than 0\.2 s"):
        with deadline(0.2, "cv.pdf"):
            for _ in range(3):
                try:
                    time.sleep(5)
                except Exception:  # noqa: BLE001  (what such a library does)
                    continue
    assert time.monotonic() - start < 3


def test_a_block_that_swallowed_its_timeout_and_finished_is_still_a_timeout():
    with pytest.raises(TimeoutExceededError):
        with deadline(0.1, "cv.pdf"):
            try:
                time.sleep(5)
            except Exception:  # noqa: BLE001
                pass
