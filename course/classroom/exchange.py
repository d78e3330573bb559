"""The seminar exchange: a folder on the hub where learners' shared answers wait for the instructor.

Layout (``course hub-setup`` makes the top, the hub makes a learner's folder before their first server)::

    <exchange>/                     root : instructors       0751  instructors list it; others only pass
    <exchange>/.seminar-key         root : instructors       0640  the pseudonym key (instructors only)
    <exchange>/<pseudonym>/         learner : instructors    2750  the learner writes; instructors read
    <exchange>/<pseudonym>/submission.json                    0640
    <exchange>/.returned/           root : instructors       0751  what instructors return; learners only pass
    <exchange>/.returned/<pseudonym>/  learner : instructors 2770  instructors write; only that learner reads
    <exchange>/.returned/<pseudonym>/judgement-results.json   0644  (by the instructor who returned it)

A learner's folder is named by their seminar pseudonym, an HMAC of their hub user name under the key,
so names map to pseudonyms only through the key the instructors hold. Learners cannot list the
exchange, cannot guess another learner's folder, and cannot enter one. Instructors (a group, not root)
read everything and can change nothing there.

The way back (``.returned``) is the mirror image: an instructor writes a learner's case-judgement results
into that learner's return folder, and only that learner can read them. The folder belongs to the learner
(so the learner, and nobody else outside the instructors' group, can pass into it) and lets the group
write; the file is readable by "others", which here can only mean its learner, since no other learner can
enter the folder. Instructors write without following links into a folder they check belongs to the same
learner as the submission folder; the learner's own copy reads the file the same careful way.

Writers create a temporary file exclusively and without following links, then rename it into place.
Readers open without following links and without blocking, check that the file is a regular file owned
by the folder's learner, and cap the size. In a one-account demo (``group=None``) every folder belongs to
the hub's own account and is 0700: the layout is the same, the isolation is not.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

SUBMISSION = "submission.json"
KEY_FILE = ".seminar-key"
RETURNED = ".returned"
RESULTS = "judgement-results.json"
MAX_RESULTS_BYTES = 1024 * 1024
RETURN_FOLDER_MODE, RESULTS_MODE = 0o2770, 0o644
MAX_SUBMISSION_BYTES = 4 * 1024 * 1024
ROOT_MODE, KEY_MODE, FOLDER_MODE, FILE_MODE = 0o751, 0o640, 0o2750, 0o640
DEMO_ROOT_MODE, DEMO_KEY_MODE, DEMO_FOLDER_MODE = 0o700, 0o600, 0o700
_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class ExchangeError(Exception):
    """The exchange or a folder in it is missing or not as it must be; the message says what to do."""


@dataclass(frozen=True)
class Layout:
    """Who owns what in an exchange: root and the instructors' group, or one account in a demo."""

    owner: int
    group: int | None

    @property
    def demo(self) -> bool:
        return self.group is None

    def root_mode(self) -> int:
        return DEMO_ROOT_MODE if self.demo else ROOT_MODE

    def key_mode(self) -> int:
        return DEMO_KEY_MODE if self.demo else KEY_MODE

    def folder_mode(self) -> int:
        return DEMO_FOLDER_MODE if self.demo else FOLDER_MODE


