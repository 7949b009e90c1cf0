"""Help → About cnnstudio: what it is, the versions it runs on, and the licences of what it bundles.

Everything is read at run time (`core.environment`), so the box says what is really installed.
"""

from __future__ import annotations

from html import escape

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.environment import (
    Environment,
    gather_environment,
    project_licence,
    sample_licences,
    weights_licence,
)
from ..resources import app_icon

__all__ = ["AboutDialog", "qt_rows"]


def qt_rows() -> tuple[tuple[str, str], ...]:
    """What the engine cannot know: the Qt the window runs on."""
    rows = [("Qt", qVersion()), ("PySide6 (running)", PySide6.__version__)]
    if QGuiApplication.instance() is not None:
        rows.append(("Qt platform", QGuiApplication.platformName()))
    return tuple(rows)


def _para(text: str, html_after: str = "") -> str:
    return f"<p>{escape(text)}{html_after}</p>"


def _item(text: str, html_after: str = "") -> str:
    return f"<li style='margin-bottom:6px'>{escape(text)}{html_after}</li>"


class AboutDialog(QDialog):
    """The version and a sentence, then versions, devices and licences in a scrolling page."""

    def __init__(self, parent: QWidget | None = None, environment: Environment | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About cnnstudio"))
        self.environment = environment or gather_environment()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(icon)
        self.heading = QLabel(self)
        self.heading.setObjectName("aboutHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setText(
            f"<h2 style='margin:0'>cnnstudio {escape(self.environment.version)}</h2>"
            + _para(
                self.tr(
                    "A desktop studio for learning convnets on small image datasets, after chapter 5 of "
                    "Deep Learning with Python: train a network from scratch with data augmentation, reuse "
                    "a pretrained one, and look inside at activations, filters and heatmaps."
                )
            )
        )
        top.addWidget(self.heading, 1)
        layout.addLayout(top)
        self.details = QTextBrowser(self)
        self.details.setObjectName("aboutDetails")
        self.details.setOpenExternalLinks(True)
        self.details.setHtml(self.details_html())
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 640)

    def details_html(self) -> str:
        env = self.environment
        not_installed = self.tr("not installed")

        def table(rows) -> str:
            cells = "".join(f"<tr><td width='190'>{escape(a)}</td><td>{escape(b)}</td></tr>" for a, b in rows)
            return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"

        def version(label: str) -> str:
            return env.package(label) or not_installed

        versions = [(name, version(name)) for name in ("torch", "torchvision", "PySide6", "pyqtgraph")]
        versions += [
            ("Qt", qVersion()),
            ("Python", env.python),
            ("numpy", version("numpy")),
            ("Pillow", version("Pillow")),
        ]
        machine = [
            (self.tr("Devices"), ", ".join(env.devices)),
            (self.tr("CPU"), env.cpu),
            (self.tr("Cores / PyTorch threads"), f"{env.cores} / {env.threads}"),
            (self.tr("System"), env.os),
        ]
        parts = [
            f"<h3>{escape(self.tr('Versions'))}</h3>",
            table(versions),
            f"<h3>{escape(self.tr('This computer'))}</h3>",
            table(machine),
            f"<h3>{escape(self.tr('Licences'))}</h3>",
        ]
        items = [_item(self.tr("cnnstudio: {0} licence.").format(project_licence()))]
        weights = weights_licence()
        if weights is None:
            items.append(_item(self.tr("The offline ImageNet weights (EfficientNet-Lite0) are not installed.")))
        else:
            text = self.tr("ImageNet weights of EfficientNet-Lite0, from the package {0} {1} by {2}: {3}.")
            link = (
                f"<br><a href='{escape(weights.home_page)}'>{escape(weights.home_page)}</a>"
                if weights.home_page
                else ""
            )
            items.append(
                _item(text.format(weights.package, weights.version, weights.author or "?", weights.licence), link)
            )
        for sample in sample_licences():
            text = self.tr("Sample photo {0} ({1}): {2}.")
            items.append(_item(text.format(sample.file, sample.what, sample.source_and_licence)))
        parts.append(f"<ul style='margin-left:-24px'>{''.join(items)}</ul>")
        return "".join(parts)
