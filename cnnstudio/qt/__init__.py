"""The desktop app: PySide6 + pyqtgraph views over `cnnstudio.core`. No tensor math here."""
