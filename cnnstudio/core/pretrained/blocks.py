"""A backbone's blocks as the user sees them: names and parameter counts, bottom first, with its summary.

The Pretrained panel lists these and lets the user unfreeze the top blocks for fine-tuning; the counts
of what would train come from here too, so the panel only shows numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import ModelSummary, summarize_backbone
from .loading import load_backbone

__all__ = ["BlockListing", "list_blocks"]


@dataclass(frozen=True)
class BlockListing:
    """The blocks of a backbone's convolutional base at an input size (plain data, safe to pass to the GUI)."""

    name: str
    image_size: int
    blocks: tuple[tuple[str, int], ...]  # (block name, parameters), bottom first
    feature_dim: int
    summary: ModelSummary
    channels: tuple[int, ...] = ()  # each block's output channels, bottom first

    def cut_index(self, cut_after: str) -> int:
        """The index of the last block a base cut after `cut_after` keeps ("" or unknown: the last block)."""
        names = [name for name, _ in self.blocks]
        return names.index(cut_after) if cut_after in names else len(names) - 1

    @property
    def base_parameters(self) -> int:
        """Parameters of the whole base."""
        return sum(count for _, count in self.blocks)

    def top_parameters(self, blocks: int) -> int:
        """Parameters of the top `blocks` blocks (those that train when fine-tuning unfreezes them)."""
        blocks = max(0, min(blocks, len(self.blocks)))
        return sum(count for _, count in self.blocks[len(self.blocks) - blocks :])


def list_blocks(name: str, image_size: int) -> BlockListing:
    """The blocks, parameter counts, feature width and summary of `name` (built without weights: no file needed)."""
    backbone = load_backbone(name, pretrained=False)
    blocks = tuple(
        (block_name, sum(p.numel() for p in block.parameters()))
        for block_name, block in zip(backbone.block_names, backbone.blocks, strict=True)
    )
    summary = summarize_backbone(backbone, image_size, name=name)
    channels = tuple(row.output_shape[0] for row in summary.rows[: len(blocks)])
    return BlockListing(name, image_size, blocks, backbone.feature_dim, summary, channels)
