"""A seminar on the real hub: `make hub`'s own command, real system users, PAM logins, a real browser.

One hub start serves the module. Two learners log in, run the notebook that holds notebook 03's
decision points, answer them differently and press "Share my answers with the seminar"; the
instructor's class view must then show exactly those choices and counts. A hub restart must lose
nothing. Timings and memory go to artifacts/hub-measures.json (figures for the deployment guide,
never asserted).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from browser.exercises.answering import play_path
from browser.lab import (
    cell_output,
    click_widget_button,
    notebook_panel,
    open_in_lab,
    output_errors,
    run_all,
    wait_kernel_idle,
)
from playwright.sync_api import Page, expect

from course.classroom.class_view import walk
from course.classroom.exchange import pseudonym, read_key
from course.displays.seminar_share import REFLECTIONS
from course.exercises import load_spec
from course.judgement.forms import read_forms

from .conftest import REPO, Account, Accounts, close_instructor_copy, decision_ids, run_as, shared_tmp, two_paths

pytestmark = [pytest.mark.usefixtures("as_root"), pytest.mark.browser]

SHARE_BUTTON = "Share my answers with the seminar"
LOGIN_TIMEOUT = 120_000
# A class view row's node, choice and count, as the page shows them (the count as the instructor reads it).
ROW_CELLS = "rows => rows.map(r => [r.dataset.node, r.dataset.choice, r.querySelector('td.count').innerText])"
# A learner takes both sittings of the case-judgement test in their own kernel's copy of the course (the
# student release: no keys), choosing option (n + shift) % 4 in situation n; prints what was chosen.
TAKE_THE_TEST = """
import json, os
from course.judgement.forms import load_forms
from course.judgement.widget import SittingView
from course.progress import current
found = load_forms()
assert not found.scorable, "the learner's copy must not hold the keys"
out = {}
for sitting, shift in json.loads(os.environ["PLAN"]).items():
    view = SittingView(found.forms, current(), sitting).show()
    form = view.form()
    choices = {i.id: i.options[(n + shift) % len(i.options)].id for n, i in enumerate(form.items)}
    view.answer_with(choices)
    out[sitting] = choices
print(json.dumps(out))
"""
PLANS = ({"before": 0, "after": 1}, {"before": 2, "after": 3})


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Hub:
    """The hub under test, started with the command ``make hub`` runs."""

    top: Path
    env: dict[str, str]
    url: str
    accounts: Accounts
    learners: list[Account]
    instructor: Account
    exchange: Path
    proc: subprocess.Popen[bytes] | None = None
    measures: dict[str, Any] = field(default_factory=dict)

    @property
    def log(self) -> Path:
        return self.top / "hub.log"

    def start(self) -> float:
        python = Path(self.env["COURSE_HUB_DIR"]) / "venv" / "bin" / "python"
        began = time.monotonic()
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [str(python), "-m", "course.delivery.hub"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.top,
                start_new_session=True,
            )
        while time.monotonic() - began < 90:
            if self.proc.poll() is not None:
                pytest.fail(f"the hub exited with {self.proc.returncode}:\n{self.tail()}", pytrace=False)
            if self.status("/hub/api/") == 200:
                return time.monotonic() - began
            time.sleep(0.1)
        pytest.fail(f"the hub did not answer within 90 s:\n{self.tail()}", pytrace=False)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)  # the hub stops every server and the proxy itself
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def new_context(self, browser: Any) -> Any:
        """A browser context that accepts the hub's self-signed certificate."""
        return browser.new_context(viewport={"width": 1400, "height": 1000}, ignore_https_errors=True)

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def status(self, path: str, url: str | None = None) -> int:
        import ssl

        context = ssl.create_default_context(cafile=self.env["COURSE_HUB_SSL_CERT"])
        try:
            with urllib.request.urlopen((url or self.url) + path.lstrip("/"), timeout=5, context=context) as resp:  # noqa: S310
                return resp.status
        except urllib.error.HTTPError as err:
            return err.code
        except OSError:
            return 0


START = "00_start_here.ipynb"  # where each user's JupyterLab opens (the hub's default URL)


