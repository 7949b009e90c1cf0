"""Looking inside a convnet: activations, filter patterns, class activation heatmaps, convolution explained.

`subject` gives one `Subject` for a run's model or a pretrained backbone; `layers` lists its layers
and catches their outputs with hooks that are always removed; `colormaps` colours maps with numpy.
"""

from .cam import GRADIENT_METHODS, METHODS, Faithfulness, faithfulness, score_cam_batch_size
from .colormaps import COLORMAPS, DEFAULT_COLORMAP, apply_colormap, colormap_lut, overlay
from .heatmaps import (
    ClassScore,
    HeatmapError,
    HeatmapResult,
    heatmap,
    heatmap_folder,
    image_files,
    overlay_image,
    resolve_class,
    save_map,
    save_overlay,
)
from .layers import (
    LayerError,
    LayerInfo,
    capture,
    conv_layers,
    default_heatmap_layer,
    find_layer,
    is_conv,
    is_pool,
    list_layers,
)
from .subject import ImagenetNetwork, Subject, open_subject, resize_map, subject_from_backbone, subject_from_run

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
    "list_layers",
    "ImagenetNetwork",
    "Subject",
    "open_subject",
    "resize_map",
    "subject_from_backbone",
    "subject_from_run",
    "GRADIENT_METHODS",
    "METHODS",
    "score_cam_batch_size",
    "faithfulness",
    "ClassScore",
    "Faithfulness",
    "HeatmapError",
    "HeatmapResult",
    "heatmap",
    "heatmap_folder",
    "image_files",
    "overlay_image",
    "resolve_class",
    "save_map",
    "save_overlay",
]
