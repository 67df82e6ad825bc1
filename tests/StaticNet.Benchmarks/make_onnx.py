#!/usr/bin/env python3
"""Writes tests/StaticNet.Benchmarks/iris.onnx: the Iris network (4 → 10 relu → 10 relu → 3 softmax, seeded weights) for
the ONNX Runtime inference baseline. Run: /usr/bin/python3 tests/StaticNet.Benchmarks/make_onnx.py (python3-torch)."""
import os

import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 10), nn.ReLU(), nn.Linear(10, 10), nn.ReLU(), nn.Linear(10, 3), nn.Softmax(dim=1))
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "iris.onnx")
torch.onnx.export(model, torch.randn(1, 4), path, input_names=["input"], output_names=["output"], opset_version=13)
print(path)
