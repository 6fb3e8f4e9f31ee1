"""Inputs that are not plain UTF-8 regular files: pipes, devices, FIFOs, UTF-16 and UTF-32."""

from __future__ import annotations

import os
import threading

import pytest

from remit.inputs import InputError
from remit.markup.source import read_source
from remit.paths import collect_paths

TEXT = "USCIS issues green cards.\nICE detains people."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig", "utf-16-be", "utf-32-le"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path, encoding):
    path = tmp_path / "a.txt"
    data = TEXT.encode(encoding)
    if encoding in ("utf-16-be", "utf-32-le"):  # these codecs write no mark: add it
        data = ("\ufeff" + TEXT).encode(encoding)
    path.write_bytes(data)
    assert read_source(str(path)) == TEXT


def test_utf16_without_a_mark_is_named_as_such(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    with pytest.raises(InputError, match=r"a.txt: binary input .*looks like UTF-16 without"):
        read_source(str(path))


def test_other_binary_input_has_no_utf16_hint(tmp_path):
    path = tmp_path / "a.bin"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="binary input") as caught:
        read_source(str(path))
    assert "UTF-16" not in str(caught.value)


def test_broken_utf16_names_its_encoding_and_place(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe" + "ok\n".encode("utf-16-le") + b"\x00\xd8\x41\x00")
    with pytest.raises(InputError, match=r"invalid UTF-16 at byte \d+ \(line 2"):
        read_source(str(path))


def test_dev_null_is_read_and_found_empty():
    assert collect_paths([os.devnull]) == [os.devnull]
    assert read_source(os.devnull) == ""


def test_a_named_pipe_is_read(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(TEXT, encoding="utf-8"))
    writer.start()
    assert collect_paths([str(fifo)]) == [str(fifo)]
    assert read_source(str(fifo)) == TEXT
    writer.join(timeout=10)


def test_a_folder_walk_skips_a_fifo(tmp_path):
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "b.md")
    assert collect_paths([str(tmp_path)]) == [str(tmp_path / "a.md")]


def test_process_substitution_path_is_accepted():
    read, write = os.pipe()
    os.write(write, TEXT.encode())
    os.close(write)
    path = f"/dev/fd/{read}"
    try:
        assert collect_paths([path]) == [path]
        assert read_source(path) == TEXT
    finally:
        os.close(read)
