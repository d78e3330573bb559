"""Keep the generated parts of the notebooks in step with data/course.yaml and data/glossary.yaml.

A notebook's header (title, time, objectives, content note), its reference list, its navigation
and the course map are written from data into markdown cells tagged ``course-header``,
``course-references``, ``course-nav`` and ``course-map``. Every notebook of the course also ends with
the "Share my answers with the seminar" panel: a code cell tagged ``course-share``, before the
references. The glossary notebook is written whole.
``course sync-notebooks`` rewrites them; ``--check`` only reports drift (tests run it).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..content import Content, load_content
from ..paths import notebooks_dir

HEADER, REFERENCES, NAV, MAP = "course-header", "course-references", "course-nav", "course-map"
SHARE = "course-share"
SHARE_SOURCE = "course.share_with_seminar()"
GLOSSARY = "glossary.ipynb"
REVIEW = "review.ipynb"  # the review queue (written by hand, not generated)
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def header_markdown(content: Content, nb_id: str) -> str:
    nb = content.notebook(nb_id)
    lines = [
        f"# {nb.title}",
        "",
        f"*{nb.summary}* Estimated time: **{nb.minutes} minutes**.",
        "",
        "**By the end of this notebook you will be able to:**",
        "",
    ]
    lines += [f"{i}. {o.text}" for i, o in enumerate(nb.objectives, 1)]
    if nb.content_note:
        lines += ["", f"> **Content note.** {nb.content_note}"]
    lines += ["", "> *Jane, Susan and everyone in their story are fictional. The case was written for teaching.*"]
    return "\n".join(lines)


def references_markdown(content: Content, nb_id: str) -> str:
    nb = content.notebook(nb_id)
    refs = sorted((content.references[k] for k in nb.references), key=lambda r: (r.authors.lower(), str(r.year)))
    lines = ["## References", ""] + [f"- {r.formatted()}" for r in refs]
    return "\n".join(lines)


def course_map_link(content: Content) -> str:
    """The link to the course map: the "Map of the course" heading of the course's first notebook."""
    return f"{content.course.notebooks[0].filename}#Map-of-the-course"


def nav_markdown(content: Content, nb_id: str) -> str:
    ids = [nb.id for nb in content.course.notebooks]
    i = ids.index(nb_id)
    parts = []
    if i > 0:
        prev = content.notebook(ids[i - 1])
        parts.append(f"← Previous: [{prev.title}]({prev.filename})")
    parts.append(f"[Course map]({course_map_link(content)}) · [Glossary]({GLOSSARY}) · [Review]({REVIEW})")
    if i + 1 < len(ids):
        nxt = content.notebook(ids[i + 1])
        parts.append(f"Next: [{nxt.title}]({nxt.filename}) →")
    return "---\n\n" + " | ".join(parts)


def map_markdown(content: Content) -> str:
    lines = [
        "## Map of the course",
        "",
        "| Notebook | What it covers | You will be able to | Time |",
        "|---|---|---|---|",
    ]
    for nb in content.course.notebooks:
        objectives = "<br>".join(f"• {o.text}" for o in nb.objectives)
        lines.append(f"| [{nb.title}]({nb.filename}) | {nb.summary} | {objectives} | {nb.minutes} min |")
    total = sum(nb.minutes for nb in content.course.notebooks)
    hours, minutes = divmod(total, 60)
    span = f"{hours} hours" + (f" {minutes} minutes" if minutes else "")
    lines += ["", f"Altogether about {span}, best spread over several sittings."]
    return "\n".join(lines)


def _cell(source: str, tag: str, cell_id: str | None = None) -> Any:
    """A tagged markdown cell with a stable id, so regenerating it changes nothing."""
    import nbformat

    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["tags"] = [tag]
    cell["id"] = re.sub(r"[^A-Za-z0-9_-]", "-", cell_id or tag)[:64]
    return cell


def _share_cell() -> Any:
    """The code cell that shows the sharing panel (nothing is shared until the learner presses it)."""
    import nbformat

    cell = nbformat.v4.new_code_cell(SHARE_SOURCE)
    cell.metadata["tags"] = [SHARE]
    cell["id"] = SHARE
    return cell