def course_file(notebook: str) -> str:
    """A notebook's path in a user's JupyterLab: their copy of the course is in ~/jane-susan-course/."""
    return f"jane-susan-course/{notebook}"


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, as an instructor would make one for a try-out."""
    folder.mkdir(mode=0o700)
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture(scope="module")
def hub(hub_install: Path) -> Any:
    accounts = Accounts()
    top = shared_tmp("course-hub-")
    the_hub = None
    try:
        learners_group, instructors_group = accounts.group("learners"), accounts.group("instructors")
        learners = [accounts.user("l1", [learners_group]), accounts.user("l2", [learners_group])]
        instructor = accounts.user("i", [instructors_group])
        port = _free_port()
        cert, key = self_signed_certificate(top / "tls")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("COURSE_", "JUPYTER"))}
        env.update(
            {
                "COURSE_HUB_MODE": "system",
                "COURSE_HUB_DIR": str(hub_install),
                "COURSE_HUB_STATE": str(top / "state"),
                "COURSE_HUB_PORT": str(port),
                "COURSE_HUB_API_PORT": str(_free_port()),
                "COURSE_HUB_PROXY_API_PORT": str(_free_port()),
                "COURSE_EXCHANGE": str(top / "exchange"),
                "COURSE_HUB_LEARNERS": learners_group,
                "COURSE_HUB_INSTRUCTORS": instructors_group,
                "COURSE_HUB_SSL_CERT": str(cert),
                "COURSE_HUB_SSL_KEY": str(key),
            }
        )
        the_hub = Hub(top, env, f"https://127.0.0.1:{port}/", accounts, learners, instructor, top / "exchange")
        the_hub.measures["hub start (s)"] = round(the_hub.start(), 2)
        yield the_hub
    finally:
        if the_hub is not None:
            the_hub.stop()
            out = REPO / "artifacts"
            out.mkdir(exist_ok=True)
            (out / "hub-measures.json").write_text(json.dumps(the_hub.measures, indent=2) + "\n")
        close_instructor_copy(hub_install)
        accounts.remove()
        import shutil

        shutil.rmtree(top, ignore_errors=True)


# Notes in the page the moment JupyterLab's status bar first shows (ms since the epoch): a login's time is
# then exact even when the test looks at that page only later.
NOTE_WHEN_SHOWN = """
(() => {
  const check = () => {
    const bar = document.querySelector('#jp-main-statusbar');
    if (bar && bar.getClientRects().length && bar.checkVisibility({visibilityProperty: true})) {
      window.courseLabShownAt = Date.now();
    } else {
      setTimeout(check, 50);
    }
  };
  check();
})();
"""


@dataclass
class Login:
    """One person's login in their own browser context: sent at ``sent`` (s since the epoch)."""

    context: Any
    page: Page
    sent: float
    measure: str
    shown: bool = False


class Logins:
    """Logins that go on while the test does other things: the hub spawns their servers meanwhile, as it
    does when a seminar logs in at the same minute."""

    def __init__(self, hub: Hub, browser: Any) -> None:
        self.hub, self.browser = hub, browser
        self.open: dict[str, Login] = {}

    def start(self, user: Account, measure: str, next_url: str = "") -> None:
        """Send ``user``'s login form (to ``next_url`` afterwards, when given) and return at once."""
        context = self.hub.new_context(self.browser)
        context.add_init_script(NOTE_WHEN_SHOWN)
        page = context.new_page()
        query = f"?next={urllib.parse.quote(next_url)}" if next_url else ""
        page.goto(f"{self.hub.url}hub/login{query}", wait_until="domcontentloaded")
        page.fill("#username_input", user.name)
        page.fill("#password_input", user.password)
        self.open[user.name] = Login(context, page, time.time(), measure)
        page.click("#login_submit", no_wait_after=True)

    def page(self, user: Account) -> Page:
        """Wait until ``user``'s JupyterLab shows; note the seconds from sending the form to that moment."""
        login = self.open[user.name]
        if not login.shown:
            expect(login.page.locator("#jp-main-statusbar")).to_be_visible(timeout=LOGIN_TIMEOUT)
            shown = login.page.wait_for_function("() => window.courseLabShownAt").json_value()
            self.hub.measures[login.measure] = round(shown / 1000 - login.sent, 2)
            login.shown = True
        return login.page

    def close(self, user: Account) -> None:
        login = self.open.pop(user.name, None)
        if login is not None:
            login.context.close()

    def close_all(self) -> None:
        for login in list(self.open.values()):
            login.context.close()
        self.open.clear()


