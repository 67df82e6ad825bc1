#!/usr/bin/env python3
"""Writes results/weighted_loss.json: PyTorch's weighted losses and gradients, for Fit's classWeight and sampleWeight.

Keras weighs a sample's loss by sample_weight x class_weight[its class] and reduces with 'sum_over_batch_size': the
batch loss is sum(w_i * l_i) / N, not divided by sum(w_i). PyTorch's CrossEntropyLoss(weight=...) with 'mean' divides by
sum(w_i) instead; its reduction='none' losses, weighted, summed and divided by N give Keras's number, which is what each
case records (with PyTorch's own weighted mean beside it, to show the two conventions differ).

Run with Debian's python3-torch (see README.md):  /usr/bin/python3 tests/reference/weighted_loss.py
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

from make_fixtures import SCCE, BCE, MSE, R, SM, S, T, L, LIN, f32, forward, make_inputs, make_parameters, make_targets, normalize_layers

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "results", "weighted_loss.json")

# name, StaticNet class, input size, layers, loss, batch, class weights (or None), sample weights?, seed
CASES = [
    ("iris_class_and_sample_weights", "IrisNet", 4, [(10, R), (10, R), (3, SM)], SCCE, 8, {0: 1.0, 1: 2.5, 2: 0.5}, True, 31),
    ("sigmoid_class_weights", "RefDepth5Net", 4, [(17, T), (17, R), (17, L, 0.2), (17, S), (1, S)], BCE, 8, {0: 0.3, 1: 3.0}, False, 32),
    ("mse_sample_weights", "RefOutputLinearNet", 4, [(3, R), (2, LIN)], MSE, 8, None, True, 33),
]


def per_sample_losses(logits, out, y, loss):
    if loss == SCCE:
        return F.cross_entropy(logits, y[:, 0].long(), reduction="none")
    if loss == BCE:
        return F.binary_cross_entropy_with_logits(logits, y, reduction="none").mean(dim=1)
    return ((out - y) ** 2).mean(dim=1)


def make_case(name, network, input_size, layers, loss, batch, class_weight, with_sample_weights, seed):
    layers = normalize_layers(layers)
    rng = np.random.RandomState(seed)
    theta_np = make_parameters(rng, input_size, layers)
    x = torch.tensor(make_inputs(rng, "normal", batch, input_size))
    y_np = make_targets(rng, loss, layers, batch)
    if loss == BCE:
        y_np = f32(rng.randint(0, 2, size=y_np.shape))  # hard labels: a class per sample for class weights
    y = torch.tensor(y_np)
    sample_weight = f32(rng.uniform(0.2, 2.0, size=batch)) if with_sample_weights else np.ones(batch)
    labels = y_np[:, 0].astype(int)
    weights = sample_weight * (np.array([class_weight[c] for c in labels]) if class_weight else 1.0)

    theta = torch.tensor(theta_np, requires_grad=True)
    logits, out = forward(theta, x, input_size, layers)
    losses = per_sample_losses(logits, out, y, loss)
    value = (losses * torch.tensor(weights)).sum() / batch  # Keras: sum_over_batch_size
    value.backward()
    case = {
        "name": name,
        "network": network,
        "loss": loss,
        "batch": batch,
        "inputs": [float(v) for v in x.numpy().ravel()],
        "targets": [float(v) for v in y_np.ravel()],
        "parameters": [float(v) for v in theta_np],
        "class_weight": {str(k): v for k, v in class_weight.items()} if class_weight else None,
        "sample_weight": [float(v) for v in sample_weight] if with_sample_weights else None,
        "weights": [float(v) for v in weights],
        "loss_value": float(value),
        "gradient": [float(v) for v in theta.grad.numpy()],
    }
    if loss == SCCE and class_weight and not with_sample_weights:
        case["torch_weighted_mean"] = float(F.cross_entropy(logits, y[:, 0].long(), weight=torch.tensor([class_weight[c] for c in sorted(class_weight)])))
    return case


def main():
    document = {"torch": torch.__version__, "cases": [make_case(*c) for c in CASES]}
    temporary = OUT + ".tmp"
    with open(temporary, "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")
    os.replace(temporary, OUT)


if __name__ == "__main__":
    main()