def pseudonym(key: bytes, user: str) -> str:
    """The seminar pseudonym of a hub user: ``s-`` and 16 hex digits of HMAC-SHA256(key, user)."""
    return "s-" + hmac.new(key, user.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def _mode_text(mode: int) -> str:
    return f"{stat.S_IMODE(mode):04o}"


def _owner_text(uid: int, gid: int | None = None) -> str:
    import grp
    import pwd

    try:
        user = pwd.getpwuid(uid).pw_name
    except KeyError:
        user = str(uid)
    if gid is None:
        return user
    try:
        group = grp.getgrgid(gid).gr_name
    except KeyError:
        group = str(gid)
    return f"{user}:{group}"


def _wrong(path: Path, st: os.stat_result, layout: Layout, mode: int, owner: int) -> list[str]:
    """What differs from the wanted owner, group and mode (an empty list when all is right)."""
    problems = []
    group = layout.group if layout.group is not None else st.st_gid
    if st.st_uid != owner or st.st_gid != group:
        problems.append(f"{path} is owned by {_owner_text(st.st_uid, st.st_gid)}, not {_owner_text(owner, group)}")
    if stat.S_IMODE(st.st_mode) != mode:
        problems.append(f"{path} has mode {_mode_text(st.st_mode)}, not {mode:04o}")
    return problems


def check_exchange(exchange: Path, layout: Layout) -> list[str]:
    """Every way the exchange's top folder and key differ from the scheme (empty when it is right)."""
    exchange = Path(exchange)
    try:
        st = os.lstat(exchange)
    except FileNotFoundError:
        return [f"{exchange} does not exist"]
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        return [f"{exchange} is not a folder (a symbolic link or a file)"]
    problems = _wrong(exchange, st, layout, layout.root_mode(), layout.owner)
    key = exchange / KEY_FILE
    try:
        kst = os.lstat(key)
    except FileNotFoundError:
        return problems + [f"{key} is missing"]
    if not stat.S_ISREG(kst.st_mode):
        return problems + [f"{key} is not a regular file"]
    return problems + _wrong(key, kst, layout, layout.key_mode(), layout.owner)


def setup_exchange(exchange: Path, layout: Layout) -> str:
    """Make the exchange and its key (run as root), or check an existing one; never change one that is wrong.

    Returns what was done. Raises ``ExchangeError`` listing every difference when an existing exchange
    does not match the scheme (an existing, still empty folder with the right permissions gets its key).
    """
    exchange = Path(exchange)
    key = exchange / KEY_FILE
    if not os.path.lexists(exchange):
        exchange.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(exchange, 0o700)
        os.chown(exchange, layout.owner, -1 if layout.group is None else layout.group)
        os.chmod(exchange, layout.root_mode())
        done = f"created {exchange}"
    else:
        problems = check_exchange(exchange, layout)
        if problems != [f"{key} is missing"] or os.listdir(exchange):
            if problems:
                raise ExchangeError("; ".join(problems))
            return f"{exchange} is already set up correctly"
        done = f"added the seminar key to {exchange}"
    _write_new(key, secrets.token_hex(32).encode(), layout.key_mode())
    os.chown(key, layout.owner, -1 if layout.group is None else layout.group)
    problems = check_exchange(exchange, layout)
    if problems:
        raise ExchangeError("; ".join(problems))
    return done


def _write_new(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    try:
        os.write(fd, data)
        os.fchmod(fd, mode)
        os.fsync(fd)
    finally:
        os.close(fd)


def read_key(exchange: Path) -> bytes:
    """The pseudonym key (for root and instructors). Raises ``ExchangeError`` when it cannot be read."""
    path = Path(exchange) / KEY_FILE
    try:
        data, st = read_capped(path, 1024, what="a seminar key")
    except BadFile as bad:
        raise ExchangeError(f"the seminar key {path} cannot be used: {bad}") from None
    except OSError as exc:
        raise ExchangeError(f"cannot read the seminar key {path} ({why(exc)}); only instructors can") from None
    if st.st_uid not in (0, os.geteuid()):
        raise ExchangeError(f"the seminar key {path} is owned by {_owner_text(st.st_uid)}, not root")
    key = data.strip()
    if len(key) < 32:
        raise ExchangeError(f"the seminar key {path} is too short to be one; run course hub-setup again")
    return key


def provision_learner(exchange: Path, user: str, uid: int, group: int | None) -> Path:
    """Make (or check) ``user``'s own folder, named by their pseudonym; run by the hub as root.

    A folder that exists with the right owner gets its group and mode set again (the learner owns it
    and could have changed them). One owned by anybody else is refused.
    """
    exchange = Path(exchange)
    layout = Layout(os.geteuid() if group is None else 0, group)
    problems = check_exchange(exchange, layout)
    if problems:
        raise ExchangeError(
            "the exchange is not set up as it must be (" + "; ".join(problems) + "); run course hub-setup as root"
        )
    folder = exchange / pseudonym(read_key(exchange), user)
    # the exchange's owner: made here, not yet handed over
    _made_folder(folder, (uid, layout.owner), user)
    fd = os.open(folder, _DIR)
    try:
        if group is not None:
            os.fchown(fd, uid, group)
        os.fchmod(fd, layout.folder_mode())
    finally:
        os.close(fd)
    provision_return_folder(exchange, folder.name, uid, layout)
    return folder


def _returned_root(exchange: Path, layout: Layout) -> Path:
    """``<exchange>/.returned``, made (root, as the exchange's top) when missing; checked when present."""
    top = Path(exchange) / RETURNED
    try:
        os.mkdir(top, 0o700)
        os.chown(top, layout.owner, -1 if layout.group is None else layout.group)
        os.chmod(top, layout.root_mode())
    except FileExistsError:
        pass
    st = os.lstat(top)
    if not stat.S_ISDIR(st.st_mode):
        raise ExchangeError(f"{top} is not a folder; move it away by hand")
    problems = _wrong(top, st, layout, layout.root_mode(), layout.owner)
    if problems:
        raise ExchangeError("; ".join(problems))
    return top


def _made_folder(folder: Path, owners: tuple[int, ...], whom: str) -> None:
    """Make ``folder`` (0700) unless it is there; check it is a real folder owned by one of ``owners``."""
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    st = os.lstat(folder)
    if not stat.S_ISDIR(st.st_mode):
        raise ExchangeError(f"{folder} is not a folder; move it away by hand")
    if st.st_uid not in owners:
        raise ExchangeError(f"{folder} belongs to {_owner_text(st.st_uid)}, not to {whom}; check it by hand")


def provision_return_folder(exchange: Path, name: str, uid: int, layout: Layout) -> Path:
    """Make (or set right again) the learner's return folder ``.returned/<name>``; run by the hub as root."""
    folder = _returned_root(exchange, layout) / name
    _made_folder(folder, (uid, layout.owner), "the learner")
    fd = os.open(folder, _DIR)
    try:
        if layout.group is not None:
            os.fchown(fd, uid, layout.group)
        os.fchmod(fd, DEMO_FOLDER_MODE if layout.demo else RETURN_FOLDER_MODE)
    finally:
        os.close(fd)
    return folder


def write_returned(exchange: Path, name: str, data: bytes) -> Path:
    """An instructor returns ``data`` to learner ``name`` (their results), replacing an earlier copy.

    The return folder must be a real folder owned by the same account as the learner's submission folder;
    the file is created new, without following links, and renamed into place.
    """
    exchange = Path(exchange)
    try:
        learner = os.lstat(exchange / name)
        top = os.open(exchange / RETURNED, _DIR)
    except OSError as exc:
        raise ExchangeError(
            f"{exchange / RETURNED} cannot be opened ({why(exc)}); the hub makes it when the learner logs in"
        ) from None
    try:
        try:
            dfd = os.open(name, _DIR, dir_fd=top)
        except OSError as exc:
            raise ExchangeError(
                f"the return folder of {name} cannot be opened ({why(exc)}); it is made when they log in"
            ) from None
    finally:
        os.close(top)
    try:
        st = os.fstat(dfd)
        if not stat.S_ISDIR(learner.st_mode) or st.st_uid != learner.st_uid:
            raise ExchangeError(
                f"the return folder of {name} does not belong to the learner who owns {exchange / name}"
            )
        try:
            _replace(dfd, RESULTS, data, RESULTS_MODE)
        except OSError as exc:
            raise ExchangeError(f"could not return the results of {name} ({why(exc)})") from None
    finally:
        os.close(dfd)
    return exchange / RETURNED / name / RESULTS


def read_returned(exchange: Path, name: str) -> bytes | None:
    """The learner's returned results (None when nothing was returned yet); ``ExchangeError`` when unreadable."""
    folder = Path(exchange) / RETURNED / name
    try:
        dfd = os.open(folder, _DIR)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ExchangeError(f"your return folder {folder} cannot be opened ({why(exc)})") from None
    try:
        data, _ = read_capped(Path(RESULTS), MAX_RESULTS_BYTES, dir_fd=dfd, what="a results file")
        return data
    except FileNotFoundError:
        return None
    except BadFile as bad:
        raise ExchangeError(f"your returned results cannot be read: {bad}") from None
    except OSError as exc:
        raise ExchangeError(f"your returned results cannot be read ({why(exc)})") from None
    finally:
        os.close(dfd)


# ---- the learner's side -------------------------------------------------------------------------
def _own_folder(exchange: Path, name: str) -> int:
    """An open descriptor of the learner's own folder; ``ExchangeError`` when it is not theirs."""
    folder = Path(exchange) / name
    try:
        fd = os.open(folder, _DIR)
    except FileNotFoundError:
        raise ExchangeError(
            f"your folder in the seminar exchange ({folder}) does not exist; "
            "log out of the hub and in again, or ask your instructor"
        ) from None
    except OSError as exc:
        raise ExchangeError(f"cannot open your folder in the seminar exchange {folder} ({why(exc)})") from None
    st = os.fstat(fd)
    if st.st_uid != os.geteuid():
        os.close(fd)
        raise ExchangeError(f"{folder} does not belong to you; ask your instructor")
    return fd


def _replace(dfd: int, name: str, data: bytes, mode: int) -> None:
    """Write ``data`` as ``name`` in the open folder ``dfd``, atomically: a temporary file created new without
    following links, written, synced and renamed into place (removed again if anything fails)."""
    tmp = f".{name}.{secrets.token_hex(6)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode, dir_fd=dfd)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.rename(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
    except OSError:
        try:
            os.unlink(tmp, dir_fd=dfd)
        except OSError:
            pass
        raise


def write_submission(exchange: Path, name: str, data: bytes) -> Path:
    """Put ``data`` in the learner's folder as the submission, replacing any earlier one atomically."""
    if len(data) > MAX_SUBMISSION_BYTES:
        raise ExchangeError(
            f"your answers come to {len(data)} bytes, more than the exchange takes "
            f"({MAX_SUBMISSION_BYTES} bytes); ask your instructor"
        )
    dfd = _own_folder(exchange, name)
    try:
        _replace(dfd, SUBMISSION, data, FILE_MODE)
        os.fsync(dfd)
    except OSError as exc:
        raise ExchangeError(f"could not share your answers ({why(exc)})") from None
    finally:
        os.close(dfd)
    return Path(exchange) / name / SUBMISSION


def withdraw_submission(exchange: Path, name: str) -> bool:
    """Remove the learner's submission; False when there was none."""
    dfd = _own_folder(exchange, name)
    try:
        os.unlink(SUBMISSION, dir_fd=dfd)
        os.fsync(dfd)
        return True
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise ExchangeError(f"could not withdraw your answers ({why(exc)})") from None
    finally:
        os.close(dfd)


# ---- reading ---------------------------------------------------------------------------------------
def why(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "it is a symbolic link"
    return exc.strerror or str(exc)


def read_capped(
    path: Path, cap: int, dir_fd: int | None = None, owner: int | None = None, what: str = "a submission"
) -> tuple[bytes, os.stat_result]:
    """Read a regular file without following a link or blocking on a pipe; raise ``OSError`` or ``BadFile``."""
    fd = os.open(path, _READ, dir_fd=dir_fd)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise BadFile(f"it is {_kind(st.st_mode)}, not a regular file")
        if owner is not None and st.st_uid != owner:
            raise BadFile(f"it is owned by {_owner_text(st.st_uid)}, not by the folder's learner {_owner_text(owner)}")
        if st.st_size > cap:
            raise BadFile(f"it is {st.st_size} bytes, more than the {cap} bytes {what} may have")
        chunks, left = [], cap + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > cap:
            raise BadFile(f"it grew past the {cap} bytes {what} may have while it was read")
        return data, st
    finally:
        os.close(fd)


class BadFile(Exception):
    """A file in the exchange that must not be read; ``str()`` says why."""


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


@dataclass(frozen=True)
class RawSubmission:
    """One learner folder as read: the bytes of its submission, or why there are none."""

    folder: str
    path: Path
    data: bytes | None
    problem: str | None = None
    shared: bool = True


def read_submission(
    exchange: Path, name: str, owner: int | None = None, cap: int = MAX_SUBMISSION_BYTES
) -> RawSubmission:
    """The submission in folder ``name``, checked to be a regular file owned by the folder's owner.

    ``shared`` is False (and no problem) when the folder holds no submission.
    """
    folder = Path(exchange) / name
    path = folder / SUBMISSION
    try:
        dfd = os.open(folder, _DIR)
    except OSError as exc:
        return RawSubmission(name, folder, None, f"the folder cannot be opened ({why(exc)})")
    try:
        fst = os.fstat(dfd)
        try:
            data, _ = read_capped(Path(SUBMISSION), cap, dir_fd=dfd, owner=fst.st_uid if owner is None else owner)
        except FileNotFoundError:
            return RawSubmission(name, path, None, None, shared=False)
        except BadFile as bad:
            return RawSubmission(name, path, None, str(bad))
        except OSError as exc:
            return RawSubmission(name, path, None, f"it cannot be read ({why(exc)})")
        return RawSubmission(name, path, data)
    finally:
        os.close(dfd)


def learner_folders(exchange: Path) -> tuple[list[str], list[RawSubmission]]:
    """(names of learner folders, entries that are not proper folders), sorted; for instructors.

    Raises ``ExchangeError`` when the exchange cannot be listed (a learner trying, or a wrong path).
    """
    exchange = Path(exchange)
    try:
        names = sorted(n for n in os.listdir(exchange) if not n.startswith("."))
    except FileNotFoundError:
        raise ExchangeError(f"the seminar exchange {exchange} does not exist") from None
    except NotADirectoryError:
        raise ExchangeError(f"the seminar exchange {exchange} is not a folder") from None
    except PermissionError:
        raise ExchangeError(f"you cannot list the seminar exchange {exchange}: only instructors can") from None
    folders, odd = [], []
    for name in names:
        st = os.lstat(exchange / name)
        if stat.S_ISDIR(st.st_mode):
            folders.append(name)
        else:
            what = "a symbolic link" if stat.S_ISLNK(st.st_mode) else _kind(st.st_mode)
            if stat.S_ISREG(st.st_mode):
                what = "a file"
            odd.append(RawSubmission(name, exchange / name, None, f"it is {what}, not a learner's folder"))
    return folders, odd