@pytest.fixture(scope="module")
def logins(hub: Hub, browser: Any) -> Any:
    found = Logins(hub, browser)
    try:
        yield found
    finally:
        found.close_all()


def decision_notebooks() -> dict[str, list[str]]:
    """Notebook file -> the decision points of notebook 03 it holds (read from data/)."""
    found: dict[str, list[str]] = {}
    for exercise_id in decision_ids():
        found.setdefault(load_spec(exercise_id).notebook + ".ipynb", []).append(exercise_id)
    return found


def chosen_paths(learner_index: int) -> dict[str, list[str]]:
    """The first learner takes every recommended path, the second another complete path."""
    return {ex: two_paths(ex)[learner_index] for ex in decision_ids()}


def take_the_test(hub: Hub, learner: Account, plan: dict[str, int]) -> dict[str, int]:
    """The learner takes both sittings as their own user; returns the scores, counted here against the
    instructors' keys (the learner's copy has none)."""
    env = {"COURSE_EXCHANGE": str(hub.exchange), "COURSE_SEMINAR_ID": pseudonym(read_key(hub.exchange), learner.name)}
    done = run_as(learner, TAKE_THE_TEST, {**env, "PLAN": json.dumps(plan)})
    assert done.returncode == 0, done.stderr
    keys = {i.id: i.key for form in read_forms(REPO / "data").forms.values() for i in form.items}
    return {s: sum(keys[i] == o for i, o in chosen.items()) for s, chosen in json.loads(done.stdout).items()}