def _put_share(nb: Any) -> None:
    i = _tagged(nb, SHARE)
    if i is not None:
        nb.cells[i].source = SHARE_SOURCE
        return
    for anchor in (REFERENCES, NAV):
        at = _tagged(nb, anchor)
        if at is not None:
            nb.cells.insert(at, _share_cell())
            return
    nb.cells.append(_share_cell())


def _tagged(nb: Any, tag: str) -> int | None:
    for i, cell in enumerate(nb.cells):
        if tag in cell.get("metadata", {}).get("tags", []):
            return i
    return None


def _put(nb: Any, tag: str, source: str, where: str) -> None:
    i = _tagged(nb, tag)
    if i is not None:
        nb.cells[i].source = source
    elif where == "top":
        nb.cells.insert(0, _cell(source, tag))
    elif where == "after-header":
        nb.cells.insert((_tagged(nb, HEADER) or 0) + 1, _cell(source, tag))
    else:
        nb.cells.append(_cell(source, tag))


def synced(nb: Any, nb_id: str, content: Content) -> Any:
    """The notebook with its generated cells rewritten (a changed copy; the input is untouched)."""
    import copy

    nb = copy.deepcopy(nb)
    _put(nb, HEADER, header_markdown(content, nb_id), "top")
    if nb_id == content.course.notebooks[0].id:
        _put(nb, MAP, map_markdown(content), "after-header")
    if content.notebook(nb_id).references:
        _put(nb, REFERENCES, references_markdown(content, nb_id), "end")
    _put_share(nb)
    # navigation always comes last
    i = _tagged(nb, NAV)
    if i is not None:
        nb.cells.pop(i)
    nb.cells.append(_cell(nav_markdown(content, nb_id), NAV))
    nb.metadata["kernelspec"] = KERNELSPEC
    return nb


def glossary_notebook(content: Content) -> Any:
    """The whole glossary as a notebook of markdown cells, one heading per term. Learners read it, so it
    says nothing about how it is made (authors edit data/glossary.yaml and run ``course sync-notebooks``)."""
    import nbformat

    titles = {nb.id: nb for nb in content.course.notebooks}
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = KERNELSPEC
    intro = (
        "# Glossary\n\nThe terms the course uses, defined in our own words. Each entry names the work "
        "it draws on and the notebooks where it comes up.\n\n"
        f"← Back to the [course map]({course_map_link(content)})."
    )
    cells = [_cell(intro, "course-glossary")]
    for term in sorted(content.terms.values(), key=lambda t: t.term.lower()):
        lines = [f"## {term.term}", "", term.definition.strip()]
        if term.see_also:
            links = ", ".join(f"[{content.terms[s].term}](#{content.terms[s].anchor})" for s in term.see_also)
            lines += ["", f"*See also:* {links}"]
        if term.cite:
            cites = "; ".join(content.references[k].author_year for k in term.cite)
            lines += ["", f"*Sources:* {cites}"]
        if term.notebooks:
            used = ", ".join(f"[{titles[n].title}]({titles[n].filename})" for n in term.notebooks)
            lines += ["", f"*Used in:* {used}"]
        cells.append(_cell("\n".join(lines), "course-glossary", f"term-{term.id}"))
    nb.cells = cells
    return nb


def _same(a: Any, b: Any) -> bool:
    import nbformat

    return nbformat.writes(a) == nbformat.writes(b)


def sync_all(check_only: bool = False, folder: Path | None = None, content: Content | None = None) -> list[str]:
    """Rewrite (or, with ``check_only``, just list) every notebook whose generated cells are stale."""
    import nbformat

    folder = Path(folder) if folder else notebooks_dir()
    content = content or load_content()
    stale: list[str] = []
    for info in content.course.notebooks:
        path = folder / info.filename
        if not path.exists():
            stale.append(f"{path.name} is missing (write it, then run course sync-notebooks)")
            continue
        nb = nbformat.read(path, as_version=4)
        new = synced(nb, info.id, content)
        if not _same(nb, new):
            stale.append(path.name)
            if not check_only:
                nbformat.write(new, path)
    path = folder / GLOSSARY
    new = glossary_notebook(content)
    old = nbformat.read(path, as_version=4) if path.exists() else None
    if old is None or not _same(old, new):
        stale.append(path.name)
        if not check_only:
            nbformat.write(new, path)
    return stale
