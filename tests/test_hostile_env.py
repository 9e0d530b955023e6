"""Odd values of the environment variables kg reads: each command answers, or refuses in one line; never a traceback.

Every value runs in a scratch working folder, so that a relative path it names is made
there; the only endpoints named are on 127.0.0.1 at ports nothing listens on, so no
request leaves the machine.
"""

from __future__ import annotations

import pytest
from conftest import assert_clean

from kg.cli import main

ODD = {
    "empty": "", "space": " ", "dot": ".", "dot-dot": "..", "root": "/", "tilde": "~", "dash": "-", "a-flag": "--help",
    "dev-null": "/dev/null", "dev-zero": "/dev/zero", "a-file": "/etc/passwd", "proc": "/proc/self",
    "not-creatable": "/sys/kghome", "file-url": "file:///etc/passwd", "escape-sequence": "\x1b[31m",
    "too-long": "a" * 5000, "nan": "nan", "inf": "inf", "minus-inf": "-inf", "negative": "-1", "zero": "0",
    "huge": "1e308", "hex": "0x10", "underscore": "1_0", "padded": " 5 ", "closed-port": "http://127.0.0.1:9",
    "closed-port-query": "https://127.0.0.1:9/query", "port-out-of-range": "http://127.0.0.1:99999",
    "broken-ipv6": "http://[::1", "ftp": "ftp://127.0.0.1/x", "line-break": "http://127.0.0.1:9/\nx",
    "right-to-left": "\u202e", "accents": "é/ü",
}
COMMANDS = {  # each variable with a command that reads it and answers fast
    "KG_HOME": ["votes", "Serbia", "Russia"],
    "KG_STORE": ["query", "actors"],
    "KG_STORE_TIMEOUT": ["query", "actors", "--store", "http://127.0.0.1:9"],
    "KG_SEEDS": ["validate"],
}


@pytest.mark.parametrize("variable", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(ODD))
def test_an_odd_environment_variable_is_one_line_or_ignored(runner, tmp_path, monkeypatch, variable, case):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, COMMANDS[variable], env={variable: ODD[case]})
    assert_clean(result, (0, 2, 3))
