"""Off the seminar hub, the share panel gives the learner their export file from a button: the browser
saves the same file ``course export`` writes, pseudonymous, without reflections unless ticked."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from playwright.sync_api import Page, expect

from course.classroom.file_format import FORMAT
from course.displays.export_download import MAKE

from .lab import FEEDBACK_TIMEOUT, LabServer, click_widget_button, notebook_panel, open_notebook, run_all

NOTEBOOK = "_export/share.ipynb"


def write_share_notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import course\ncourse.share_with_seminar()")])
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def check_download(page: Page, scope) -> dict:  # noqa: ANN001 (a Page or a Locator)
    """Press the button, save the file through the link it shows; the export read back."""
    link = scope.locator("a.course-download")
    expect(link).to_have_count(1, timeout=FEEDBACK_TIMEOUT)
    with page.expect_download() as info:
        link.click()
    download = info.value
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert download.suggested_filename == f"course-export-{data['payload']['learner']['id']}.json"
    return data


def test_the_share_panel_downloads_the_export_file(page: Page, server: LabServer) -> None:
    write_share_notebook(server.root / NOTEBOOK)
    open_notebook(page, server, NOTEBOOK)
    run_all(page)
    panel = notebook_panel(page)
    expect(panel.locator(".course-share")).to_contain_text("course export")
    click_widget_button(page, MAKE)
    data = check_download(page, panel)
    assert data["format"] == FORMAT
    assert "reflections" not in data["payload"] and "name" not in data["payload"]["learner"]
