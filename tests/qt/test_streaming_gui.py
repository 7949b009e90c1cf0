"""A run from the window whose images exceed the memory budget streams them through worker processes
(started by a fork server, never forked from the threaded GUI process) and leaves no process behind."""

from __future__ import annotations

import multiprocessing

from cnnstudio.core.events import Finished
from tests.helpers import make_stripes_folder


def test_a_run_from_the_window_streams_when_the_images_exceed_the_budget(window, qtbot, tmp_path):
    root = make_stripes_folder(tmp_path / "stripes", per_class=8)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    # At 256 px a decoded image takes 192 KB: the training split needs over 2 MB, the budget is 1 MB.
    window.session.update_config(model="seed-separable", image_size=256, batch_size=8, epochs=1)
    dock = window.training_dock
    dock.runs_root_changed.emit(str(tmp_path / "runs"))
    dock.threads.setValue(1)
    dock.cache_mb.setValue(1)
    assert window.session.config.cache_mb == 1
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=60_000) as ended:
        window.action_train.trigger()
    assert isinstance(ended.args[0], Finished), ended.args[0]
    assert "Streaming the train images from disk" in window.log_dock.text()
    assert not multiprocessing.active_children()
