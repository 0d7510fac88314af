"""What the browser test modules share: Debian's Chromium, its flags, and one launch per module.

Importing this skips the importing module when the playwright package or Chromium is missing.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = os.environ.get("WHIMBREL_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python package) not installed")
needs_chromium = pytest.mark.skipif(not (os.path.exists(CHROMIUM) or shutil.which("chromium")),
                                    reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium (Playwright's Browser), closed afterwards."""
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
                              args=FLAGS)
        try:
            yield b
        finally:
            b.close()
