"""The Dataset dock: what is loaded, how it is split, class balance, image sizes, what was skipped."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...core.data import SPLITS, ImageDataset, image_size_text
from ...core.events import Progress
from ..texts import tr_message
from ..widgets.dock import Dock
from ..widgets.forms import push_button, seed_spin, wrapped_label

__all__ = ["DatasetDock", "IMBALANCE_WARNING"]

IMBALANCE_WARNING = 1.5  # largest / smallest training class above this: warn
_SPLIT_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c")


class DatasetDock(Dock):
    open_folder_requested = Signal()
    demo_requested = Signal()
    subset_requested = Signal()
    split_changed = Signal(float, float, int)  # validation fraction, test fraction, seed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Dataset"), "datasetDock", parent)
        body = self.body

        self.title = wrapped_label(body, "datasetTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.details = wrapped_label(body, "datasetDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        self.open_button = push_button(body, "openDatasetButton", self.tr("Open folder…"), self.open_folder_requested)
        self.open_button.setToolTip(
            self.tr(
                "Open a folder of images: one sub-folder per class, train/ and validation/ "
                "folders, or files named by class (cat.1.jpg). You can also drop a folder on the window."
            )
        )
        self.demo_button = push_button(body, "demoDatasetButton", self.tr("Use demo"), self.demo_requested)
        self.demo_button.setToolTip(self.tr("The built-in dataset of coloured shapes, generated on the fly"))
        self.subset_button = push_button(body, "makeSubsetButton", self.tr("Make subset…"), self.subset_requested)
        self.subset_button.setToolTip(
            self.tr("Copy N images per class and split into a new folder (the source is not changed)")
        )
        for button in (self.open_button, self.demo_button, self.subset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.progress = QProgressBar(body)
        self.progress.setObjectName("scanProgress")
        self.progress.setVisible(False)

        split_form = QFormLayout()
        split_row = QHBoxLayout()
        self.val_percent = QDoubleSpinBox(body)
        self.val_percent.setObjectName("valPercentSpin")
        self.test_percent = QDoubleSpinBox(body)
        self.test_percent.setObjectName("testPercentSpin")
        for spin in (self.val_percent, self.test_percent):
            spin.setRange(0, 90)
            spin.setDecimals(0)
            spin.setSuffix(" %")
        self.split_seed = seed_spin(body, "splitSeedSpin")
        split_row.addWidget(QLabel(self.tr("validation"), body))
        split_row.addWidget(self.val_percent)
        split_row.addWidget(QLabel(self.tr("test"), body))
        split_row.addWidget(self.test_percent)
        split_row.addWidget(QLabel(self.tr("seed"), body))
        split_row.addWidget(self.split_seed)
        split_row.addStretch(1)
        self.split_label = QLabel(self.tr("Split:"), body)
        split_form.addRow(self.split_label, split_row)
        self._split_widgets = (self.val_percent, self.test_percent, self.split_seed)
        for spin in self._split_widgets:
            spin.valueChanged.connect(self._on_split_edited)

        self.tabs = QTabWidget(body)
        self.tabs.setObjectName("datasetTabs")
        self.table = QTreeWidget(self.tabs)
        self.table.setObjectName("classTable")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setHeaderLabels([self.tr("Class"), self.tr("Train"), self.tr("Validation"), self.tr("Test")])
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

        self.chart = pg.PlotWidget(self.tabs, background="w")
        self.chart.setObjectName("classChart")
        self.chart.setMinimumHeight(170)  # bars and legend stay readable; the dock scrolls instead of squeezing it
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.hideButtons()
        self.chart.setLabel("left", self.tr("images"))
        self.chart.addLegend(offset=(-10, 5), colCount=3)  # one row: it covers fewer bars
        self.chart.showGrid(y=True, alpha=0.25)
        self._bars = []
        for colour, name in zip(
            _SPLIT_COLOURS, (self.tr("train"), self.tr("validation"), self.tr("test")), strict=True
        ):
            bars = pg.BarGraphItem(x=[], height=[], width=0.27, brush=colour, pen=pg.mkPen(colour), name=name)
            self.chart.addItem(bars)
            self._bars.append(bars)

        self.skipped_list = QTreeWidget(self.tabs)
        self.skipped_list.setObjectName("skippedList")
        self.skipped_list.setRootIsDecorated(False)
        self.skipped_list.setHeaderLabels([self.tr("File"), self.tr("Reason")])
        self.skipped_list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.skipped_list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.skipped_list.header().setStretchLastSection(False)

        self.tabs.addTab(self.table, self.tr("Classes"))
        self.tabs.addTab(self.chart, self.tr("Chart"))
        self.tabs.addTab(self.skipped_list, self.tr("Skipped"))

        self.warning = wrapped_label(body, "datasetWarning")
        self.warning.setStyleSheet("color: #a15c00;")

        layout = self.column
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addLayout(split_form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.warning)

        self._can_resplit = self._can_subset = False

    def _on_split_edited(self) -> None:
        self.split_changed.emit(
            self.val_percent.value() / 100, self.test_percent.value() / 100, self.split_seed.value()
        )

    def show_dataset(self, dataset: ImageDataset) -> None:
        counts = dataset.counts()
        layouts = {
            "demo": self.tr(
                "Generated on the fly. Validation and test images vary more in position, rotation and size "
                "than the training images, so overfitting shows in the curves."
            ),
            "split-folders": self.tr("Layout: train / validation / test folders, one folder per class in each"),
            "class-folders": self.tr("Layout: one folder per class, split with the ratios below"),
            "flat-prefix": self.tr("Layout: one folder, the class is the file-name prefix (cat.1.jpg)"),
        }
        self.title.setText(self.tr("Built-in demo: coloured shapes") if dataset.is_demo else dataset.name)
        lines = [] if dataset.is_demo else [dataset.source]
        lines.append(layouts.get(dataset.layout, dataset.layout))
        sizes = image_size_text(dataset.image_sizes)
        if sizes:
            lines.append(self.tr("Image size: {0}").format(sizes))
        self.details.setText("\n".join(lines))

        for widget in self._split_widgets:
            widget.blockSignals(True)
        self.val_percent.setValue(round(dataset.val_fraction * 100))
        self.test_percent.setValue(round(dataset.test_fraction * 100))
        self.split_seed.setValue(dataset.seed)
        self._can_resplit, self._can_subset = dataset.can_resplit, not dataset.is_demo
        for widget in self._split_widgets:
            widget.blockSignals(False)
            widget.setEnabled(dataset.can_resplit)
        tip = "" if dataset.can_resplit else self.tr("The split is fixed by the dataset's own folders.")
        for widget in (*self._split_widgets, self.split_label):
            widget.setToolTip(tip)
        self.subset_button.setEnabled(self._can_subset)

        self.table.clear()
        totals = [0, 0, 0]
        for name in dataset.class_names:
            values = [counts.get(split, {}).get(name, 0) for split in SPLITS]
            totals = [a + b for a, b in zip(totals, values, strict=True)]
            item = QTreeWidgetItem([name, *(str(v) for v in values)])
            for column in (1, 2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        total = QTreeWidgetItem(
            [self.tr("All {0} classes").format(len(dataset.class_names)), *(str(v) for v in totals)]
        )
        font = total.font(0)
        font.setBold(True)
        for column in range(4):
            total.setFont(column, font)
            if column:
                total.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.addTopLevelItem(total)

        x = np.arange(len(dataset.class_names), dtype=float)
        for offset, split, bars in zip((-0.28, 0.0, 0.28), SPLITS, self._bars, strict=True):
            heights = [counts.get(split, {}).get(name, 0) for name in dataset.class_names]
            bars.setOpts(x=x + offset, height=heights)
        self.chart.getAxis("bottom").setTicks([[(i, name) for i, name in enumerate(dataset.class_names)]])
        self.chart.enableAutoRange()

        self.skipped_list.clear()
        for skipped in dataset.skipped:
            item = QTreeWidgetItem([skipped.path, tr_message(skipped.reason)])
            item.setToolTip(0, skipped.path)
            self.skipped_list.addTopLevelItem(item)
        self.tabs.setTabText(2, self.tr("Skipped ({0})").format(len(dataset.skipped)))

        warnings = []
        if dataset.skipped:
            warnings.append(
                self.tr("{0} file(s) could not be used and are left out (see Skipped).").format(len(dataset.skipped))
            )
        if dataset.empty_classes:
            warnings.append(
                self.tr("Class folders without usable images, left out: {0}.").format(", ".join(dataset.empty_classes))
            )
        ratio = dataset.imbalance()
        if ratio > IMBALANCE_WARNING:
            warnings.append(
                self.tr(
                    "The classes are imbalanced: the largest has {0:.1f}× the images of the smallest. "
                    "Accuracy can look good while the small classes are missed."
                ).format(ratio)
            )
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))

    def set_scanning(self, scanning: bool) -> None:
        self.progress.setVisible(scanning)
        self.progress.setRange(0, 0)

    def set_locked(self, locked: bool) -> None:
        """While training or scanning, the dataset cannot change (its lists stay readable)."""
        self.open_button.setEnabled(not locked)
        self.demo_button.setEnabled(not locked)
        self.subset_button.setEnabled(not locked and self._can_subset)
        for widget in self._split_widgets:
            widget.setEnabled(not locked and self._can_resplit)

    def show_progress(self, event: Progress) -> None:
        self.progress.setRange(0, max(event.total, 1))
        self.progress.setValue(event.done)
        self.progress.setFormat(tr_message(event.message) + " %v / %m")
