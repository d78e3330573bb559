"""``course hub-add-learner`` and ``course hub-add-instructor``, as root, with throwaway names.

The account lands in the right group, its home is 0700 from the start, and its first password works for
PAM's password check but has expired: PAM's account check refuses it until the person has chosen their
own (what the hub's login page does, with ``accounts.change_password``). Users and groups are removed at
the end, even on failure.
"""

from __future__ import annotations

import grp
import pwd
import re
import stat
import subprocess
import textwrap
from pathlib import Path

import pytest

from course.cli import main as cli

from .conftest import Account, Accounts, hub_dir

pytestmark = pytest.mark.usefixtures("as_root")

# Run with the hub's venv (pamela comes with JupyterHub): prints what PAM says about a password.
PAM = textwrap.dedent("""
    import sys, pamela
    from course.delivery.hub.accounts import change_password
    name, password, new = sys.argv[1:4]
    def tried(check, pw):
        try:
            pamela.authenticate(name, pw, check=check)
            return "accepted"
        except pamela.PAMError:
            return "refused"
    print(tried(False, password), tried(True, password))
    if new:
        print(change_password(name, password, new, new))
        print(tried(True, new), tried(False, password))
""")


def _pam(name: str, password: str, new: str = "") -> list[str]:
    python = hub_dir() / "venv" / "bin" / "python"
    done = subprocess.run([str(python), "-c", PAM, name, password, new], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n")


@pytest.mark.parametrize("role", ["learner", "instructor"])
def test_an_account_made_for_the_hub(role, hub_install, monkeypatch, capsys):
    accounts = Accounts()
    group = f"{accounts.tag}-{role}s"
    name = f"{accounts.tag}-{role[0]}"
    monkeypatch.setenv(f"COURSE_HUB_{role.upper()}S", group)
    try:
        assert cli([f"hub-add-{role}", name]) == 0
        accounts.groups.append(group)
        user = pwd.getpwnam(name)
        accounts.users.append(Account(name, "", user.pw_uid, Path(user.pw_dir)))
        out = capsys.readouterr().out
        password = re.search(r"First password: (\S+)", out).group(1)
        assert name in grp.getgrnam(group).gr_mem
        home = Path(user.pw_dir).stat()
        assert stat.S_IMODE(home.st_mode) == 0o700 and home.st_uid == user.pw_uid
        aging = subprocess.run(["chage", "-l", name], capture_output=True, text=True, env={"LANG": "C"}).stdout
        assert "password must be changed" in aging
        assert _pam(name, password)[0] == "accepted refused"  # right password, but it must be changed first
        first, changed, after = _pam(name, password, "a-new-one-of-mine")[:3]
        assert (changed, after) == ("None", "accepted refused")  # the new one works, the first no longer

        assert cli([f"hub-add-{role}", name]) == 0  # again: nothing to make, password untouched
        assert "already had an account" in capsys.readouterr().out
        assert _pam(name, "a-new-one-of-mine")[0] == "accepted accepted"
    finally:
        accounts.remove()


def test_a_bad_name_is_refused_without_a_traceback(capsys):
    assert cli(["hub-add-learner", "Not A Name"]) == 2
    err = capsys.readouterr().err
    assert "cannot be a user name" in err and "Traceback" not in err
