"""A fault of the machine while training (a full disk) reaches the window as a message box naming the path and the fix."""

from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from cnnstudio.core.events import Failed
from cnnstudio.core.runs import folder as run_folder

FAST = dict(model="seed-separable", image_size=24, batch_size=16, epochs=2, threads=1)


def test_a_full_disk_while_training_is_a_message_box_not_a_traceback(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CNNSTUDIO_RUNS", str(tmp_path / "runs"))

    def full_disk(path):
        raise run_folder.write_fault(OSError(errno.ENOSPC, "No space left on device"), Path(path) / "config.json")

    monkeypatch.setattr(run_folder.RunFolder, "create", classmethod(lambda cls, path: full_disk(path)))
    window.session.update_config(**FAST)
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=60_000) as ended:
        window.action_train.trigger()
    failed = ended.args[0]
    assert isinstance(failed, Failed) and failed.reason.id == "runs.disk_full" and failed.details == ""
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox, "errorBox")), timeout=5_000)
    box = next(b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible())
    assert box.windowTitle() == "Training failed"
    assert "the disk is full" in box.text() and "config.json" in box.text() and "Free some space" in box.text()
    assert not box.detailedText()  # a user error: no traceback
    box.close()
    assert window.action_train.isEnabled()
