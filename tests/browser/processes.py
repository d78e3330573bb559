"""This machine's processes, read from /proc: who started whom, the CPU each has used, and which of them are
Chromium browsers (not their helpers). Used by the Chromium flag tests and by ``make bench`` #15."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Process:
    """One running process: who started it, and the CPU it has used."""

    parent: int
    cpu: float  # seconds: the process's own and those of the children it has reaped


def processes() -> dict[int, Process]:
    """Every process now running, by pid."""
    found: dict[int, Process] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2 :].split()
            found[int(entry.name)] = Process(int(fields[1]), sum(int(f) for f in fields[11:15]) / _TICKS)
    return found


def tree(root: int, table: dict[int, Process] | None = None) -> list[int]:
    """``root`` and every running process below it."""
    table = processes() if table is None else table
    children: dict[int, list[int]] = {}
    for pid, process in table.items():
        children.setdefault(process.parent, []).append(pid)
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def tree_cpu(root: int) -> float:
    """CPU seconds used so far by ``root``, the processes below it and the children they have reaped."""
    table = processes()
    return sum(table[pid].cpu for pid in tree(root, table) if pid in table)


def browser_command_lines(root: int) -> dict[int, list[str]]:
    """pid -> command line of each Chromium browser process below ``root`` (Playwright's, by its pipe)."""
    found: dict[int, list[str]] = {}
    for pid in tree(root):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        if "--remote-debugging-pipe" in argv and not any(a.startswith("--type=") for a in argv):
            found[pid] = argv
    return found
