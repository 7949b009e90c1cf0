"""The Dataset dock: which dataset is loaded, its classes and how many images each split has."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.data import SPLITS, ImageDataset
from ..core.events import Progress

__all__ = ["DatasetDock"]


class DatasetDock(QDockWidget):
    open_folder_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Dataset"), parent)
        self.setObjectName("datasetDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)

        self.title = QLabel(body)
        self.title.setObjectName("datasetTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.details = QLabel(body)
        self.details.setObjectName("datasetDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open folder…"), body)
        self.open_button.setObjectName("openDatasetButton")
        self.open_button.setToolTip(self.tr("Open a folder with one sub-folder of images per class, or train/ and validation/ folders"))
        self.demo_button = QPushButton(self.tr("Use demo"), body)
        self.demo_button.setObjectName("demoDatasetButton")
        self.demo_button.setToolTip(self.tr("The built-in dataset of coloured shapes, generated on the fly"))
        self.open_button.clicked.connect(self.open_folder_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)

        self.progress = QProgressBar(body)
        self.progress.setObjectName("scanProgress")
        self.progress.setVisible(False)

        self.table = QTreeWidget(body)
        self.table.setObjectName("classTable")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setHeaderLabels([self.tr("Class"), self.tr("Train"), self.tr("Validation"), self.tr("Test")])
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

        self.skipped = QLabel(body)
        self.skipped.setObjectName("skippedLabel")
        self.skipped.setWordWrap(True)
        self.skipped.setStyleSheet("color: #a15c00;")

        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.skipped)
        self.setWidget(body)

    def show_dataset(self, dataset: ImageDataset) -> None:
        counts = dataset.counts()
        if dataset.is_demo:
            self.title.setText(self.tr("Built-in demo: coloured shapes"))
            self.details.setText(self.tr(
                "Generated on the fly. Validation and test images vary more in position, rotation and size "
                "than the training images, so overfitting shows in the curves."
            ))
        else:
            layout = {"split-folders": self.tr("train / validation folders"),
                      "class-folders": self.tr("one folder per class, {0:.0%} held out for validation").format(dataset.val_fraction)}
            self.title.setText(dataset.name)
            self.details.setText(f"{dataset.source}\n{layout.get(dataset.layout, dataset.layout)}")
        self.table.clear()
        totals = [0, 0, 0]
        for name in dataset.class_names:
            values = [counts.get(split, {}).get(name, 0) for split in SPLITS]
            totals = [a + b for a, b in zip(totals, values)]
            item = QTreeWidgetItem([name, *(str(v) for v in values)])
            for column in (1, 2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        total = QTreeWidgetItem([self.tr("All {0} classes").format(len(dataset.class_names)), *(str(v) for v in totals)])
        font = total.font(0)
        font.setBold(True)
        for column in range(4):
            total.setFont(column, font)
            if column:
                total.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.addTopLevelItem(total)
        if dataset.skipped:
            self.skipped.setText(self.tr("{0} file(s) could not be read and are left out.").format(len(dataset.skipped)))
            self.skipped.setToolTip("\n".join(f"{s.path}: {s.reason}" for s in dataset.skipped[:50]))
            self.skipped.setVisible(True)
        else:
            self.skipped.setVisible(False)

    def set_scanning(self, scanning: bool) -> None:
        self.progress.setVisible(scanning)
        self.progress.setRange(0, 0)
        self.open_button.setEnabled(not scanning)
        self.demo_button.setEnabled(not scanning)

    def show_progress(self, event: Progress) -> None:
        self.progress.setRange(0, max(event.total, 1))
        self.progress.setValue(event.done)
        self.progress.setFormat(self.tr("Checking images %v / %m"))
