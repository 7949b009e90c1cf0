"""Models built from plain specs: Keras-style layers, presets and custom stacks, shape checks, the summary with receptive fields."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy_imports import lazy_exports

if TYPE_CHECKING:  # what checkers see; at run time each name's module is imported on first use
    from .build import SequentialModel, build_model
    from .layers import (
        AveragePooling2D,
        BatchNormalization,
        Conv2D,
        Dense,
        Dropout,
        Flatten,
        GlobalAveragePooling2D,
        MaxPooling2D,
        SeparableConv2d,
        StochasticDepth,
        build_fresh,
        drop_path,
        initialize_,
        keras_init_,
        same_padding,
        use_generator,
    )
    from .outputs import (
        class_probabilities,
        output_activation,
        output_units,
    )
    from .spec import (
        ACTIVATIONS,
        CUSTOM,
        LAYER_TYPES,
        PRESETS,
        LayerShape,
        ModelSpec,
        check_spec,
        head_layer,
        preset_layers,
        preset_spec,
    )
    from .summary import (
        LayerRow,
        ModelSummary,
        format_summary,
        keras_shape,
        summarize,
        summarize_backbone,
        summarize_spec,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        ".layers": (
            "AveragePooling2D BatchNormalization Conv2D Dense Dropout Flatten "
            "GlobalAveragePooling2D MaxPooling2D SeparableConv2d StochasticDepth build_fresh drop_path "
            "initialize_ keras_init_ same_padding use_generator"
        ),
        ".build": "SequentialModel build_model",
        ".outputs": "class_probabilities output_activation output_units",
        ".spec": (
            "ACTIVATIONS CUSTOM LAYER_TYPES PRESETS LayerShape ModelSpec check_spec head_layer preset_layers preset_spec"
        ),
        ".summary": ("LayerRow ModelSummary format_summary keras_shape summarize summarize_backbone summarize_spec"),
    },
)

__all__ = [
    "ACTIVATIONS",
    "AveragePooling2D",
    "BatchNormalization",
    "build_fresh",
    "drop_path",
    "initialize_",
    "use_generator",
    "build_model",
    "check_spec",
    "class_probabilities",
    "Conv2D",
    "CUSTOM",
    "Dense",
    "Dropout",
    "Flatten",
    "format_summary",
    "GlobalAveragePooling2D",
    "head_layer",
    "keras_init_",
    "keras_shape",
    "LAYER_TYPES",
    "LayerRow",
    "LayerShape",
    "MaxPooling2D",
    "ModelSpec",
    "ModelSummary",
    "output_activation",
    "output_units",
    "preset_layers",
    "preset_spec",
    "PRESETS",
    "same_padding",
    "SeparableConv2d",
    "StochasticDepth",
    "SequentialModel",
    "summarize",
    "summarize_backbone",
    "summarize_spec",
]
