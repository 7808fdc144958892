"""Guards that keep one file from hanging or exhausting the machine: a time limit and a memory cap.

Both are used around the analysis of a single file by the CLI and by batch workers.
"""

from __future__ import annotations

from typing import Any


class deadline:  # noqa: N801  (used as a context manager, reads like a clause)
    """Raise TimeoutExceededError after ``seconds`` (main thread on Unix; otherwise a no-op)."""

    def __init__(self, seconds: float | None, name: str) -> None:
        self.seconds, self.name, self.armed = seconds, name, False

    def _fire(self, *_: Any) -> None:
        from gapcheck.errors import TimeoutExceededError

        raise TimeoutExceededError(f"{self.name}: took longer than {self.seconds:g} s; the file may be "
                                   "pathological: check it, or raise --timeout.")

    def __enter__(self) -> deadline:
        import signal
        import threading

        if self.seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self.old = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.armed = True
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.armed:
            import signal

            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)


def set_memory_cap(megabytes: int | None) -> tuple[int, int] | None:
    """Cap this process's address space (Unix); returns the previous limits, or None if not set."""
    try:
        import resource
    except ImportError:  # not on Unix
        return None
    if not megabytes:
        return None
    old = resource.getrlimit(resource.RLIMIT_AS)
    cap = megabytes * 1024 * 1024
    if old[0] != resource.RLIM_INFINITY and old[0] <= cap:
        return None  # a lower limit is already in force
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, old[1]))
    except (ValueError, OSError):
        return None
    return old


def address_space_mb() -> int | None:
    """The address space this process uses now, in MB (what the cap limits); None off Linux."""
    import os

    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE") // (1024 * 1024)
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class memory_cap:  # noqa: N801
    """Cap memory while the block runs; a MemoryError inside becomes LimitExceededError."""

    def __init__(self, megabytes: int | None, name: str) -> None:
        self.megabytes, self.name = megabytes, name

    def __enter__(self) -> memory_cap:
        used = address_space_mb() if self.megabytes else None
        if used is not None and self.megabytes and used >= self.megabytes:
            # Every allocation would fail, and the file would be blamed for the process it runs in.
            from gapcheck.errors import LimitExceededError

            raise LimitExceededError(
                f"{self.name}: not read: this process already uses {used} MB of address space, over the "
                f"--max-memory cap of {self.megabytes} MB; raise --max-memory.")
        self.old = set_memory_cap(self.megabytes)
        return self

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        if self.old is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, self.old)
        if kind is not None and issubclass(kind, MemoryError):
            from gapcheck.errors import LimitExceededError

            raise LimitExceededError(
                f"{self.name}: needed more than {self.megabytes} MB of memory; the file may be a "
                "decompression bomb: check it, or raise --max-memory.") from exc
