"""Looking inside a convnet: activations, filter patterns, class activation heatmaps, convolution explained.

`subject` gives one `Subject` for a run's model or a pretrained backbone; `layers` lists its layers
and catches their outputs with hooks that are always removed; `colormaps` colours maps with numpy.
"""

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
    TransferNetwork,
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
    "TransferNetwork",
    "Subject",
    "cached_subject",
    "open_subject",
    "resize_map",
    "subject_from_backbone",
    "subject_from_run",
]
from .filters import (  # noqa: E402
    FILTER_CACHE,
    FILTER_MODES,
    FilterPatterns,
    PatternFrame,
    book_deprocess,
    filter_patterns,
    layer_filter_count,
)
from .patches import PATCH_RANKING_CACHE, ReceptiveField, TopPatches, first_layer_kernels, receptive_field, top_patches  # noqa: E402

__all__ += [
    "FILTER_CACHE",
    "FILTER_MODES",
    "FilterPatterns",
    "PatternFrame",
    "book_deprocess",
    "filter_patterns",
    "layer_filter_count",
    "PATCH_RANKING_CACHE",
    "ReceptiveField",
    "TopPatches",
    "first_layer_kernels",
    "receptive_field",
    "top_patches",
]
