#!/usr/bin/env python3
"""PyTorch on StaticNet's benchmark networks, single-threaded, for docs/benchmarks.md.

Measures, for each network: one-sample forward latency (batch 1, no autograd), batch-32 training throughput (forward,
cross-entropy or squared error, backward, Adam step; reported as samples per second), and the whole Iris recipe
(100 epochs, batches of 32 over 120 samples, Adam 0.01). Run with Debian's packages, OpenBLAS installed:

    apt-get install -y python3-torch libopenblas0-pthread
    /usr/bin/python3 tests/StaticNet.Benchmarks/peers.py          # every network
    /usr/bin/python3 tests/StaticNet.Benchmarks/peers.py lenet    # LeNet-5 only

Without libopenblas0-pthread Debian's torch runs on the reference BLAS (~3x slower on a 784->128 layer), which would
flatter StaticNet.
"""
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)

NETWORKS = {
    "Iris 4-10-10-3": ([4, 10, 10, 3], True),
    "Digits 64-64-10": ([64, 64, 10], True),
    "Digits 64-128-10": ([64, 128, 10], True),
    "MNIST 784-128-10": ([784, 128, 10], True),
    "Deep 32-(32x8)-1": ([32] * 9 + [1], False),
}

# Digits 64-128-10 with the layer kinds beyond Dense, as StaticNet's LayerKindThroughput benchmark declares them. Keras's
# BatchNormalization defaults in PyTorch's terms: momentum 1 - 0.99, eps 1e-3; L2 as Keras's penalty, added to the loss.
LAYER_KINDS = {
    "plain": dict(dropout=0.0, batch_norm=False, l2=0.0),
    "+ Dropout(0.2)": dict(dropout=0.2, batch_norm=False, l2=0.0),
    "+ BatchNormalization": dict(dropout=0.0, batch_norm=True, l2=0.0),
    "+ L2 1e-4": dict(dropout=0.0, batch_norm=False, l2=1e-4),
    "+ all three": dict(dropout=0.2, batch_norm=True, l2=1e-4),
}


def build_digits(dropout, batch_norm):
    layers = [nn.Linear(64, 128), nn.ReLU()]
    if batch_norm:
        layers.append(nn.BatchNorm1d(128, momentum=0.01, eps=1e-3))
    if dropout:
        layers.append(nn.Dropout(dropout))
    layers.append(nn.Linear(128, 10))
    return nn.Sequential(*layers)


def build(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def best_of(fn, repeats, rounds=7):
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeats):
            fn()
        best = min(best, (time.perf_counter() - start) / repeats)
    return best


def lenet():
    """LeNet-5 as SimpleChains.jl publishes it (44,426 parameters), channels first as PyTorch convolves."""
    lenet = nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    assert sum(p.numel() for p in lenet.parameters()) == 44426
    xb = torch.rand(32, 1, 28, 28)
    yb = torch.randint(0, 10, (32,))
    optimizer = torch.optim.Adam(lenet.parameters(), lr=0.001)

    def lenet_step():
        optimizer.zero_grad()
        F.cross_entropy(lenet(xb), yb).backward()
        optimizer.step()

    train = best_of(lenet_step, 20)
    x1 = torch.rand(1, 1, 28, 28)
    with torch.no_grad():
        forward = best_of(lambda: lenet(x1), 500)
        batched = best_of(lambda: lenet(xb), 20)
    print(f"LeNet-5: training {train / 32 * 1e9:,.0f} ns/sample at batch 32; forward {forward * 1e9:,.0f} ns; batched forward {batched / 32 * 1e9:,.0f} ns/sample")


