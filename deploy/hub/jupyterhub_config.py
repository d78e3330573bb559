# JupyterHub configuration for running the course with a seminar on one machine (`make hub`).
#
# Everything below is chosen by environment variables, which `make hub` sets from its own variables
# (see `make help`). The two ways to run it:
#
#   COURSE_HUB_MODE=system  (the default when started as root)
#       Real system accounts log in with their password (PAM), and each learner's JupyterLab runs as
#       that learner's own user (LocalProcessSpawner), as The Littlest JupyterHub does. Members of the
#       learners' group and of the instructors' group may log in. The seminar exchange keeps learners
#       apart: see docs/deployment.md.
#   COURSE_HUB_MODE=demo    (the default otherwise)
#       For trying the hub out: any user name logs in with one shared password, and every server runs
#       as the account that started the hub. No system accounts are needed, and learners are NOT kept
#       apart from each other; never use it for a real seminar.
#
# Settings (all optional):
#   COURSE_HUB_DIR                 where install.sh put the venv, the course copy and the proxy
#                                  (default: the folder holding the venv JupyterHub runs in)
#   COURSE_HUB_STATE               the hub's database and secrets (<COURSE_HUB_DIR>/state; a local disk)
#   COURSE_HUB_IP / COURSE_HUB_PORT              the address learners open (127.0.0.1:8000); 0.0.0.0
#                                  listens on every network interface (learners' own laptops)
#   COURSE_HUB_SSL_CERT / COURSE_HUB_SSL_KEY     TLS: the certificate (with any intermediate
#                                  certificates) and its private key, as PEM files; the hub then
#                                  answers on https://. Required when COURSE_HUB_IP is not 127.0.0.1
#   COURSE_HUB_ALLOW_HTTP=yes      plain HTTP beyond this machine: only behind a reverse proxy that does
#                                  TLS (docs/deployment.md)
#   COURSE_HUB_API_PORT / COURSE_HUB_PROXY_API_PORT   the hub's and the proxy's own ports (8081, 8001)
#   COURSE_EXCHANGE                the seminar exchange folder (system: /srv/course/exchange;
#                                  demo: <COURSE_HUB_DIR>/state/exchange)
#   COURSE_HUB_LEARNERS / COURSE_HUB_INSTRUCTORS  the two groups (course-learners, instructors)
#   COURSE_HUB_DEMO_PASSWORD       the demo's shared password (at least 8 characters)
#   COURSE_HUB_DEMO_INSTRUCTORS    demo user names that get the instructor's notebooks (instructor)
#   COURSE_HUB_IDLE_TIMEOUT        stop a learner's server after this many idle seconds (3600)
#   COURSE_HUB_MEM_LIMIT           memory each server may use, e.g. 1G (shown to JupyterLab; enforced
#                                  by systemd or Kubernetes spawners, not by LocalProcessSpawner)
#   COURSE_HUB_SERVICE_TOKEN_FILE  a file holding a token for scripts and tests (admin rights)
import grp
import os
import pwd
import secrets
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides get_config)

env = os.environ.get
HUB_DIR = Path(env("COURSE_HUB_DIR") or Path(sys.prefix).parent).resolve()  # the hub runs in HUB_DIR/venv
VENV = HUB_DIR / "venv"
STATE = Path(env("COURSE_HUB_STATE") or HUB_DIR / "state")  # the database, cookie secret, tokens
MODE = env("COURSE_HUB_MODE") or ("system" if os.geteuid() == 0 else "demo")
if MODE not in ("system", "demo"):
    sys.exit(f"COURSE_HUB_MODE is {MODE!r}; use 'system' or 'demo'.")
LEARNERS = env("COURSE_HUB_LEARNERS", "course-learners")
INSTRUCTORS = env("COURSE_HUB_INSTRUCTORS", "instructors")
EXCHANGE = Path(env("COURSE_EXCHANGE") or ("/srv/course/exchange" if MODE == "system" else STATE / "exchange"))
DEMO_INSTRUCTORS = {n.strip() for n in env("COURSE_HUB_DEMO_INSTRUCTORS", "instructor").split(",") if n.strip()}

# ---- addresses: everything listens on this machine only unless COURSE_HUB_IP says otherwise, and
# beyond it only with TLS (or explicitly behind a proxy that does TLS)
from course.delivery.hub.launch import address_problem  # noqa: E402 (the hub's venv has the course)

if address_problem(dict(os.environ)):
    sys.exit(f"jupyterhub_config.py: {address_problem(dict(os.environ))}")
c.JupyterHub.ip = env("COURSE_HUB_IP", "127.0.0.1")
if env("COURSE_HUB_SSL_CERT"):
    c.JupyterHub.ssl_cert = env("COURSE_HUB_SSL_CERT")
    c.JupyterHub.ssl_key = env("COURSE_HUB_SSL_KEY")
