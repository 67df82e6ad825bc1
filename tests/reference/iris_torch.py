#!/usr/bin/env python3
"""Trains the Keras Iris recipe in PyTorch for seeds 0..99 and writes tests/reference/results/iris_torch.json.

The recipe, as StaticNet's Iris sample runs it: the split scikit-learn's train_test_split(test_size=0.2,
random_state=42) makes (rows and order from data/iris_split_rs42_order.csv, copied from the shared datasets), features
standardised with the training part's mean and population standard deviation, 4 → Dense(10, relu) → Dense(10, relu) →
Dense(3, softmax), Glorot-uniform kernels (torch.nn.init.xavier_uniform_) and zero biases, Adam with learning rate 0.01
(torch.optim.Adam as a PyTorch user would call it: its defaults otherwise, eps 1e-8 added to the bias-corrected sqrt(v)),
cross-entropy on the logits, 100 epochs of batches of 32 reshuffled every epoch, then the test loss and accuracy.
One thread, float32, every random draw from the seed: the output is the same on every run.

    /usr/bin/python3 tests/reference/iris_torch.py
"""
import csv
import json
import os
import statistics

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)


def load():
    with open(os.path.join(ROOT, "samples", "Iris", "iris.csv")) as f:
        rows = list(csv.reader(f))[1:]
    x = np.array([[float(v) for v in r[:4]] for r in rows], dtype=np.float32)
    y = np.array([int(r[4]) for r in rows], dtype=np.int64)
    parts = {"train": [], "test": []}
    with open(os.path.join(HERE, "data", "iris_split_rs42_order.csv")) as f:
        for r in csv.DictReader(f):
            parts[r["split"]].append((int(r["position"]), int(r["row_index"])))
    train = [i for _, i in sorted(parts["train"])]
    test = [i for _, i in sorted(parts["test"])]
    mean = x[train].astype(np.float64).mean(axis=0)
    scale = x[train].astype(np.float64).std(axis=0)  # population (ddof 0), as StandardScaler
    xs = ((x - mean) / scale).astype(np.float32)
    return torch.tensor(xs[train]), torch.tensor(y[train]), torch.tensor(xs[test]), torch.tensor(y[test])


def run(seed, x_train, y_train, x_test, y_test):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(4, 10), nn.ReLU(), nn.Linear(10, 10), nn.ReLU(), nn.Linear(10, 3))
    for layer in model:
        if isinstance(layer, nn.Linear):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    n = len(x_train)
    for _ in range(100):
        order = torch.randperm(n)
        for start in range(0, n, 32):
            batch = order[start:start + 32]
            optimizer.zero_grad()
            F.cross_entropy(model(x_train[batch]), y_train[batch]).backward()
            optimizer.step()
    with torch.no_grad():
        logits = model(x_test)
        loss = float(F.cross_entropy(logits, y_test))
        accuracy = float((logits.argmax(dim=1) == y_test).float().mean())
    return loss, accuracy


def main():
    data = load()
    losses, accuracies = [], []
    for seed in range(100):
        loss, accuracy = run(seed, *data)
        losses.append(loss)
        accuracies.append(accuracy)
    result = {
        "recipe": __doc__.split("\n\n")[1].replace("\n", " "),
        "torch_version": torch.__version__,
        "seeds": list(range(100)),
        "test_accuracy": accuracies,
        "test_loss": losses,
        "mean_accuracy": statistics.fmean(accuracies),
        "median_loss": statistics.median(losses),
    }
    path = os.path.join(HERE, "results", "iris_torch.json")
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)
    print(f"mean test accuracy {result['mean_accuracy']:.4f}, median test loss {result['median_loss']:.4f}")


if __name__ == "__main__":
    main()
