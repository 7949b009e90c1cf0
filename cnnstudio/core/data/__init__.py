"""Datasets: the model, checked scans of folders, loading and caches, file copies, display, the demo set, augmentation.

Modules: `dataset` (ImageDataset, SkippedFile, SPLITS, layouts, the stratified split), `scan` (layouts
and checked scans), `loading` (load_split, files_digest, the "splits" and "demo" caches), `streaming`
(splits larger than memory, decoded batch by batch in worker processes), `files` (subsets and copies
into a class), `gallery` (keys, display images, the thumbnail job), `demo` (the
built-in synthetic set), `augment` (the spec, presets, augment_batch, preview) and `augment_ops` (its
batched tensor operations).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy_imports import lazy_exports

if TYPE_CHECKING:  # what checkers see; at run time each name's module is imported on first use
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
        demo_dataset,
        image_size_message,
        image_size_text,
    )
    from .demo import (
        DEMO_CLASSES,
        DEMO_SPLITS,
        generate_demo_split,
    )
    from .files import check_new_folder, copy_into_class, make_subset, subset_counts
    from .gallery import DEMO_PREFIX, display_image, gallery_items, thumbnail_job
    from .loading import DEMO_CACHE, SPLIT_CACHE, clear_cache, files_digest, load_split
    from .scan import open_folder, run_to_end, scan_folder

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        ".augment": "AUGMENT_PRESETS FILL_MODES AugmentSpec augment_batch preset_name preview",
        ".dataset": "LAYOUTS SPLITS ImageDataset SkippedFile demo_dataset image_size_message image_size_text",
        ".demo": "DEMO_CLASSES DEMO_SPLITS generate_demo_split",
        ".files": "check_new_folder copy_into_class make_subset subset_counts",
        ".gallery": "DEMO_PREFIX display_image gallery_items thumbnail_job",
        ".loading": "DEMO_CACHE SPLIT_CACHE clear_cache files_digest load_split",
        ".scan": "open_folder run_to_end scan_folder",
    },
)

__all__ = [
    "augment_batch",
    "AUGMENT_PRESETS",
    "AugmentSpec",
    "check_new_folder",
    "clear_cache",
    "copy_into_class",
    "DEMO_CACHE",
    "DEMO_CLASSES",
    "demo_dataset",
    "DEMO_PREFIX",
    "DEMO_SPLITS",
    "display_image",
    "files_digest",
    "FILL_MODES",
    "gallery_items",
    "generate_demo_split",
    "image_size_message",
    "image_size_text",
    "ImageDataset",
    "LAYOUTS",
    "load_split",
    "make_subset",
    "subset_counts",
    "open_folder",
    "preset_name",
    "preview",
    "run_to_end",
    "scan_folder",
    "SkippedFile",
    "SPLIT_CACHE",
    "SPLITS",
    "thumbnail_job",
]
