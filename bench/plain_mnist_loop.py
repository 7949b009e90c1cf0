"""The baseline of bench/train_wall.py: a plain PyTorch script on a split-folders PNG dataset.

Decodes every file once (a PIL loop), builds the book's MNIST convnet by hand (Conv 32, MaxPool,
Conv 64, MaxPool, Conv 64, Flatten, Dense 64, Dense classes), trains it in fp32 with Adam (lr 1e-3,
as `cnnstudio train` by default) for EPOCHS epochs of shuffled batches, scores the validation split
after each epoch, and prints one JSON line: the last epoch's validation accuracy and the seconds.

    .venv/bin/python bench/plain_mnist_loop.py DATA_DIR [EPOCHS] [BATCH]
"""

from __future__ import annotations

import json
import os
import sys
import time

import numpy as np
import torch
from PIL import Image
from torch import nn


def load(folder: str, classes: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    images, labels = [], []
    for label, name in enumerate(classes):
        for file in sorted(os.listdir(os.path.join(folder, name))):
            with Image.open(os.path.join(folder, name, file)) as image:
                images.append(np.array(image.convert("L")))
            labels.append(label)
    x = torch.from_numpy(np.stack(images)).unsqueeze(1).float() / 255
    return x, torch.tensor(labels)


def main() -> None:
    start = time.perf_counter()
    root = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    torch.manual_seed(0)
    classes = sorted(os.listdir(os.path.join(root, "train")))
    x_train, y_train = load(os.path.join(root, "train"), classes)
    x_val, y_val = load(os.path.join(root, "validation"), classes)
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(), nn.Flatten(),
        nn.Linear(64 * 3 * 3, 64), nn.ReLU(), nn.Linear(64, len(classes)),
    )  # fmt: skip
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    accuracy = 0.0
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(x_train))
        for i in range(0, len(order), batch):
            idx = order[i : i + batch]
            optimizer.zero_grad()
            loss_fn(model(x_train[idx]), y_train[idx]).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            correct = sum(
                int((model(x_val[i : i + 512]).argmax(1) == y_val[i : i + 512]).sum())
                for i in range(0, len(x_val), 512)
            )
        accuracy = correct / len(x_val)
    print(json.dumps({"val_accuracy": accuracy, "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
