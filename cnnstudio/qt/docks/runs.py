"""The Runs dock: every run in the workspace folder, to rename, delete, open, load, continue and compare.

The list is read in a background job (`core.runs.list_details`: each run's config, status and history)
when the runs folder changes, when a run starts or ends (the window calls `refresh`), when the dock
comes into view, and on Refresh. Selecting runs overlays their curves and fills the comparison table
(`run_compare.RunComparison`): the chapter's ladder — scratch, augmentation, feature extraction,
fine-tuning — in one view.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import UserError
from ...core.events import Failed, Finished
from ...core.jobs import call_job
from ...core.runs import BEST, RunDetails, delete_run, list_details, rename_run
from ..texts import tr_message
from ..widgets.dock import Dock
from ..widgets.files import show_folder
from ..widgets.forms import wrapped_label
from ..workers import JobRunner
from .run_compare import RunComparison
from .run_table import RunsModel

__all__ = ["RunsDock"]

_CONTINUABLE = ("stopped", "finished", "interrupted")
_Role = Qt.ItemDataRole


class RunsDock(Dock):
    """The workspace's runs. `load_requested(run_dir)`: make that run the app's model (Classify and the
    look-inside docks); `continue_requested(run_dir)`: train a stopped, finished or interrupted run further."""

    load_requested = Signal(str)
    continue_requested = Signal(str)
    run_renamed = Signal(str, str)  # old folder, new folder
    run_deleted = Signal(str)  # the folder deleted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Runs"), "runsDock", parent)  # scrolls when short
        self._root = ""
        self._keep_selected: set[str] = set()
        self.lister = JobRunner(self)
        self.lister.job_ended.connect(self._on_listed)

        self.root_label = wrapped_label(self.body, "runsRootLabel")
        self.refresh_button = QToolButton(self.body)
        top = QHBoxLayout()
        top.addWidget(self.root_label, 1)
        top.addWidget(self.refresh_button)
        self.column.addLayout(top)
        self.empty_label = wrapped_label(self.body, "runsEmptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(self.empty_label)

        self.model = RunsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(_Role.UserRole)
        self.table = QTableView(self.body)
        self.table.setObjectName("runsTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # as listed: newest first
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        row_height = self.table.fontMetrics().height() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.setMinimumHeight(6 * row_height)  # the header and five runs
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.doubleClicked.connect(lambda _index: self.load_selected())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self._create_actions()
        buttons = QHBoxLayout()
        for action in (
            self.action_load,
            self.action_continue,
            self.action_rename,
            self.action_delete,
            self.action_open,
        ):
            button = QToolButton(self.body)
            button.setDefaultAction(action)
            button.setObjectName(action.objectName().replace("action", "button", 1))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.refresh_button.setDefaultAction(self.action_refresh)
        self.compare_hint = wrapped_label(
            self.body, "runsCompareHint", self.tr("Select runs to compare their curves (Ctrl+click adds a run).")
        )

        upper = QWidget(self.body)
        upper_column = QVBoxLayout(upper)
        upper_column.setContentsMargins(0, 0, 0, 0)
        upper_column.addWidget(self.table, 1)
        upper_column.addLayout(buttons)
        upper_column.addWidget(self.compare_hint)
        self.comparison = RunComparison(self.body)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self.body)
        self.splitter.setObjectName("runsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.comparison)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([200, 600])  # the list its five rows, the comparison the rest
        self.column.addWidget(self.splitter, 1)
        self._show_listing()
        self._update_actions()

    def _create_actions(self) -> None:
        def action(name: str, text: str, slot, tip: str, keys: tuple = ()) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            act.setToolTip(tip)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.table.addAction(act)
            return act

        self.action_load = action(
            "actionLoadRun",
            self.tr("Load"),
            self.load_selected,
            self.tr("Use this run's model and weights in Classify and the look-inside docks"),
        )
        self.action_continue = action(
            "actionContinueRun",
            self.tr("Continue…"),
            self.continue_selected,
            self.tr("Train this stopped, finished or interrupted run for more epochs"),
        )
        self.action_rename = action(
            "actionRenameRun",
            self.tr("Rename…"),
            self.rename_selected,
            self.tr("Rename the run's folder (F2)"),
            ("F2",),
        )
        self.action_delete = action(
            "actionDeleteRun",
            self.tr("Delete…"),
            self.delete_selected,
            self.tr("Delete the selected runs' folders from the disk, after asking (Delete)"),
            (QKeySequence.StandardKey.Delete,),
        )
        self.action_open = action(
            "actionOpenRunFolder",
            self.tr("Open folder"),
            self.open_selected_folder,
            self.tr("Show the run's folder in the file manager"),
        )
        self.action_refresh = action(
            "actionRefreshRuns", self.tr("Refresh"), self.refresh, self.tr("Read the runs folder again")
        )

    # ---- the list --------------------------------------------------------------------------
    @property
    def root(self) -> str:
        return self._root

    def set_root(self, root: str) -> None:
        """Show the runs under `root` (read in the background)."""
        if str(root) != self._root:
            self._root = str(root)
            self._keep_selected.clear()
            self.refresh()

    def refresh(self) -> None:
        """Read the runs folder again; the selection is kept for runs still there."""
        if not self._root:
            return
        self._keep_selected |= {run.run_dir for run in self.selected_runs()}
        root = self._root
        self.lister.start(lambda: call_job(list_details, root), "list-runs", supersede=True)

    def on_screen(self) -> None:
        self.refresh()

    def compare(self, run_dirs: list[str]) -> None:
        """Bring the dock forward with exactly these runs selected (their curves overlaid), once listed anew."""
        self.table.clearSelection()
        self._keep_selected = {str(d) for d in run_dirs}
        self.refresh()
        self.show()
        self.raise_()

    @property
    def runs(self) -> list[RunDetails]:
        return self.model.runs

    def _on_listed(self, event: object) -> None:
        if isinstance(event, Finished):
            self.model.set_runs(event.result)
            self._fit_columns()
            self.select_runs(self._keep_selected)
            self._keep_selected.clear()
        elif isinstance(event, Failed):
            self.root_label.setText(tr_message(event.reason))
            return
        self._show_listing()

    def _fit_columns(self) -> None:
        """Columns as wide as their contents, but a long name or model elides rather than push the rest away."""
        self.table.resizeColumnsToContents()
        em = self.table.fontMetrics().averageCharWidth()
        for column in range(self.model.columnCount()):
            widest = 30 * em if column == RunsModel.NAME else 18 * em
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))

    def _show_listing(self) -> None:
        count = self.model.rowCount()
        if self._root:
            self.root_label.setText(self.tr("Runs folder: {0}").format(self._root))
        self.root_label.setToolTip(self._root)
        self.empty_label.setText(
            self.tr(
                "No runs yet. Press Train: each training run is kept in its own folder here, to compare, load or "
                "continue later."
            )
        )
        self.empty_label.setVisible(count == 0)
        self.splitter.setVisible(count > 0)

    # ---- selection -------------------------------------------------------------------------
    def selected_runs(self) -> list[RunDetails]:
        """The selected runs in the table's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.run(self.proxy.mapToSource(self.proxy.index(row, 0)).row()) for row in rows]

    def select_runs(self, run_dirs: set[str] | list[str]) -> None:
        """Select the listed runs whose folder is in `run_dirs` (and only those)."""
        wanted = {str(Path(d)) for d in run_dirs}
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for row, run in enumerate(self.model.runs):
            if str(Path(run.run_dir)) in wanted:
                selection.select(self.proxy.mapFromSource(self.model.index(row, 0)), flags)
        self._on_selection_changed()

    def _on_selection_changed(self, *_args: object) -> None:
        selected = self.selected_runs()
        self.comparison.show_runs([run for run in selected if len(run.curves)])
        self.compare_hint.setVisible(len(selected) < 2)
        self._update_actions()

    def _update_actions(self) -> None:
        selected = self.selected_runs()
        one = selected[0] if len(selected) == 1 else None
        idle = bool(selected) and all(run.entry.status != "running" for run in selected)
        status = one.entry.status if one else ""
        has_weights = one is not None and status not in ("running", "unreadable") and Path(one.run_dir, BEST).is_file()
        self.action_load.setEnabled(has_weights)
        self.action_continue.setEnabled(status in _CONTINUABLE)
        self.action_rename.setEnabled(one is not None and idle)
        self.action_delete.setEnabled(idle)
        self.action_open.setEnabled(one is not None)

    # ---- actions -----------------------------------------------------------------------------
    def load_selected(self) -> None:
        selected = self.selected_runs()
        if len(selected) == 1 and self.action_load.isEnabled():
            self.load_requested.emit(selected[0].run_dir)

    def continue_selected(self) -> None:
        selected = self.selected_runs()
        if len(selected) == 1 and self.action_continue.isEnabled():
            self.continue_requested.emit(selected[0].run_dir)

    def open_selected_folder(self) -> None:
        selected = self.selected_runs()
        if len(selected) == 1:
            show_folder(self, selected[0].run_dir)

    def rename_selected(self) -> None:
        """Ask for a new name for the selected run and rename its folder; a refusal is explained."""
        selected = self.selected_runs()
        if len(selected) != 1 or not self.action_rename.isEnabled():
            return
        run = selected[0]
        name, accepted = QInputDialog.getText(
            self,
            self.tr("Rename run"),
            self.tr("New name for the run “{0}”:").format(run.entry.name),
            text=run.entry.name,
        )
        if not accepted or name.strip() == run.entry.name:
            return
        try:
            renamed = rename_run(run.run_dir, name)
        except UserError as exc:
            self._warn(self.tr("Cannot rename the run"), tr_message(exc.message))
            return
        self._keep_selected = {str(renamed)}
        self.run_renamed.emit(run.run_dir, str(renamed))
        self.refresh()

    def delete_selected(self) -> None:
        """Delete the selected runs' folders after the user confirms; a refusal is explained."""
        selected = self.selected_runs()
        if not selected or not self.action_delete.isEnabled():
            return
        if len(selected) == 1:
            run = selected[0]
            title = self.tr("Delete run?")
            text = self.tr("Delete the run “{0}”?\n\nIts folder {1} and everything in it are deleted from the disk.")
            text = text.format(run.entry.name, run.run_dir)
        else:
            title = self.tr("Delete {0} runs?").format(len(selected))
            text = self.tr(
                "Delete these runs?\n\n{0}\n\nTheir folders and everything in them are deleted from the disk."
            )
            text = text.format("\n".join(run.entry.name for run in selected))
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        if (
            QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.No)
            != QMessageBox.StandardButton.Yes
        ):
            return
        problems = []
        for run in selected:
            try:
                delete_run(run.run_dir)
            except UserError as exc:
                problems.append(tr_message(exc.message))
            else:
                self.run_deleted.emit(run.run_dir)
        if problems:
            self._warn(self.tr("Cannot delete the run"), "\n\n".join(problems))
        self.table.clearSelection()
        self.refresh()

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("runsMessage")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the window keeps running (and tests are never blocked)