c.JupyterHub.port = int(env("COURSE_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("COURSE_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('COURSE_HUB_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [str(HUB_DIR / "chp" / "node_modules" / ".bin" / "configurable-http-proxy")]

# ---- the hub's own files (keep STATE on a local disk: the hub's database is SQLite)
STATE.mkdir(mode=0o700, parents=True, exist_ok=True)
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")


def _secret(path: Path) -> str:
    """A token kept in a 0600 file, made on first start, so the proxy survives a hub restart."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


c.ConfigurableHTTPProxy.auth_token = _secret(STATE / "proxy-token")

# ---- who logs in, and as whom their JupyterLab runs
if MODE == "system":
    from jupyterhub.auth import PAMAuthenticator

    class CoursePAMAuthenticator(PAMAuthenticator):
        """PAM logins, and on the login page a new password for a person whose first one has expired
        (``course hub-add-learner`` expires it at once, so that each person chooses their own)."""

        async def authenticate(self, handler, data):
            if data.get("new_password"):
                from course.delivery.hub.accounts import change_password

                problem = change_password(
                    data.get("username", ""),
                    data.get("password", ""),
                    data["new_password"],
                    data.get("new_password_again", ""),
                    self.service,
                )
                if problem:
                    self.log.warning("New password for %r not set: %s", data.get("username", "")[:32], problem)
                    return None
                data = {**data, "password": data["new_password"]}
            return await super().authenticate(handler, data)

    c.JupyterHub.authenticator_class = CoursePAMAuthenticator
    c.JupyterHub.template_paths = [str(Path(__file__).resolve().parent / "templates")]
    c.PAMAuthenticator.allowed_groups = {LEARNERS, INSTRUCTORS}
    c.JupyterHub.spawner_class = "localprocess"
else:
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = env("COURSE_HUB_DEMO_PASSWORD", "seminar-demo")
    c.Authenticator.allow_all = True
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "demo-homes" / "{username}")
    if os.geteuid() == 0:
        c.Spawner.args = ["--allow-root"]  # every demo server runs as the hub's own account

admins = {n.strip() for n in env("COURSE_HUB_ADMINS", "").split(",") if n.strip()}
if admins:  # hub admins can open every learner's server: give this to the hub's operator, not to teachers
    c.Authenticator.admin_users = admins

# ---- each user's JupyterLab: the course copied into ~/jane-susan-course, opened on the start page.
# The venv's `course` is the student release (HUB_DIR/release: answers as salted hashes, no instructor
# cells); instructors get the full copy (HUB_DIR/course, instructors' group only) first on PYTHONPATH.
c.Spawner.cmd = [str(VENV / "bin" / "python"), "-m", "course.delivery.hub.server"]
c.Spawner.default_url = "/lab/tree/jane-susan-course/00_start_here.ipynb"
c.Spawner.environment = {
    "PATH": f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",  # root's PATH may hold folders users cannot read
    "COURSE_EXCHANGE": str(EXCHANGE),
}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
if env("COURSE_HUB_MEM_LIMIT"):
    c.Spawner.mem_limit = env("COURSE_HUB_MEM_LIMIT")


def _is_instructor(name: str) -> bool:
    if MODE == "demo":
        return name in DEMO_INSTRUCTORS
    try:
        user = pwd.getpwnam(name)
        return grp.getgrnam(INSTRUCTORS).gr_gid in os.getgrouplist(name, user.pw_gid)
    except KeyError:
        return False


def pre_spawn_hook(spawner):
    """Before a server starts (as root): a private home, and the learner's own exchange folder."""
    from course.classroom.exchange import ExchangeError, provision_learner
    from course.delivery.hub.launch import make_home_private

    name = spawner.user.name
    instructor = _is_instructor(name)
    extra = {"COURSE_HUB_ROLE": "instructor" if instructor else "learner"}
    if instructor:  # the full course (answers, guide, class view) before the venv's student release
        extra["PYTHONPATH"] = str(HUB_DIR / "course")
    if MODE == "system":
        make_home_private(name)  # Debian's useradd makes homes 0755: readable by every learner
        owner, group = pwd.getpwnam(name).pw_uid, grp.getgrnam(INSTRUCTORS).gr_gid
    else:
        owner, group = os.geteuid(), None
    if not instructor:
        try:
            extra["COURSE_SEMINAR_ID"] = provision_learner(EXCHANGE, name, owner, group).name
        except ExchangeError as exc:
            raise RuntimeError(f"{name}'s folder in the seminar exchange: {exc}") from None
    spawner.environment = {**spawner.environment, **extra}


c.Spawner.pre_spawn_hook = pre_spawn_hook

# ---- stop servers nobody has used for a while (they hold memory; the learner's work is saved)
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={int(env('COURSE_HUB_IDLE_TIMEOUT', '3600'))}",
            "--cull-every=300",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
if env("COURSE_HUB_SERVICE_TOKEN_FILE"):
    c.JupyterHub.services.append(
        {
            "name": "course-driver",
            "api_token": Path(env("COURSE_HUB_SERVICE_TOKEN_FILE")).read_text().strip(),
        }
    )
    c.JupyterHub.load_roles.append(
        {
            "name": "course-driver",
            "scopes": ["admin:users", "admin:servers", "list:users", "read:users"],
            "services": ["course-driver"],
        }
    )
