"""Heatmap latency: no slower than the reference library (issue 8).

The issue names torchcam's Grad-CAM as the reference; torchcam is not on the package index here, so
the reference is pytorch-grad-cam (`pip install grad-cam`, the ``bench`` extra), the most used
library of CAM methods. On EfficientNet-Lite0 (the offline ImageNet weights) and the cat photo,
target "Egyptian cat", last convolution layer, best of `--repeats` after a warm-up, every candidate
timed in turn within each round (a busy machine slows them all alike):

- floor: one forward pass with the layer caught, and the backward pass to that layer only
  (``torch.autograd.grad(score, activation)``): what any Grad-CAM must at least do;
- ours: `cam.gradcam` on the prepared input (the method alone), and the whole `heatmap` job (photo →
  prepared input → map at the photo's 451 x 300 with top-5; with and without the faithfulness figure,
  which costs one batched forward of 4 blurred copies);
- pytorch-grad-cam's ``GradCAM`` (and ``GradCAMPlusPlus``) on the same prepared input and layer,
  built per call (hooks on and off each time, as our job does), with the parameters trainable as
  its users run it. It returns the map at the network input's size.

    .venv/bin/python bench/heatmap_latency.py [--repeats 10] [--threads N]
"""

from __future__ import annotations

import argparse
import math
import os
import time
from collections.abc import Callable
from contextlib import contextmanager

import torch

import cnnstudio
from cnnstudio.core.pretrained import package_weights_path
from cnnstudio.core.visualize import capture, heatmap, open_subject
from cnnstudio.core.visualize.cam import forward_pass, gradcam, gradcam_plus_plus

PHOTO = os.path.join(os.path.dirname(cnnstudio.__file__), "resources", "samples", "chelsea.jpg")
CAT = 285  # ImageNet "Egyptian cat"


def interleaved_best(repeats: int, work: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The fastest of `repeats` runs of each of `work` (one warm-up each), the candidates taking turns."""
    best = dict.fromkeys(work, math.inf)
    for run in work.values():
        run()
    for _ in range(repeats):
        for name, run in work.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def finish(job):
    try:
        while True:
            next(job)
    except StopIteration as stop:
        return stop.value


@contextmanager
def trainable(model):
    """pytorch-grad-cam as its users run it: eval mode, parameters trainable (its ``loss.backward()``
    needs a graph through them); restored after."""
    flags = [(p, p.requires_grad) for p in model.parameters()]
    was_training = model.training
    try:
        model.eval()
        for p, _ in flags:
            p.requires_grad_(True)
        yield model
    finally:
        for p, flag in flags:
            p.requires_grad_(flag)
            p.grad = None
        model.train(was_training)


def candidates(subject, photo, layer: str, with_reference: bool) -> tuple[dict[str, Callable[[], object]], tuple]:
    x = subject.prepare_array(photo).detach()
    model = subject.model
    module = dict(model.named_modules())[layer]

    def floor():
        with subject.using():
            xi = x.clone().requires_grad_(True)
            with torch.enable_grad(), capture(model, [layer]) as caught:
                logits = model(xi)
            return torch.autograd.grad(logits[0, CAT], caught[layer])

    def ours(method):
        def run():
            with subject.using():
                xi = x.clone()
                step = forward_pass(subject, model, xi, layer)
                step.index = CAT
                return finish(method(step))

        return run

    work = {
        "floor: forward + backward to the layer": floor,
        "ours: gradcam on the prepared input": ours(gradcam),
        "ours: gradcam++ on the prepared input": ours(gradcam_plus_plus),
        "ours: heatmap job, photo to its size": lambda: finish(heatmap(subject, photo, target=CAT, faithful=False)),
        "ours: heatmap job with faithfulness": lambda: finish(heatmap(subject, photo, target=CAT)),
    }
    if with_reference:
        from pytorch_grad_cam import GradCAM, GradCAMPlusPlus
        from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget

        targets = [ClassifierOutputTarget(CAT)]
        for name, kind in (("GradCAM", GradCAM), ("GradCAMPlusPlus", GradCAMPlusPlus)):

            def per_call(kind=kind):
                with trainable(model):
                    cam = kind(model=model, target_layers=[module])
                    try:
                        return cam(input_tensor=x.clone(), targets=targets)
                    finally:
                        cam.activations_and_grads.release()

            work[f"pytorch-grad-cam {name}"] = per_call
    return work, tuple(x.shape[2:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    if package_weights_path() is None:
        print("efficientnet-lite0 weights missing: nothing to time")
        return
    try:
        import pytorch_grad_cam  # noqa: F401

        with_reference = True
    except ImportError:
        with_reference = False
        print("pytorch-grad-cam missing (pip install -e '.[bench]'): only our figures")
    subject = open_subject(backbone="efficientnet-lite0")
    photo = subject.image_array(PHOTO)
    work, (h, w) = candidates(subject, photo, "head.0", with_reference)
    best = interleaved_best(args.repeats, work)
    print(
        f"EfficientNet-Lite0, chelsea.jpg ({photo.shape[1]}x{photo.shape[0]}) seen at {w}x{h}, layer head.0,"
        f" torch threads {torch.get_num_threads()}, best of {args.repeats}"
    )
    floor = best["floor: forward + backward to the layer"]
    for name, seconds in best.items():
        print(f"  {name:<44} {seconds * 1e3:7.1f} ms   / floor {seconds / floor:5.2f}")
    if with_reference:
        gc, pp = best["pytorch-grad-cam GradCAM"], best["pytorch-grad-cam GradCAMPlusPlus"]
        print(
            "ours / pytorch-grad-cam:"
            f" Grad-CAM {best['ours: gradcam on the prepared input'] / gc:.2f},"
            f" Grad-CAM++ {best['ours: gradcam++ on the prepared input'] / pp:.2f},"
            f" whole job (photo in, map at the photo's size out) {best['ours: heatmap job, photo to its size'] / gc:.2f}"
            "  (goal: no slower, <= 1)"
        )


if __name__ == "__main__":
    main()
