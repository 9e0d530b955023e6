"""kg draft reads the article and the draft to accept as kg validate reads seed files: regular files within bounds."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import assert_clean

from kg.build import folder
from kg.cli import main
from kg.draft import article
from kg.errors import InputError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _unblock(fifo: Path) -> threading.Timer:
    """Should the FIFO be opened for reading after all, a writer after 5 s lets the test fail instead of hanging."""
    def write():
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:  # no reader: nothing waits
            pass
    timer = threading.Timer(5, write)
    timer.start()
    return timer


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("accept", [False, True], ids=["article", "accept"])
def test_a_fifo_is_refused_in_one_line_without_being_opened(tmp_path, accept):
    fifo = tmp_path / ("news.yaml" if accept else "news.txt")
    os.mkfifo(fifo)
    timer = _unblock(fifo)
    try:
        args = ["draft", "--accept", str(fifo)] if accept else ["draft", str(fifo), "--seeds", str(SEEDS)]
        result = CliRunner().invoke(main, args)
    finally:
        timer.cancel()
    what = "annotation file" if accept else "article"
    assert_clean(result, codes=(2,), contains=f"{what} is not a regular file (a FIFO, socket or device)")
    assert not (tmp_path / "news.yaml").is_file()


def test_an_article_over_the_limit_of_kg_validate_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(folder, "MAX_ARTICLE_BYTES", 100)
    path = tmp_path / "long.txt"
    path.write_text("Serbia refused to join sanctions against Russia. " * 3, encoding="utf-8")
    with pytest.raises(InputError, match="article is 147 bytes, over the limit of 100 bytes"):
        article.draft(path, seeds=SEEDS)
    assert not path.with_suffix(".yaml").exists()


@pytest.mark.parametrize("content, message", [
    (None, "annotation file not found"),
    (b"claims:\n  - quote: \xff\n", "annotation file is not UTF-8 text (byte 19)"),
])
def test_accept_reads_the_draft_as_the_article_is_read(tmp_path, content, message):
    path = tmp_path / "news.yaml"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["draft", "--accept", str(path)])
    assert_clean(result, codes=(2,), contains=message)
    if content is not None:
        assert path.read_bytes() == content


def test_a_folder_is_not_an_article(tmp_path):
    result = CliRunner().invoke(main, ["draft", str(tmp_path), "--seeds", str(SEEDS)])
    assert_clean(result, codes=(2,), contains="article is a folder; give a file")
