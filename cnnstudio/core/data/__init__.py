"""Datasets: folder layouts and checked scans, splits, the decoded-image cache, subsets and copies, the demo set, augmentation."""

from __future__ import annotations

from .augment import (
    AUGMENT_PRESETS,
    FILL_MODES,
    AugmentSpec,
    augment_batch,
    preset_name,
    preview,
)
from .dataset import (
    LAYOUTS,
    SPLITS,
    ImageDataset,
    SkippedFile,
    clear_cache,
    copy_into_class,
    demo_dataset,
    display_image,
    files_digest,
    gallery_items,
    image_size_text,
    load_split,
    make_subset,
    open_folder,
    run_to_end,
    scan_folder,
    thumbnail_job,
)
from .demo import (
    DEMO_CLASSES,
    DEMO_SPLITS,
    generate_demo_split,
)

__all__ = [
    "DEMO_CLASSES",
    "DEMO_SPLITS",
    "generate_demo_split",
    "SPLITS",
    "LAYOUTS",
    "SkippedFile",
    "ImageDataset",
    "demo_dataset",
    "scan_folder",
    "open_folder",
    "load_split",
    "make_subset",
    "clear_cache",
    "run_to_end",
    "files_digest",
    "copy_into_class",
    "image_size_text",
    "gallery_items",
    "display_image",
    "thumbnail_job",
    "AUGMENT_PRESETS",
    "FILL_MODES",
    "AugmentSpec",
    "augment_batch",
    "preset_name",
    "preview",
]
