"""The server ``make lab`` starts answers, and serves the start notebook."""

from __future__ import annotations

import json
import urllib.request

from course.delivery.lab import START_NOTEBOOK, server_command

from .lab import LabServer


def test_fixture_runs_the_make_lab_command(server: LabServer) -> None:
    expected = server_command(port=server.port, root=server.root, token=server.token, open_browser=False)
    assert server.command == expected
    assert "--ServerApp.ip=127.0.0.1" in server.command


def test_status_answers(server: LabServer) -> None:
    status, body = server.get("/api/status")
    assert status == 200
    assert "started" in json.loads(body)


def test_token_is_required(server: LabServer) -> None:
    status, _ = server.get("/api/contents", token=False)
    assert status == 403


def test_start_notebook_is_served(server: LabServer) -> None:
    status, body = server.get(f"/api/contents/{START_NOTEBOOK}")
    assert status == 200, f"/api/contents/{START_NOTEBOOK}: HTTP {status}"
    model = json.loads(body)
    assert model["type"] == "notebook"
    assert model["content"]["cells"], "the start notebook has no cells"


def test_start_notebook_opens_in_lab(server: LabServer) -> None:
    status, body = server.get(f"/lab/tree/{START_NOTEBOOK}")
    assert status == 200
    assert b"JupyterLab" in body


def test_default_url_is_the_start_notebook(server: LabServer) -> None:
    """``make lab`` (and its browser tab) lands on the start notebook, not an empty launcher."""
    req = urllib.request.Request(f"{server.url}/?token={server.token}")
    with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 (127.0.0.1 only)
        assert resp.status == 200
        landed = resp.url.split("?")[0]
    assert landed.endswith(f"/lab/tree/{START_NOTEBOOK}"), f"/ redirects to {landed}"


def test_course_lab_defaults_are_in_force(server: LabServer) -> None:
    """Widget messages use the main kernel channel (a Check click never overtakes the option change
    before it), and JupyterLab fetches no news: both from jupyter-config/lab-settings/."""
    import json

    status, body = server.get("/lab/api/settings/@jupyterlab/apputils-extension:kernels-settings")
    assert status == 200
    assert json.loads(body)["schema"]["properties"]["commsOverSubshells"]["default"] == "disabled"
    status, body = server.get("/lab/api/settings/@jupyterlab/apputils-extension:notification")
    assert status == 200
    assert json.loads(body)["schema"]["properties"]["fetchNews"]["default"] == "false"