def main():
    torch.randn(64, 64) @ torch.randn(64, 64)  # load the BLAS, then report which library the process mapped
    with open("/proc/self/maps") as maps:
        blas = sorted({line.split("/")[-1].strip() for line in maps if "blas" in line.lower()})
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, BLAS libraries loaded: {', '.join(blas) or 'none'}")
    for name, (sizes, classify) in NETWORKS.items():
        model = build(sizes)
        x1 = torch.randn(1, sizes[0])
        with torch.no_grad():
            forward = best_of(lambda: model(x1), 2000)
        xb = torch.randn(32, sizes[0])
        yb = torch.randint(0, sizes[-1], (32,)) if classify else torch.randn(32, 1)
        optimizer = torch.optim.Adam(model.parameters(), lr=0.001)

        def step():
            optimizer.zero_grad()
            out = model(xb)
            loss = F.cross_entropy(out, yb) if classify else F.mse_loss(out, yb)
            loss.backward()
            optimizer.step()

        train = best_of(step, 200)
        print(f"{name}: forward {forward * 1e9:,.0f} ns; training {32 / train:,.0f} samples/s ({train / 32 * 1e9:,.0f} ns/sample)")

    for name, kind in LAYER_KINDS.items():
        model = build_digits(kind["dropout"], kind["batch_norm"])
        model.train()
        kernels = [m.weight for m in model if isinstance(m, nn.Linear)]
        xb = torch.randn(32, 64)
        yb = torch.randint(0, 10, (32,))
        optimizer = torch.optim.Adam(model.parameters(), lr=0.001)

        def step():
            optimizer.zero_grad()
            loss = F.cross_entropy(model(xb), yb)
            if kind["l2"]:
                loss = loss + kind["l2"] * sum((w * w).sum() for w in kernels)
            loss.backward()
            optimizer.step()

        train = best_of(step, 200)
        print(f"Digits 64-128-10 {name}: training {32 / train:,.0f} samples/s ({train / 32 * 1e9:,.0f} ns/sample)")

    lenet()

    x = torch.randn(120, 4)
    y = torch.randint(0, 3, (120,))

    def recipe():
        model = build([4, 10, 10, 3])
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
        for _ in range(100):
            order = torch.randperm(120)
            for s in range(0, 120, 32):
                batch = order[s:s + 32]
                optimizer.zero_grad()
                F.cross_entropy(model(x[batch]), y[batch]).backward()
                optimizer.step()

    print(f"Iris recipe (100 epochs): {best_of(recipe, 1, rounds=5) * 1e3:,.1f} ms")


def recurrent():
    """StaticNet's `-- recurrent` shapes: GRU training at RLtools's configuration, GRU/LSTM inference per step."""
    class GruNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(128, 32)
            self.gru = nn.GRU(32, 64, batch_first=True)
            self.dense = nn.Linear(64, 128)

        def forward(self, x):
            out, _ = self.gru(self.embedding(x))
            return self.dense(out[:, -1, :])

    model = GruNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    x = torch.randint(0, 128, (32, 64))
    y = torch.randint(0, 128, (32,))

    def step():
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()

    for _ in range(5):
        step()
    seconds = best_of(step, 10, rounds=5)
    print(f"GRU training (batch 32, 64 steps, embedding 32, 64 units): {1 / seconds:.1f} batches/s, {seconds * 1e3:.2f} ms a batch")

    for kind in ("GRU", "LSTM"):
        for units in (8, 16, 32, 64):
            layer = getattr(nn, kind)(units, units, batch_first=True)
            dense = nn.Linear(64 * units, 1)
            sequence = torch.randn(1, 64, units)
            with torch.no_grad():
                def forward():
                    out, _ = layer(sequence)
                    dense(out.reshape(1, -1))

                forward()
                seconds = best_of(forward, 200)
            print(f"{kind} {units}: {seconds * 1e9 / 64:.0f} ns a step (a 64-step sequence per call)")


if __name__ == "__main__":
    import sys

    # `peers.py lenet`: only LeNet-5, to alternate with StaticNet's `-- lenet` on the same machine.
    # `peers.py recurrent`: the recurrent shapes of StaticNet's `-- recurrent`.
    lenet() if sys.argv[1:] == ["lenet"] else recurrent() if sys.argv[1:] == ["recurrent"] else main()
