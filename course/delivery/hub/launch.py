"""``make hub`` and ``course hub-setup``: set up the seminar exchange, then start JupyterHub.

``python -m course.delivery.hub`` (what ``make hub`` runs, with the hub's venv) sets up the exchange,
prints the address and how to log in, and then becomes JupyterHub with
``deploy/hub/jupyterhub_config.py``. Its settings are the ``COURSE_HUB_*`` environment variables that
the configuration file documents.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ...classroom.exchange import ExchangeError, Layout, setup_exchange
from ...paths import repo_root

DEFAULT_EXCHANGE = "/srv/course/exchange"
DEFAULT_LEARNERS, DEFAULT_INSTRUCTORS = "course-learners", "instructors"


LOCAL_ADDRESSES = ("127.0.0.1", "::1", "localhost")


def address_problem(env: dict[str, str]) -> str | None:
    """Why the hub must not start with these ``COURSE_HUB_*`` settings, or None.

    Learners log in with real passwords, so a hub that listens beyond this machine (``COURSE_HUB_IP``)
    needs TLS: a certificate and its key (``COURSE_HUB_SSL_CERT`` and ``COURSE_HUB_SSL_KEY``, handed to
    JupyterHub's own ``ssl_cert`` and ``ssl_key``), or ``COURSE_HUB_ALLOW_HTTP=yes`` when a reverse
    proxy in front of the hub does TLS and the hub listens only where that proxy reaches it.
    """
    ip = env.get("COURSE_HUB_IP", "127.0.0.1")
    cert, key = env.get("COURSE_HUB_SSL_CERT", ""), env.get("COURSE_HUB_SSL_KEY", "")
    if bool(cert) != bool(key):
        return "give both COURSE_HUB_SSL_CERT (the certificate) and COURSE_HUB_SSL_KEY (its key), or neither"
    for name, path in (("COURSE_HUB_SSL_CERT", cert), ("COURSE_HUB_SSL_KEY", key)):
        if path and not os.path.isfile(path):
            return f"{name} is {path}, which is not a file"
    if cert or ip in LOCAL_ADDRESSES:
        return None
    if env.get("COURSE_HUB_ALLOW_HTTP", "").lower() == "yes":
        return None
    return (
        f"COURSE_HUB_IP is {ip}, so learners' passwords would cross the network unencrypted. Give the "
        "certificate and key with COURSE_HUB_SSL_CERT and COURSE_HUB_SSL_KEY, or, when a reverse proxy in "
        "front of the hub does TLS, set COURSE_HUB_ALLOW_HTTP=yes (see docs/deployment.md)"
    )


@dataclass(frozen=True)
class HubSettings:
    """The settings ``make hub`` and the configuration file share (from ``COURSE_HUB_*``)."""

    mode: str
    hub_dir: Path
    state: Path
    url: str
    exchange: Path
    learners: str
    instructors: str
    demo_password: str
    demo_instructors: str

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> HubSettings:
        env = dict(os.environ if env is None else env)
        mode = env.get("COURSE_HUB_MODE") or ("system" if os.geteuid() == 0 else "demo")
        hub_dir = Path(env.get("COURSE_HUB_DIR") or default_hub_dir())
        state = Path(env.get("COURSE_HUB_STATE") or hub_dir / "state")
        scheme = "https" if env.get("COURSE_HUB_SSL_CERT") else "http"
        return cls(
            mode=mode,
            hub_dir=hub_dir,
            state=state,
            url=f"{scheme}://{env.get('COURSE_HUB_IP', '127.0.0.1')}:{env.get('COURSE_HUB_PORT', '8000')}/",
            exchange=Path(env.get("COURSE_EXCHANGE") or (DEFAULT_EXCHANGE if mode == "system" else state / "exchange")),
            learners=env.get("COURSE_HUB_LEARNERS", DEFAULT_LEARNERS),
            instructors=env.get("COURSE_HUB_INSTRUCTORS", DEFAULT_INSTRUCTORS),
            demo_password=env.get("COURSE_HUB_DEMO_PASSWORD", "seminar-demo"),
            demo_instructors=env.get("COURSE_HUB_DEMO_INSTRUCTORS", "instructor"),
        )


def default_hub_dir() -> Path:
    """The folder install.sh filled: the parent of the running venv, else ``.hub`` in the checkout."""
    parent = Path(sys.prefix).parent
    return parent if (parent / "chp").is_dir() else repo_root() / ".hub"


def ensure_group(name: str) -> tuple[int, bool]:
    """The group's id, made with ``groupadd`` when missing (root only); (gid, whether it was made)."""
    import grp  # POSIX only, like everything the hub does

    try:
        return grp.getgrnam(name).gr_gid, False
    except KeyError:
        pass
    if os.geteuid() != 0:
        raise ExchangeError(f"the group {name!r} does not exist; run course hub-setup as root to make it")
    done = subprocess.run(["groupadd", name], capture_output=True, text=True)
    if done.returncode != 0:
        raise ExchangeError(f"could not make the group {name!r}: {done.stderr.strip()}")
    return grp.getgrnam(name).gr_gid, True


def make_home_private(user: str) -> bool:
    """chmod 0700 the user's home (Debian's useradd makes it 0755, readable by every learner).

    Only a real folder owned by the user is changed; returns whether it was.
    """
    import pwd
    import stat

    account = pwd.getpwnam(user)
    try:
        fd = os.open(account.pw_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        st = os.fstat(fd)
        if st.st_uid != account.pw_uid or not stat.S_ISDIR(st.st_mode):
            return False
        os.fchmod(fd, 0o700)
        return True
    finally:
        os.close(fd)


def protect_instructor_copy(hub_dir: Path, instructors: str) -> bool:
    """Give the instructors' full copy of the course (``<hub_dir>/course``) to root and the instructors'
    group, mode 0750: learners cannot even enter it. Root only; returns whether it was changed."""
    import grp

    copy = Path(hub_dir) / "course"
    if os.geteuid() != 0 or not copy.is_dir() or copy.is_symlink():
        return False
    os.chown(copy, 0, grp.getgrnam(instructors).gr_gid)
    os.chmod(copy, 0o750)
    return True


def hub_setup(exchange: Path, instructors: str, learners: str, demo: bool = False) -> list[str]:
    """Make the groups and the exchange (root), or check them; returns what was done.

    ``demo``: one account owns everything (no groups, no isolation), for a hub run without root.
    Raises ``ExchangeError`` when something exists and is wrong; nothing is changed then.
    """
    if demo:
        return [setup_exchange(exchange, Layout(os.geteuid(), None))]
    import grp

    if os.geteuid() != 0:
        raise ExchangeError(
            "course hub-setup must run as root (it makes groups and root-owned folders); "
            "without root, start the hub in demo mode: make hub COURSE_HUB_MODE=demo"
        )
    done = []
    for name in (instructors, learners):
        _, made = ensure_group(name)
        if made:
            done.append(f"made the group {name}")
    gid = grp.getgrnam(instructors).gr_gid
    done.append(setup_exchange(exchange, Layout(0, gid)))
    return done


def login_help(s: HubSettings) -> str:
    """What ``make hub`` prints: where to go and how to log in."""
    local = s.url.split("://", 1)[1].rsplit(":", 1)[0] in LOCAL_ADDRESSES
    where = "this machine only" if local else "open to the network"
    lines = [f"The seminar hub is starting at {s.url}  ({where})", ""]
    if s.mode == "system":
        lines += [
            "Log in with a system account and its password:",
            f"  learners     members of the group {s.learners}",
            f"  instructors  members of the group {s.instructors}; the class view is "
            "jane-susan-course/class_view.ipynb in their home",
            "Add an account, as root (before or after the hub has started):",
            f"  {sys.executable.rsplit('/', 1)[0]}/course hub-add-learner NAME   (or hub-add-instructor NAME)",
        ]
    else:
        lines += [
            f"Demo mode: log in with any user name and the password {s.demo_password}",
            f"  instructors  {s.demo_instructors} (they get the class view, jane-susan-course/class_view.ipynb)",
            "  learners     every other name",
            "Every server runs as this account, so learners are NOT kept apart. For a real seminar run",
            "make hub as root with system accounts (COURSE_HUB_MODE=system).",
        ]
    lines += ["", f"Seminar exchange: {s.exchange}", "Stop the hub with Ctrl+C.", ""]
    return "\n".join(lines)


def run(env: dict[str, str] | None = None) -> int:
    """Set up the exchange, print how to log in, and replace this process with JupyterHub."""
    s = HubSettings.from_env(env)
    problem = address_problem(dict(os.environ if env is None else env))
    if problem:
        print(f"make hub: {problem}", file=sys.stderr)
        return 2
    if s.mode not in ("system", "demo"):
        print(f"make hub: COURSE_HUB_MODE is {s.mode!r}; use system or demo", file=sys.stderr)
        return 2
    jupyterhub = s.hub_dir / "venv" / "bin" / "jupyterhub"
    if not jupyterhub.exists():
        print(f"make hub: {jupyterhub} is missing; run deploy/hub/install.sh (make hub does)", file=sys.stderr)
        return 2
    try:
        hub_setup(s.exchange, s.instructors, s.learners, demo=s.mode == "demo")
    except (ExchangeError, OSError) as exc:
        print(f"make hub: the seminar exchange {s.exchange}: {exc}", file=sys.stderr)
        return 2
    if s.mode == "system":
        protect_instructor_copy(s.hub_dir, s.instructors)
    s.state.mkdir(mode=0o700, parents=True, exist_ok=True)
    print(login_help(s), flush=True)
    os.chdir(s.state)  # the proxy writes its pid file into the working folder
    config = s.hub_dir / "course" / "deploy" / "hub" / "jupyterhub_config.py"
    os.environ.update(env or {})
    os.environ.setdefault("COURSE_HUB_DIR", str(s.hub_dir))
    # A hub started in the background inherits an ignored SIGINT, and so would every service it starts;
    # JupyterHub stops services with SIGINT first and waits 10 s for them, so give them the default.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.execv(str(jupyterhub), [str(jupyterhub), "-f", str(config)])
    return 0  # not reached
