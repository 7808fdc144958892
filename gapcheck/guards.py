"""Guards that keep one file from hanging or exhausting the machine: a time limit, a memory
cap, checks of an input before it is opened, and a child process for native code that aborts.

They are used around the analysis of a single file by the CLI and by batch workers.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from gapcheck.errors import (
    FileMissingError,
    LimitExceededError,
    NotAFileError,
    TimeoutExceededError,
    UnreadableFileError,
)

T = TypeVar("T")
# setitimer refuses times past what a time_t holds; a longer limit is no limit in practice.
_MAX_TIMER_S = 10**8
# After the time limit, the error is raised again this often until the block ends.
_REPEAT_S = 0.25


def _in_gc_callback(frame: Any) -> bool:
    """Whether ``frame`` (or one of the few frames that called it) runs a garbage-collector
    callback (a library's, such as a test framework's timer)."""
    import gc

    codes = {getattr(cb, "__code__", None) for cb in gc.callbacks} - {None}
    for _ in range(4):
        if frame is None or not codes:
            return False
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False


class _AsyncTimeout(TimeoutExceededError):
    """Raised inside a worker thread by :class:`deadline`; it carries no message of its own."""


class deadline:  # noqa: N801  (used as a context manager, reads like a clause)
    """Raise TimeoutExceededError after ``seconds``.

    In the main thread (Unix) a SIGALRM stops the block, even inside a regular expression.
    In another thread (a Dask task), a timer raises the error in that thread at its next
    Python instruction; code that runs long inside a C extension is stopped when it returns.
    Libraries that catch every exception (pdfminer does, here and there) may swallow the
    error, so it is raised again every :data:`_REPEAT_S` until the block ends, and a block
    that ends after its time is a timeout however it ends.
    """

    def __init__(self, seconds: float | None, name: str) -> None:
        self.seconds, self.name, self.armed = seconds, name, False
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()
        self.fired = False

    def _message(self) -> str:
        return (f"{self.name}: took longer than {self.seconds:g} s; the file may be "
                "pathological: check it, or raise --timeout.")

    def _fire(self, _signum: int, frame: Any) -> None:
        self.fired = True
        if frame is not None and _in_gc_callback(frame):
            # Raised there, the error would be lost ("Exception ignored in ..."): the repeat
            # or the block's end raises it.
            return
        raise TimeoutExceededError(self._message())

    def _interrupt(self, thread_id: int) -> None:
        import ctypes

        with self.lock:
            if self.timer is None:  # the block has ended
                return
            self.fired = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(_AsyncTimeout))
            self.timer = threading.Timer(_REPEAT_S, self._interrupt, args=(thread_id,))
            self.timer.daemon = True
            self.timer.start()

    def __enter__(self) -> deadline:
        import signal

        if not self.seconds:
            return self
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self.old = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, min(self.seconds, _MAX_TIMER_S), _REPEAT_S)
            self.armed = True
        elif self.seconds < _MAX_TIMER_S:
            self.timer = threading.Timer(self.seconds, self._interrupt, args=(threading.get_ident(),))
            self.timer.daemon = True
            self.timer.start()
        return self

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        if self.armed:
            import signal

            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
        if self.timer is not None:
            import ctypes

            with self.lock:
                self.timer.cancel()
                self.timer = None
                if self.fired:  # a timeout that fired as the block ended must not land later
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(threading.get_ident()), None)
        if self.fired and not (kind is not None and issubclass(kind, TimeoutExceededError)
                               and not issubclass(kind, _AsyncTimeout)):
            # Over time: a timeout, also when a library caught the error and carried on, or
            # turned it into one of its own ("damaged PDF").
            raise TimeoutExceededError(self._message()) from (exc if kind is not None and
                                                              not issubclass(kind, _AsyncTimeout) else None)


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
            raise LimitExceededError(
                f"{self.name}: needed more than {self.megabytes} MB of memory; the file may be a "
                "decompression bomb: check it, or raise --max-memory.") from exc


# -- inputs ----------------------------------------------------------------------------------


def _kind_of(mode: int) -> str:
    for test, what in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return what
    return "not a regular file"


def check_input(path: str) -> None:
    """Refuse, without opening it, a path that is not a readable regular file.

    Opening a FIFO waits for a writer for ever, and a device may never end; a missing file,
    a symbolic link to nothing or in a loop, a folder and a file without read permission each
    get an error naming what the path is and what to do.

    Raises:
        FileMissingError, NotAFileError, UnreadableFileError.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise FileMissingError(f"{path}: a symbolic link to {os.readlink(path)}, which does not exist; "
                                   "fix or remove the link.") from None
        raise FileMissingError(f"{path}: no such file; check the path.") from None
    except PermissionError:
        raise UnreadableFileError(f"{path}: permission denied on a folder on its path; give read access "
                                  "and run again.") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAFileError(f"{path}: a symbolic link that loops and never reaches a file; fix or "
                                "remove the link.") from None
        raise NotAFileError(f"{path}: cannot be read ({exc.strerror}); check the file.") from None
    if stat.S_ISDIR(st.st_mode):
        raise NotAFileError(f"{path}: is a directory; pass a file, or use `gapcheck batch {path}`.")
    if not stat.S_ISREG(st.st_mode):
        raise NotAFileError(f"{path}: {_kind_of(st.st_mode)}, not a file; gapcheck reads only regular "
                            "files: pass the resume itself.")
    if not os.access(path, os.R_OK):
        raise UnreadableFileError(f"{path}: permission denied; give read access to the file "
                                  "(chmod +r) and run again.")


