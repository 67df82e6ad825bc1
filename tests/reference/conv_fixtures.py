"""PyTorch float64 reference numbers for StaticNet's image and sequence layers: Conv2D, MaxPooling2D, AveragePooling2D,
Flatten, Conv1D, MaxPooling1D and GlobalAveragePooling1D.

Writes tests/reference/results/conv_layers.json, read by tests/StaticNet.Tests/Reference/ConvolutionAgreementTests.cs.
Each case names the StaticNet class it is for (declared in tests/StaticNet.Tests/Networks/ConvolutionNetworks.cs) and
holds a batch of inputs and targets, float32 parameters in StaticNet's layout, and, computed in float64 from exactly
those values: the outputs (after the output activation), the summed loss of the batch (plus batch x the L2 penalty,
what TrainBatch returns), its gradient with respect to every parameter (what TrainBatch adds into its gradient), and
the parameters after each of three steps of Keras's Adam on the batch's mean gradient.

The translation from Keras's conventions (StaticNet's) to PyTorch's, written out:
  - Images are channels last (NHWC) in StaticNet and Keras; PyTorch convolves NCHW: x.permute(0, 3, 1, 2).
  - A Conv2D kernel is stored (kernel height, kernel width, in, out) row-major as Keras stores it; PyTorch's weight is
    (out, in, kh, kw): kernel.permute(3, 2, 0, 1).
  - Padding "same" is TensorFlow's: output = ceil(input / stride), total padding
    max((output - 1) * stride + dilation * (k - 1) + 1 - input, 0), of which floor(total / 2) goes before (top, left) and
    the rest after (bottom, right). PyTorch's padding= is symmetric, so the script pads explicitly with F.pad.
  - Max pooling ignores padded cells (padded with -inf here); average pooling divides by the cells inside the image
    (Keras), not by the whole window (PyTorch's count_include_pad=True): sum over the zero-padded window / count of real
    cells, both by avg_pool2d on the padded tensors.
  - Pooling strides default to the pool size (Keras's strides=None).
  - Flatten is Keras's: row, column, channel order (channels fastest), so the NCHW tensor goes back to NHWC first.
  - A Dense kernel is (inputs, units): x @ W + b, PyTorch's Linear.weight transposed.
  - LeakyReLU's slope is 0.2 (Keras 3's default, StaticNet's); losses are summed over the batch: sparse categorical
    cross-entropy per sample, mean squared error and binary cross-entropy (with logits) as the mean over outputs.
  - L2 kernel regularisation adds L2 * sum W^2 per sample (Keras's penalty; StaticNet returns it once per sample).
  - Sequences are (steps, channels), Keras's Conv1D kernel (k, in, out); the script runs a sequence as an image one
    row high and a 1-D kernel as a 2-D one of one row, which is what the 1-D definitions say (PyTorch's Conv1d would
    take the kernel as (out, in, k)). GlobalAveragePooling1D is the mean over the steps.

Deterministic: seeded numpy generator, one thread. Run with Debian's interpreter: /usr/bin/python3 tests/reference/conv_fixtures.py
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
HERE = os.path.dirname(os.path.abspath(__file__))


def same_pads(size, k, stride, dilation):
    output = -(-size // stride)
    total = max((output - 1) * stride + dilation * (k - 1) + 1 - size, 0)
    return total // 2, total - total // 2


def conv(x, kernel, bias, strides=1, dilation=1, padding="valid"):
    """x NHWC, kernel (kh, kw, in, out) -> NHWC."""
    kh, kw = kernel.shape[0], kernel.shape[1]
    t = x.permute(0, 3, 1, 2)
    if padding == "same":
        top, bottom = same_pads(t.shape[2], kh, strides, dilation)
        left, right = same_pads(t.shape[3], kw, strides, dilation)
        t = F.pad(t, (left, right, top, bottom))
    t = F.conv2d(t, kernel.permute(3, 2, 0, 1), bias, stride=strides, dilation=dilation)
    return t.permute(0, 2, 3, 1)


def pool(x, ph, pw, strides=None, padding="valid", kind="max"):
    sh, sw = (ph, pw) if strides is None else (strides, strides)
    t = x.permute(0, 3, 1, 2)
    pads = (0, 0, 0, 0)
    if padding == "same":
        top, bottom = same_pads(t.shape[2], ph, sh, 1)
        left, right = same_pads(t.shape[3], pw, sw, 1)
        pads = (left, right, top, bottom)
    if kind == "max":
        t = F.max_pool2d(F.pad(t, pads, value=-math.inf), (ph, pw), (sh, sw))
    else:
        ones = torch.ones_like(t)
        sums = F.avg_pool2d(F.pad(t, pads), (ph, pw), (sh, sw), divisor_override=1)
        cells = F.avg_pool2d(F.pad(ones, pads), (ph, pw), (sh, sw), divisor_override=1)
        t = sums / cells
    return t.permute(0, 2, 3, 1)


def flatten(x):
    return x.reshape(x.shape[0], -1)


def activate(z, activation):
    return {"linear": lambda v: v, "relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid,
            "leaky_relu": lambda v: F.leaky_relu(v, 0.2)}[activation](z)


# Each network: its input shape, loss, and layers as (kind, settings); "params" lists the parameter tensors in
# StaticNet's layout order with their shapes.
NETWORKS = {
    "ConvValidNet": ((7, 6, 2), "sparse", [("conv", dict(filters=3, k=(3, 2), act="relu")), ("flatten", {}), ("dense", dict(units=3, act="softmax"))]),
    "ConvSameStrideNet": ((7, 8, 3), "mse", [("conv", dict(filters=4, k=(3, 3), act="tanh", strides=2, padding="same")),
                                             ("maxpool", dict(p=(2, 2))), ("flatten", {}), ("dense", dict(units=2, act="linear"))]),
    "ConvDilatedNet": ((9, 9, 1), "bce", [("conv", dict(filters=2, k=(3, 3), act="leaky_relu", dilation=2, l2=0.01)),
                                          ("avgpool", dict(p=(2, 2), padding="same")), ("flatten", {}), ("dense", dict(units=1, act="sigmoid"))]),
    "PoolFirstNet": ((6, 5, 2), "mse", [("maxpool", dict(p=(3, 3), strides=2, padding="same")), ("conv", dict(filters=2, k=(1, 1), act="linear")),
                                        ("flatten", {}), ("dense", dict(units=2, act="linear"))]),
    "LeNet5": ((28, 28, 1), "sparse", [("conv", dict(filters=6, k=(5, 5), act="relu")), ("maxpool", dict(p=(2, 2))),
                                       ("conv", dict(filters=16, k=(5, 5), act="relu")), ("maxpool", dict(p=(2, 2))), ("flatten", {}),
                                       ("dense", dict(units=120, act="relu")), ("dense", dict(units=84, act="relu")), ("dense", dict(units=10, act="softmax"))]),
    # Sequences (steps, channels): Keras's Conv1D kernel is (k, in, out); the script runs them as images one row high.
    "Conv1DNet": ((11, 3), "mse", [("conv1d", dict(filters=4, k=3, act="relu", strides=2, padding="same", l2=0.01)), ("maxpool1d", dict(p=2)),
                                   ("flatten", {}), ("dense", dict(units=2, act="linear"))]),
    "Conv1DGlobalNet": ((9, 2), "sparse", [("conv1d", dict(filters=3, k=2, act="tanh", dilation=2)), ("gap1d", {}),
                                           ("dense", dict(units=3, act="softmax"))]),
}


def as_2d(layers):
    """The 1-D kinds as 2-D ones over an image one row high (a kernel (k, in, out) is (1, k, in, out))."""
    result = []
    for kind, s in layers:
        if kind == "conv1d":
            result.append(("conv", dict(s, k=(1, s["k"]), one_dimensional=True)))
        elif kind == "maxpool1d":
            result.append(("maxpool", dict(s, p=(1, s["p"]))))
        elif kind == "gap1d":
            result.append(("gap", {}))
        else:
            result.append((kind, s))
    return result


def shapes(input_shape, layers):
    """The parameter tensors' shapes, in order, and each layer's output shape."""
    h, w, c = input_shape if len(input_shape) == 3 else (1,) + tuple(input_shape)
    size = h * w * c
    tensors = []
    for kind, s in layers:
        if kind == "conv":
            kh, kw = s["k"]
            stride, dilation = s.get("strides", 1), s.get("dilation", 1)
            if s.get("padding", "valid") == "same":
                h, w = -(-h // stride), -(-w // stride)
            else:
                h, w = (h - dilation * (kh - 1) - 1) // stride + 1, (w - dilation * (kw - 1) - 1) // stride + 1
            tensors += [(kw, c, s["filters"]) if s.get("one_dimensional") else (kh, kw, c, s["filters"]), (s["filters"],)]
            c = s["filters"]
            size = h * w * c
        elif kind == "gap":
            h, w = 1, 1
            size = c
        elif kind in ("maxpool", "avgpool"):
            ph, pw = s["p"]
            sh, sw = (ph, pw) if s.get("strides") is None else (s["strides"], s["strides"])
            if s.get("padding", "valid") == "same":
                h, w = -(-h // sh), -(-w // sw)
            else:
                h, w = (h - ph) // sh + 1, (w - pw) // sw + 1
            size = h * w * c
        elif kind == "dense":
            tensors += [(size, s["units"]), (s["units"],)]
            size = s["units"]
    return tensors


def forward(x, params, layers):
    """Returns the logits (before the output activation) and the L2 penalty."""
    k = 0
    penalty = torch.zeros((), dtype=torch.float64)
    for index, (kind, s) in enumerate(layers):
        last = index == len(layers) - 1
        if kind == "conv":
            kernel = params[k].unsqueeze(0) if s.get("one_dimensional") else params[k]
            z = conv(x, kernel, params[k + 1], s.get("strides", 1), s.get("dilation", 1), s.get("padding", "valid"))
            penalty = penalty + s.get("l2", 0.0) * (params[k] ** 2).sum()
            x = z if last else activate(z, s["act"])
            k += 2
        elif kind == "maxpool":
            x = pool(x, *s["p"], s.get("strides"), s.get("padding", "valid"), "max")
        elif kind == "avgpool":
            x = pool(x, *s["p"], s.get("strides"), s.get("padding", "valid"), "average")
        elif kind == "gap":
            x = x.mean(dim=(1, 2))
        elif kind == "flatten":
            x = flatten(x)
        elif kind == "dense":
            z = x @ params[k] + params[k + 1]
            x = z if last else activate(z, s["act"])
            k += 2
    return x, penalty


# Keras's Adam defaults but for the learning rate, and how many steps the fixtures take.
ADAM = {"learning_rate": 0.001, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7}
ADAM_STEPS = 3


def case(name, batch, seed):
    input_shape, loss, layers = NETWORKS[name]
    layers = as_2d(layers)
    rng = np.random.default_rng(seed)
    params = []
    for shape in shapes(input_shape, layers):
        fan = np.prod(shape[:-1]) if len(shape) > 1 else shape[0]
        bound = math.sqrt(6.0 / (fan + shape[-1])) if len(shape) > 1 else 0.1
        params.append(rng.uniform(-bound, bound, size=shape).astype(np.float32))
    x = rng.normal(size=(batch,) + input_shape).astype(np.float32)
    out_act = layers[-1][1].get("act", "linear")
    units = layers[-1][1]["units"]
    if loss == "sparse":
        targets = rng.integers(0, units, size=batch).astype(np.float32)
    elif loss == "bce":
        targets = rng.integers(0, 2, size=(batch, units)).astype(np.float32)
    else:
        targets = rng.normal(size=(batch, units)).astype(np.float32)

    xt = torch.tensor(x.astype(np.float64))
    if len(input_shape) == 2:
        xt = xt.unsqueeze(1)  # (batch, steps, channels) as an image one row high
    t = torch.tensor(targets.astype(np.float64))

    def batch_loss(tensors):
        logits, penalty = forward(xt, tensors, layers)
        if loss == "sparse":
            total = F.cross_entropy(logits, t.long(), reduction="sum")
            outputs = torch.softmax(logits, dim=1)
        elif loss == "bce":
            total = F.binary_cross_entropy_with_logits(logits, t, reduction="none").mean(dim=1).sum()
            outputs = torch.sigmoid(logits)
        else:
            outputs = activate(logits, out_act)
            total = ((outputs - t) ** 2).mean(dim=1).sum()
        return total + batch * penalty, outputs

    tensors = [torch.tensor(p.astype(np.float64), requires_grad=True) for p in params]
    total, outputs = batch_loss(tensors)
    total.backward()
    gradient = np.concatenate([p.grad.numpy().ravel() for p in tensors])

    # Three steps of Keras's Adam on the same batch, from the batch's mean gradient (Fit's: the summed gradient times
    # 1 / batch), in float64: m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2;
    # theta <- theta - lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps), epsilon added to sqrt(v) as Keras does
    # (PyTorch's Adam adds it to the bias-corrected sqrt(v), so torch.optim is not used).
    theta = [p.astype(np.float64) for p in params]
    m = [np.zeros_like(p) for p in theta]
    v = [np.zeros_like(p) for p in theta]
    adam_steps = {}
    for step in range(1, ADAM_STEPS + 1):
        current = [torch.tensor(p, requires_grad=True) for p in theta]
        step_total, _ = batch_loss(current)
        step_total.backward()
        rate = ADAM["learning_rate"] * math.sqrt(1 - ADAM["beta2"] ** step) / (1 - ADAM["beta1"] ** step)
        for i, tensor in enumerate(current):
            g = tensor.grad.numpy() / batch
            m[i] = ADAM["beta1"] * m[i] + (1 - ADAM["beta1"]) * g
            v[i] = ADAM["beta2"] * v[i] + (1 - ADAM["beta2"]) * g * g
            theta[i] = theta[i] - rate * m[i] / (np.sqrt(v[i]) + ADAM["epsilon"])
        adam_steps[str(step)] = [float(f"{x:.10g}") for p in theta for x in p.ravel()]
    return {
        "name": f"{name}_batch{batch}",
        "network": name,
        "batch": batch,
        "input_shape": list(input_shape),
        "inputs": [float(v) for v in x.ravel()],
        "targets": [float(v) for v in targets.ravel()],
        "parameters": [float(v) for p in params for v in p.ravel()],
        "outputs": [float(v) for v in outputs.detach().numpy().ravel()],
        "loss": float(total.item()),
        "gradient": [float(f"{v:.10g}") for v in gradient],
        "adam": dict(ADAM, after_steps=adam_steps),
    }


def main():
    cases = []
    for name in NETWORKS:
        for batch in ((2,) if name == "LeNet5" else (1, 8)):
            cases.append(case(name, batch, seed=len(cases) + 1))
            print(f"{cases[-1]['name']}: loss {cases[-1]['loss']:.6g}, {len(cases[-1]['gradient'])} parameters")
    path = os.path.join(HERE, "results", "conv_layers.json")
    temporary = path + ".tmp"
    with open(temporary, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f)
    os.replace(temporary, path)


if __name__ == "__main__":
    main()
