"""cnnstudio: a desktop studio for convnets on small image datasets."""

__version__ = "0.1.0"
