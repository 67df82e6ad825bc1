"""PyTorch float64 values and derivatives of StaticNet's element-wise activations, at float32 points from -30 to 30.

Writes tests/reference/results/activations.json, read by tests/StaticNet.Tests/Layers/ActivationAgreementTests.cs:
for each activation, a(z) and da/dz (autograd) at each point. The points include 0, +-1e-6 (where e^z - 1 and
log(1 + e^z) lose digits if written naively), the hard sigmoid's corners +-3, and the far tails.

Keras 3's definitions are PyTorch's here, translated where the names differ:
  - ELU: F.elu(alpha=1), Keras's default alpha. SELU: F.selu, the same constants.
  - Softplus: F.softplus (beta 1, and threshold 20, past which PyTorch returns z itself: log(1 + e^z) rounds to z in float64
    there anyway).
  - HardSigmoid: Keras 3's hard_sigmoid(x) = relu6(x + 3) / 6 is F.hardsigmoid (Keras 2's was clip(0.2x + 0.5, 0, 1)).
  - GELU: Keras 3's gelu(approximate=False), the default, is F.gelu(approximate='none'); approximate=True is
    approximate='tanh'.
  - SiLU (Swish): F.silu.
At the hard sigmoid's corners +-3 PyTorch's derivative is 0, as StaticNet's.

Deterministic (no randomness). Run with Debian's interpreter: /usr/bin/python3 tests/reference/activation_fixtures.py
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))

POINTS = sorted(set(np.float32(v) for v in
                    [0.0, 1e-6, -1e-6, 1e-3, -1e-3, 0.1, -0.1, 0.5, -0.5, 1.0, -1.0, 1.7, -1.7, 2.5, -2.5, 3.0, -3.0, 2.999, -2.999,
                     4.2, -4.2, 6.0, -6.0, 10.0, -10.0, 17.5, -17.5, 30.0, -30.0]))

ACTIVATIONS = {
    "ELU": lambda z: F.elu(z, alpha=1.0),
    "SELU": F.selu,
    "Softplus": F.softplus,
    "HardSigmoid": F.hardsigmoid,
    "GELU": lambda z: F.gelu(z, approximate="none"),
    "GELUTanh": lambda z: F.gelu(z, approximate="tanh"),
    "SiLU": F.silu,
}


def main():
    z = torch.tensor([float(p) for p in POINTS], dtype=torch.float64, requires_grad=True)
    document = {"torch": torch.__version__, "points": [float(p) for p in POINTS], "activations": {}}
    for name, f in ACTIVATIONS.items():
        if z.grad is not None:
            z.grad = None
        a = f(z)
        (derivative,) = torch.autograd.grad(a.sum(), z)
        document["activations"][name] = {"values": [float(v) for v in a.detach()], "derivatives": [float(v) for v in derivative]}
        print(f"{name}: a(-30) = {float(a[0]):.6g}, a(30) = {float(a[-1]):.6g}")
    path = os.path.join(HERE, "results", "activations.json")
    temporary = path + ".tmp"
    with open(temporary, "w") as out:
        json.dump(document, out, indent=1)
    os.replace(temporary, path)


if __name__ == "__main__":
    main()
