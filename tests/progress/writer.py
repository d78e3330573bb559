"""Test helper run as a subprocess: write answers into a store, printing the count after each commit.

Usage: writer.py STORE TAG N [BATCH]   (N <= 0 means: until killed). Prints "ready" once open.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from course.progress import ProgressStore  # noqa: E402


def main() -> None:
    path, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = ProgressStore(path, timeout=60)
    print("ready", flush=True)
    done = 0
    while n <= 0 or done < n:
        store.record_attempt(tag, "hash-1", {"i": done, "pad": "x" * 200}, done % 3, 2, f"feedback {done}")
        done += 1
        print(done, flush=True)  # printed only after the transaction committed
    store.close()


if __name__ == "__main__":
    main()
