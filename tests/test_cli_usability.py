"""The command line as a user meets it: a mistyped store, the help, the version, plain text on
standard input, a busy port."""
from __future__ import annotations

import re
import socket
import subprocess
import sys

import pytest

from whimbrel import __version__

CLI = [sys.executable, "-m", "whimbrel.cli"]


def whimbrel(*args: str, cwd=None, stdin: str | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, input=stdin, timeout=timeout,
                          env=_env())


def _env():
    import os

    return {**os.environ, "COLUMNS": "200"}


@pytest.mark.parametrize("args", [["query", "events"], ["export", "--format", "gdelt"], ["serve", "--port", "0"]])
def test_a_missing_store_is_an_error_and_is_not_created(tmp_path, args):
    res = whimbrel(*args, "--db", "missing.db", cwd=tmp_path, timeout=60)  # serve must not start
    assert res.returncode != 0
    assert "no store at 'missing.db'" in res.stderr and "whimbrel ingest" in res.stderr
    assert list(tmp_path.iterdir()) == []


def _commands() -> list[list[str]]:
    from whimbrel.cli import command

    root = command()
    out = []
    for name, sub in root.commands.items():
        subs = getattr(sub, "commands", None)
        out += [[name, s] for s in subs] if subs else [[name]]
    return out


def test_every_option_has_help_and_a_readable_placeholder():
    from whimbrel.cli import command

    def walk(cmd, path):
        for p in cmd.params:
            if p.param_type_name == "option":
                assert p.help, f"{' '.join(path)} {p.opts[0]} has no help"
        for name, sub in (getattr(cmd, "commands", None) or {}).items():
            walk(sub, [*path, name])

    walk(command(), ["whimbrel"])
    for path in [[], *_commands()]:
        res = whimbrel(*path, "--help")
        assert res.returncode == 0, res.stderr
        assert not re.search(r"<(str|int|bool|path|float|list\[[^]]*\])>", res.stdout), (path, res.stdout)
    assert "YYYY-MM-DD" in whimbrel("query", "--help").stdout


def test_version():
    res = whimbrel("--version")
    assert res.returncode == 0 and res.stdout.strip() == f"whimbrel {__version__}"


def test_plain_text_on_stdin_gets_a_hint_naming_the_option():
    res = whimbrel("analyze", "-", "--workers", "1", stdin="Russia attacked Ukraine on Monday.\n")
    assert res.returncode != 0
    assert "--stdin-format text" in res.stderr


def test_serve_on_a_busy_port_fails_before_printing_its_url(tmp_path):
    from whimbrel.store import Store

    Store(str(tmp_path / "s.db")).close()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        res = whimbrel("serve", "--db", str(tmp_path / "s.db"), "--port", str(port), timeout=60)
    assert res.returncode != 0
    assert "http://" not in res.stderr and f"cannot listen on 127.0.0.1:{port}" in res.stderr
