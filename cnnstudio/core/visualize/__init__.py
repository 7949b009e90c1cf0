"""Looking inside a convnet: activations, filter patterns, class activation heatmaps, convolution explained.

`subject` gives one `Subject` for a run's model or a pretrained backbone; `layers` lists its layers
and catches their outputs with hooks that are always removed; `colormaps` colours maps with numpy;
`activations` runs one image through the network and draws the book's grids (5.4.1).
"""

from .activations import (
    ACTIVATION_CACHE,
    Activations,
    Overview,
    activation_grid,
    activations,
    blank_channels,
    blank_shares,
    image_identity,
    overview,
)
from .colormaps import COLORMAPS, DEFAULT_COLORMAP, apply_colormap, colormap_lut, overlay
from .layers import (
    LayerError,
    LayerInfo,
    capture,
    conv_layers,
    default_heatmap_layer,
    find_layer,
    is_conv,
    is_pool,
    layer_kind,
    list_layers,
)
from .subject import (
    ImagenetNetwork,
    Subject,
    cached_subject,
    open_subject,
    resize_map,
    subject_from_backbone,
    subject_from_run,
)

__all__ = [
    "COLORMAPS",
    "DEFAULT_COLORMAP",
    "apply_colormap",
    "colormap_lut",
    "overlay",
    "LayerError",
    "LayerInfo",
    "capture",
    "conv_layers",
    "default_heatmap_layer",
    "find_layer",
    "is_conv",
    "is_pool",
    "layer_kind",
    "list_layers",
    "ImagenetNetwork",
    "Subject",
    "cached_subject",
    "open_subject",
    "resize_map",
    "subject_from_backbone",
    "subject_from_run",
    "ACTIVATION_CACHE",
    "Activations",
    "Overview",
    "activation_grid",
    "activations",
    "blank_channels",
    "blank_shares",
    "image_identity",
    "overview",
]
