"""The vendored ts-fsrs (``static/vendor/``) is the unchanged ``dist/index.umd.js`` of the version that
``package.json`` pins: its version string and sha256 agree with the pin and the README, and, when npm is
installed, the pinned tarball from the registry has the lock's integrity hash and holds the same bytes."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from .node import STATIC

VENDOR = STATIC / "vendor"
BUNDLE = VENDOR / "ts-fsrs" / "index.umd.js"


def pinned() -> str:
    return json.loads((VENDOR / "package.json").read_text(encoding="utf-8"))["dependencies"]["ts-fsrs"]


def test_the_vendored_file_declares_the_pinned_version_and_hash() -> None:
    version = pinned()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"package.json must pin an exact version, not {version!r}"
    lock = json.loads((VENDOR / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/ts-fsrs"]["version"] == version
    text = BUNDLE.read_text(encoding="utf-8")
    assert re.findall(r'const version\s*=\s*"([^"]+)"', text) == [version]
    assert "`v${version} using FSRS-6.0`" in text  # FSRS-6, as py-fsrs 6.x
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert f"| {version} (FSRS-6) |" in readme
    digest = hashlib.sha256(BUNDLE.read_bytes()).hexdigest()
    assert f"sha256  {digest}  ts-fsrs/index.umd.js" in readme, "the README's sha256 is not the file's"
    assert (VENDOR / "ts-fsrs" / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_the_vendored_file_is_the_registry_package_file(tmp_path: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed (make node installs it)")
    version = pinned()
    done = subprocess.run(
        [npm, "pack", f"ts-fsrs@{version}", "--silent", "--pack-destination", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    tarball = tmp_path / f"ts-fsrs-{version}.tgz"
    lock = json.loads((VENDOR / "package-lock.json").read_text(encoding="utf-8"))
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    assert integrity == lock["packages"]["node_modules/ts-fsrs"]["integrity"]
    with tarfile.open(tarball) as archive:
        for inside, ours in (
            ("package/dist/index.umd.js", BUNDLE),
            ("package/LICENSE", VENDOR / "ts-fsrs" / "LICENSE"),
        ):
            member = archive.extractfile(inside)
            assert member is not None and member.read() == ours.read_bytes(), f"{ours.name} differs from {inside}"
