"""Exports replace their file in one step: a failed write leaves the old file and no litter."""

import os

import pytest

from workbook.files import atomic_write


def test_a_new_file_is_written(tmp_path):
    path = atomic_write(tmp_path / "sub" / "out.json", b"{}")
    assert path.read_bytes() == b"{}"
    assert [p.name for p in path.parent.iterdir()] == ["out.json"]


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "out.json"
    path.write_bytes(b"old contents")

    def power_cut(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError):
        atomic_write(path, b"new contents that never land")
    assert path.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