def memory_of(user: Account) -> dict[str, float]:
    """RSS and PSS (MiB) summed over every process of the user (their server and its kernels)."""
    rss = pss = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.stat(f"/proc/{entry}").st_uid != user.uid:
                continue
            for line in Path(f"/proc/{entry}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return {"rss_mib": round(rss / 1024, 1), "pss_mib": round(pss / 1024, 1)}


def notebook_shown(page: Page, name: str) -> None:
    """Wait, as ``open_notebook`` does after loading the page, until the notebook ``name`` is shown with
    its kernel Idle."""
    panel = notebook_panel(page)
    expect(panel.locator(".jp-Notebook")).to_be_visible(timeout=LOGIN_TIMEOUT)
    expect(page.locator("#jp-main-statusbar")).to_contain_text(name, timeout=LOGIN_TIMEOUT)
    wait_kernel_idle(page, LOGIN_TIMEOUT)
    expect(panel.locator(".jp-Cell").first).to_be_visible(timeout=LOGIN_TIMEOUT)


def wait_for(condition: Any, seconds: float) -> bool:
    """Whether ``condition()`` became true within ``seconds`` (checked every 50 ms)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def run_in_terminal(page: Page, hub: Hub, user: Account, command: str) -> str:
    """Open a JupyterLab terminal on the hub, type ``command`` there, and return what it printed.

    The output goes to a file in the user's home (read here as root): the terminal draws on a canvas.
    """
    out = user.home / ".terminal-check.txt"
    part = out.with_name(out.name + ".part")
    out.unlink(missing_ok=True)
    part.unlink(missing_ok=True)
    if not page.url.startswith(f"{hub.url}user/{user.name}/lab"):  # else: the JupyterLab already open
        page.goto(f"{hub.url}user/{user.name}/lab", wait_until="domcontentloaded")
    expect(page.locator("#jp-main-statusbar")).to_be_visible(timeout=LOGIN_TIMEOUT)
    page.locator(".lm-MenuBar-item", has_text="File").click()  # File > New > Terminal
    page.locator(".lm-Menu-item", has_text="New").first.hover()
    page.locator('.lm-Menu-item[data-command="terminal:create-new"]').click()
    terminal = page.locator(".jp-Terminal .xterm").first
    expect(terminal).to_be_visible(timeout=60_000)
    line = f'{{ {command}; echo "PATH=$PATH"; }} > {part} 2>&1; mv {part} {out}'
    for _ in range(6):
        terminal.click()
        page.keyboard.press("Control+U")  # an empty line, should keys of an earlier try have arrived
        page.keyboard.insert_text(line)  # the whole line at once, as a paste, not key by key
        page.keyboard.press("Enter")
        # the redirection makes the .part file as soon as the shell runs the line; keys that reach the
        # terminal before it is ready are lost, and then the line is typed again
        if wait_for(lambda: part.exists() or out.exists(), 10):
            break
    assert wait_for(out.exists, 60), f"the terminal never ran {command!r}"
    return out.read_text()


def learner_works_and_shares(hub: Hub, page: Page, index: int, meanwhile: Any = None) -> None:
    """Learner ``index`` runs the notebooks that hold notebook 03's decision points, takes their path
    through each, takes both sittings of the case-judgement test, and shares.

    ``meanwhile()`` is called once every notebook runs: from then on this learner starts no kernel, so a
    login started then cannot lose its server's port to one (JupyterHub picks the port of a spawning
    server at random and leaves it free until the server binds it; a kernel starting meanwhile may take it).
    """
    learner = hub.learners[index]
    paths = chosen_paths(index)
    notebooks = list(decision_notebooks().items())
    for notebook, _ in notebooks:
        open_in_lab(page, course_file(notebook))  # in the JupyterLab the login opened
        hub.measures.setdefault("run all, notebook 03 (s)", []).append(round(run_all(page), 1))
        assert output_errors(page) == []
        if index == 0:  # the server and every kernel the learner has open so far
            hub.measures[f"memory of one learner after run all on {notebook}"] = memory_of(learner)
    if meanwhile is not None:
        meanwhile()
    for notebook, exercise_ids in reversed(notebooks):  # the last notebook opened is the one shown
        if notebook != notebooks[-1][0]:
            open_in_lab(page, course_file(notebook))  # back to its tab: it runs on, with its outputs
        for exercise_id in exercise_ids:
            play_path(cell_output(page, f'exercise("{exercise_id}")'), load_spec(exercise_id), paths[exercise_id])
    began = time.monotonic()
    hub.measures.setdefault("judgement scores", {})[learner.name] = take_the_test(hub, learner, PLANS[index])
    hub.measures.setdefault("both sittings taken, as the learner (s)", []).append(round(time.monotonic() - began, 1))
    share = cell_output(page, "share_with_seminar()")
    expect(share).to_contain_text("You have not shared anything")
    tick = share.locator(".course-share-reflections")
    expect(tick).to_contain_text(REFLECTIONS)
    clipped = "el => [el, ...el.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1)"
    assert not tick.evaluate(clipped), "the reflections box's label is cut off"
    click_widget_button(share, SHARE_BUTTON)
    expect(share).to_contain_text("Shared.", timeout=30_000)


def test_two_learners_answer_differently_and_share(hub: Hub, logins: Logins) -> None:
    assert hub.status("/hub/api/") == 200  # over TLS, with the certificate checked
    assert hub.status("/hub/api/", url=hub.url.replace("https:", "http:")) != 200  # no plain HTTP
    first, second = hub.learners
    logins.start(first, "login and first spawn, learner 1 (s)")
    # the second learner logs in while the first answers, and the instructor while the second does: the
    # hub starts their servers meanwhile (the instructor's JupyterLab waits for the next test)
    second_logs_in = partial(logins.start, second, "login and first spawn, learner 2, while learner 1 works (s)")
    learner_works_and_shares(hub, logins.page(first), 0, meanwhile=second_logs_in)
    # the command the docs give, in a hub terminal (a login shell resets PATH)
    shown = run_in_terminal(logins.page(first), hub, first, "course submit --show")
    assert shown.startswith("You shared ") and "not found" not in shown, shown
    assert f"PATH={hub.env['COURSE_HUB_DIR']}/venv/bin:" in shown, shown
    logins.close(first)
    instructor_logs_in = partial(
        logins.start, hub.instructor, "login and first spawn, instructor, while learner 2 works (s)"
    )
    learner_works_and_shares(hub, logins.page(second), 1, meanwhile=instructor_logs_in)
    logins.close(second)
    owners = sorted(p.stat().st_uid for p in hub.exchange.glob("*/submission.json"))
    assert owners == sorted(learner.uid for learner in hub.learners)


def test_the_class_view_shows_exactly_those_choices(hub: Hub, logins: Logins) -> None:
    if hub.instructor.name not in logins.open:  # else: logged in while the learners worked
        logins.start(hub.instructor, "login and first spawn, instructor (s)")
    page = logins.page(hub.instructor)
    try:
        open_in_lab(page, course_file("class_view.ipynb"))
        run_all(page)
        assert output_errors(page) == []
        view = cell_output(page, "class_view()")
        count = view.locator(".course-class-count")
        expect(count).to_have_attribute("data-shared", "2")
        expect(count).to_have_attribute("data-folders", "2")
        for exercise_id in decision_ids():
            spec = load_spec(exercise_id)
            expected: dict[tuple[str, str], int] = {}
            for index in range(2):
                for step in walk(spec, chosen_paths(index)[exercise_id]):
                    expected[step] = expected.get(step, 0) + 1
            rows = view.locator(f"table.course-class-decision tr[data-exercise='{exercise_id}']")
            expect(rows).to_have_count(sum(len(n.choices) for n in spec.nodes))
            cells = rows.evaluate_all(ROW_CELLS)  # every row at once: one round trip to the page, not three a row
            shown = {(node, choice): int(count) for node, choice, count in cells}
            assert {k: v for k, v in shown.items() if v} == expected, exercise_id
        assert "Skipped submissions" not in view.inner_text()
        scores = list(hub.measures["judgement scores"].values())
        figure = view.locator(".course-jt-class")
        expect(figure).to_have_attribute("data-n", "2")
        for sitting in ("before", "after"):
            mean = sum(s[sitting] for s in scores) / 2
            expect(figure.locator(f"tr[data-measure='mean-{sitting}'] td")).to_have_text(f"{mean:.1f}")
        expect(figure.locator(".course-jt-caveat")).to_contain_text("no control group")
        began = time.monotonic()
        click_widget_button(cell_output(page, "class_view()"), "Return the case-judgement results")
        expect(cell_output(page, "class_view()")).to_contain_text("Returned the results of 2 learner(s)")
        hub.measures["case-judgement results returned from the class view (s)"] = round(time.monotonic() - began, 1)
        # the gradebook, as the README gives it, in the instructor's own terminal on the hub
        roster = hub.instructor.home / "roster.csv"
        roster.write_text("Email address,hub_user\n" + "".join(f"{u.name}@uni,{u.name}\n" for u in hub.learners))
        os.chown(roster, hub.instructor.uid, -1)
        grades = hub.instructor.home / "grades.csv"
        shown = run_in_terminal(
            page,
            hub,
            hub.instructor,
            f"course gradebook --format moodle --roster {roster} -o {grades}; "
            "python -c 'import course.paths as p; print(p.data_dir())'",
        )
        assert "Wrote " in shown and "2 with a shared submission" in shown, shown
        assert f"{hub.env['COURSE_HUB_DIR']}/course/data" in shown, shown  # the instructors' full copy
        rows = list(csv.reader(grades.open()))
        assert rows[0][1:] and all(h.endswith("(% answered)") for h in rows[0][1:])
        assert len(rows) == 3 and all(any(cell for cell in row[1:]) for row in rows[1:])
    finally:
        logins.close(hub.instructor)


def _store_attempts(user: Account) -> int:
    path = user.home / ".local" / "share" / "jane-susan-course" / "progress.sqlite3"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]


def test_a_hub_restart_loses_nothing(hub: Hub, logins: Logins) -> None:
    """Continues the seminar of the two tests above (one hub per module): stop the hub, start it again."""

    def snapshot() -> dict[str, Any]:
        files = {
            p.parent.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(hub.exchange.glob("*/submission.json"))
        }
        return {"submissions": files, "attempts": {u.name: _store_attempts(u) for u in hub.learners}}

    if len(list(hub.exchange.glob("*/submission.json"))) != 2:
        pytest.fail("nothing was shared: run the whole module, this test continues the two before it", pytrace=False)
    before = snapshot()
    assert all(before["attempts"].values())
    hub.stop()
    hub.measures["hub restart (s)"] = round(hub.start(), 2)
    assert snapshot() == before
    learner = hub.learners[0]
    # the learner logs in again, through a link to the start notebook in a fresh workspace (the one saved
    # before the restart would reopen every notebook and the terminal); the checks as the users below
    # run while the hub starts the learner's server
    start_page = f"/user/{learner.name}/lab/tree/{course_file(START)}?reset"
    logins.start(learner, "login and spawn after the restart (s)", f"/hub/spawn?next={urllib.parse.quote(start_page)}")
    view = run_as(
        hub.instructor,
        f"from course.classroom.class_view import load_class\nprint(load_class({str(hub.exchange)!r}).shared)",
    )
    assert view.returncode == 0, view.stderr
    assert view.stdout.strip() == "2"
    # the results the instructor returned, as the learner's own course shows them (and nobody else's)
    env = {"COURSE_EXCHANGE": str(hub.exchange), "COURSE_SEMINAR_ID": pseudonym(read_key(hub.exchange), learner.name)}
    began = time.monotonic()
    shown = run_as(learner, "import course; print(course.judgement_results().value)", env)
    hub.measures["returned results read, as the learner (s)"] = round(time.monotonic() - began, 1)
    assert shown.returncode == 0, shown.stderr
    mine = hub.measures["judgement scores"][learner.name]
    assert f"data-before='{mine['before']}' data-after='{mine['after']}'" in shown.stdout, shown.stdout[-500:]
    try:
        page = logins.page(learner)
        notebook_shown(page, START)
        run_all(page)
        share = cell_output(page, "share_with_seminar()")
        answers = before["attempts"][learner.name]
        expect(share).to_contain_text(f"You shared {answers} answers")
        expect(cell_output(page, 'judgement_test("before")')).to_contain_text("You finished the before test")
    finally:
        logins.close(learner)
    print(json.dumps(hub.measures, indent=1), file=sys.stderr)


def test_an_account_added_while_the_hub_runs_chooses_its_own_password(hub: Hub, browser: Any) -> None:
    """`course hub-add-learner` on the running hub; the first password alone does not log in, the page's
    "new password" fields do, and the learner's home was private before the first login."""
    import pwd
    import re

    python = Path(hub.env["COURSE_HUB_DIR"]) / "venv" / "bin" / "python"
    name = f"{hub.accounts.tag}-l3"
    done = subprocess.run(
        [str(python), "-m", "course", "hub-add-learner", name], env=hub.env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    user = pwd.getpwnam(name)
    first = re.search(r"First password: (\S+)", done.stdout).group(1)
    learner = Account(name, "a-password-of-my-own", user.pw_uid, Path(user.pw_dir))
    hub.accounts.users.append(learner)
    assert oct(learner.home.stat().st_mode & 0o777) == "0o700"
    context = hub.new_context(browser)
    page = context.new_page()
    try:
        page.goto(f"{hub.url}hub/login", wait_until="domcontentloaded")
        page.fill("#username_input", name)
        page.fill("#password_input", first)
        page.click("#login_submit")
        expect(page.locator("#login_submit")).to_be_visible(timeout=30_000)  # refused: it must be changed
        expect(page.locator("p.login_error, .login_error")).to_be_visible()
        page.fill("#username_input", name)
        page.fill("#password_input", first)
        page.locator("details.course-first-login summary").click()
        page.fill("#new_password_input", learner.password)
        page.fill("#new_password_again_input", learner.password)
        page.click("#login_submit")
        expect(page.locator("#jp-main-statusbar")).to_be_visible(timeout=LOGIN_TIMEOUT)
    finally:
        context.close()
