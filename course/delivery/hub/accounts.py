"""``course hub-add-learner NAME`` and ``course hub-add-instructor NAME``: a hub account made right.

As root, each makes a system account in the learners' or the instructors' group (the groups are made
when missing, with the names the hub uses: ``COURSE_HUB_LEARNERS`` and ``COURSE_HUB_INSTRUCTORS``),
with a private home (0700 from the start: ``useradd -K HOME_MODE=0700``, then checked) and a random first
password that has already expired (``chage -d 0``): the person chooses their own at the first login, on
the hub's login page. It works before the hub has ever run and while it runs; the hub makes the learner's
folder in the seminar exchange before their first server starts.

An account that exists already is only added to the group, and its home made private; its password is
left alone.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
from dataclasses import dataclass

from .launch import DEFAULT_INSTRUCTORS, DEFAULT_LEARNERS, ensure_group, make_home_private


class AccountError(Exception):
    """The account could not be made; the message says why."""


NAME = re.compile(r"[a-z_][a-z0-9_-]{0,31}")
ROLES = ("learner", "instructor")


@dataclass(frozen=True)
class Added:
    """What ``add_account`` did: the account, its group, and the first password (None when it existed)."""

    name: str
    group: str
    password: str | None


def group_for(role: str, env: dict[str, str] | None = None) -> str:
    """The hub's group for ``role`` ("learner" or "instructor")."""
    env = dict(os.environ if env is None else env)
    if role == "learner":
        return env.get("COURSE_HUB_LEARNERS", DEFAULT_LEARNERS)
    return env.get("COURSE_HUB_INSTRUCTORS", DEFAULT_INSTRUCTORS)


def first_password() -> str:
    """A first password that is easy to read out and type: three groups of four letters and digits."""
    alphabet = "abcdefghijkmnpqrstuvwxyz23456789"  # no l, o, 0, 1
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


def _run(*command: str, stdin: str | None = None) -> None:
    done = subprocess.run(list(command), input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        raise AccountError(f"{command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")


def add_account(name: str, role: str, env: dict[str, str] | None = None) -> Added:
    """Make (or complete) the hub account ``name`` for ``role``; raises ``AccountError`` (or the
    exchange's ``ExchangeError`` when a group cannot be made) with a clear message."""
    import pwd

    if role not in ROLES:
        raise AccountError(f"the role is {role!r}; use learner or instructor")
    if not NAME.fullmatch(name):
        raise AccountError(
            f"{name!r} cannot be a user name: use lowercase letters, digits, '-' and '_', starting with a "
            "letter, at most 32 characters"
        )
    if os.geteuid() != 0:
        raise AccountError("adding a hub account needs root (sudo)")
    group = group_for(role, env)
    ensure_group(group)
    try:
        pwd.getpwnam(name)
    except KeyError:
        pass
    else:
        _run("usermod", "-a", "-G", group, name)
        make_home_private(name)
        return Added(name, group, None)
    _run("useradd", "--create-home", "-K", "HOME_MODE=0700", "--shell", "/bin/bash", "--groups", group, name)
    make_home_private(name)  # older useradd without HOME_MODE: still 0700 before anyone logs in
    password = first_password()
    _run("chpasswd", stdin=f"{name}:{password}\n")
    _run("chage", "--lastday", "0", name)  # expired: the person must choose their own at the first login
    return Added(name, group, password)


def added_text(added: Added, hub_url: str) -> str:
    """What the command prints for the instructor to pass on."""
    if added.password is None:
        return (
            f"{added.name} already had an account: it is now in the group {added.group}, with a private home. "
            "Its password is unchanged."
        )
    return (
        f"Made {added.name} in the group {added.group}, with a private home (0700).\n"
        f"First password: {added.password}\n"
        f"Give it to {added.name} in person or another private way, with the hub's address (the one `make hub` "
        f"printed; {hub_url} unless COURSE_HUB_IP, COURSE_HUB_PORT or TLS are set here as they are for the hub). "
        "At the first login the hub asks them to choose their own password (the first one stops working then)."
    )


MIN_PASSWORD = 8


def change_password(name: str, current: str, new: str, again: str, service: str = "login") -> str | None:
    """On the hub (as root): replace ``name``'s password with ``new`` once ``current`` is right.

    The hub's login page offers this for the first login, when the first password has expired and PAM
    would refuse it; it works for any later change too. Returns None when done, else what is wrong.
    """
    import pamela  # comes with JupyterHub, in the hub's venv only

    if new != again:
        return "the two new passwords differ"
    if len(new) < MIN_PASSWORD:
        return f"the new password is shorter than {MIN_PASSWORD} characters"
    if new == current:
        return "the new password is the same as the old one"
    try:
        pamela.authenticate(name, current, service=service, check=False)  # the password, not its age
        pamela.change_password(name, new, service=service)
    except pamela.PAMError as exc:
        return f"PAM refused it ({exc})"
    return None