def _open_regular(path: str) -> int:
    """A descriptor of ``path`` opened without waiting (a FIFO opened for reading waits for a
    writer), after checking it is a regular file; the caller closes it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        raise UnreadableFileError(f"{path}: permission denied; give read access to the file "
                                  "(chmod +r) and run again.") from None
    except OSError:
        check_input(path)  # says what the path is
        raise
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise NotAFileError(f"{path}: {_kind_of(st.st_mode)}, not a file; gapcheck reads only regular "
                            "files: pass the resume itself.")
    return fd


def file_digest(path: str) -> str:
    """SHA-256 of a regular file, read without waiting on a FIFO or a device.

    Raises:
        FileMissingError, NotAFileError, UnreadableFileError.
    """
    import hashlib

    fd = _open_regular(path)
    try:
        h = hashlib.sha256()
        while block := os.read(fd, 1 << 20):
            h.update(block)
        return h.hexdigest()
    finally:
        os.close(fd)


def read_regular(path: str) -> bytes:
    """The bytes of a regular file, read without waiting on a FIFO or a device.

    Raises:
        FileMissingError, NotAFileError, UnreadableFileError.
    """
    fd = _open_regular(path)
    try:
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    finally:
        os.close(fd)


def safe_digest(path: str, max_bytes: int | None = None) -> str | None:
    """SHA-256 of ``path`` if it is a regular file (of at most ``max_bytes``), else None;
    never raises and never waits (what the parent of a batch may do)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or (max_bytes is not None and st.st_size > max_bytes):
            return None
        return file_digest(path)
    except (OSError, ValueError, LimitExceededError, FileMissingError, NotAFileError, UnreadableFileError):
        return None


# -- native code that aborts ------------------------------------------------------------------


def isolated(func: Callable[[], T], *, name: str, what: str, timeout: float | None, megabytes: int | None) -> T:
    """Run ``func`` in a forked child and return its result (or raise its exception).

    Native code (PDFium) that cannot get memory under the cap aborts the whole process with
    SIGABRT and no message; in a child, that becomes a :class:`LimitExceededError` naming the
    file. Without ``os.fork`` (Windows), ``func`` runs here.
    """
    import pickle
    import signal

    if not hasattr(os, "fork"):
        return func()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, send the outcome, leave without any cleanup of the parent's
        code = 0
        try:
            os.close(read_fd)
            try:
                with deadline(timeout, name):  # timers do not survive a fork; the handler does
                    outcome: tuple[bool, Any] = (True, func())
            except BaseException as exc:  # noqa: BLE001  (handed to the parent, which raises it)
                outcome = (False, exc)
            try:
                data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # noqa: BLE001
                data = pickle.dumps((False, RuntimeError(f"{name}: result could not be passed back ({exc!r})")))
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
        except BaseException:  # noqa: BLE001
            code = 70
        finally:
            os._exit(code)
    os.close(write_fd)
    chunks = []
    status = None
    try:
        while block := os.read(read_fd, 1 << 20):  # the caller's deadline interrupts this wait
            chunks.append(block)
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(read_fd)
        if status is None:  # stopped by the caller's deadline (or ^C): the child goes too
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    if chunks:
        ok, value = pickle.loads(b"".join(chunks))
        if ok:
            return value  # type: ignore[no-any-return]
        raise value
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    died = f"signal {signal.Signals(sig).name}" if sig else f"exit code {os.WEXITSTATUS(status)}"
    cap = f" under the --max-memory cap of {megabytes} MB" if megabytes else ""
    raise LimitExceededError(f"{name}: {what} stopped the process ({died}) while reading it, most likely out "
                             f"of memory{cap}; raise --max-memory, or try --pdf-engine pdfplumber.")
