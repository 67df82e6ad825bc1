#!/usr/bin/env python3
"""Writes StaticNet's PyTorch reference fixtures: tests/reference/fixtures/*.json.

For each case it fixes the inputs, targets and parameters (seeded numpy draws, rounded to float32), builds the same
network in PyTorch, and records in float64 (so the reference is exact to far below float32's precision):
  - the outputs (after the output activation) for every sample of the batch,
  - the loss, averaged over the batch as Keras and PyTorch both do ('mean' reduction),
  - the gradient of that loss in StaticNet's flat layout (per Dense layer: kernel inputs x units row-major, then bias;
    PyTorch stores Linear.weight as units x inputs, so kernel = weight.T),
  - the parameters after 1, 2 and 10 optimizer steps on that same batch, for Adam and for SGD with momentum.

Conventions, where Keras and PyTorch differ (StaticNet follows Keras; each fixture says so in "conventions"):
  - Adam: Keras's update, epsilon added to sqrt(v) with the bias correction folded into the step size:
        lr_t = lr * sqrt(1 - b2^t) / (1 - b1^t);  theta -= lr_t * m / (sqrt(v) + eps),  eps = 1e-7.
    torch.optim.Adam adds eps to sqrt(v_hat) instead, so the reference is computed here with that formula explicitly.
  - SGD with momentum: Keras's v = mu*v - lr*g; theta += v equals torch.optim.SGD(momentum=mu) (v' = mu*v' + g;
    theta -= lr*v') for a constant learning rate, so torch.optim.SGD computes the reference directly.
  - Mean squared error and binary cross-entropy average over the output units and over the batch (torch's 'mean' over
    all elements; Keras's mean over the last axis, then over the batch): the same number.
  - LeakyReLU: the slope is stated per layer (StaticNet's default is Keras 3's 0.2; PyTorch's is 0.01).

Run with Debian's python3-torch and python3-numpy (see tests/reference/README.md):
    /usr/bin/python3 tests/reference/make_fixtures.py
The output is deterministic: the same files, byte for byte, on every run.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.use_deterministic_algorithms(True)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")

B1, B2, EPS = 0.9, 0.999, 1e-7
MOMENTUM = 0.9
# Learning rates: Adam 0.01 and SGD 0.1 by default. The extreme cases (inputs of ±50) take 0.001 for both: with inputs
# that large, ten steps at the default rates leave the well-conditioned region (SGD's steps grow to several units and the
# trajectory turns chaotic; Adam turns the float32 noise of saturated tanh units into full-size steps), so that float32
# arithmetic, PyTorch's as much as StaticNet's, cannot follow the float64 reference. check_conditioning enforces this.
RATES = {"default": (0.01, 0.1), "extreme": (0.001, 0.001)}
# Cases without an Adam trajectory, and why. Adam divides each gradient element by its own magnitude, so where the true
# gradient is ~0 but float32 can only compute it to ~1e-7 (tanh units saturated by inputs of ±50: 1 − a² with a rounded
# to within one ulp of 1), it turns rounding noise into a step of up to lr: no float32 implementation can match float64
# there. The forward pass, loss and gradient of such a case are still compared, and so is SGD (linear in the gradient).
NO_ADAM = {"extreme_inputs_tanh": "saturated tanh units: Adam magnifies float32 rounding of near-zero gradients into lr-sized steps"}
STEPS = (1, 2, 10)

# name, StaticNet class, input size, layers [(units, activation, slope)], loss, batch, input kind, seed
R, L, S, T, LIN, SM = "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Linear", "Softmax"
ELU, SELU, SP, HS = "ELU", "SELU", "Softplus", "HardSigmoid"
SCCE, CCE, BCE, MSE = "SparseCategoricalCrossEntropy", "CategoricalCrossEntropy", "BinaryCrossEntropy", "MeanSquaredError"
MAE, HUBER, LOGCOSH = "MeanAbsoluteError", "Huber", "LogCosh"
# The Huber cases' delta, declared on their StaticNet class as [Network(Loss.Huber, HuberDelta = 0.5)] (Keras's default is 1):
# 0.5 puts errors of these cases on both sides of it.
HUBER_DELTA = 0.5
CASES = [
    ("iris_batch1", "IrisNet", 4, [(10, R), (10, R), (3, SM)], SCCE, 1, "normal", 1),
    ("iris_batch8", "IrisNet", 4, [(10, R), (10, R), (3, SM)], SCCE, 8, "normal", 2),
    ("hidden_linear", "RefHiddenLinearNet", 3, [(7, LIN), (1, LIN)], MSE, 8, "normal", 3),
    ("hidden_leaky_relu", "RefHiddenLeakyReLUNet", 5, [(17, L, 0.2), (3, L, 0.1)], MSE, 8, "normal", 4),
    ("hidden_sigmoid", "RefHiddenSigmoidNet", 7, [(33, S), (2, S)], BCE, 8, "normal", 25),
    ("hidden_tanh", "RefHiddenTanhNet", 3, [(64, T), (7, SM)], CCE, 8, "normal", 6),
    ("output_linear_mse", "RefOutputLinearNet", 4, [(3, R), (2, LIN)], MSE, 8, "normal", 7),
    ("output_relu_mse", "RefOutputReLUNet", 4, [(5, T), (3, R)], MSE, 8, "normal", 8),
    ("output_sigmoid_mse", "RefOutputSigmoidNet", 4, [(5, R), (3, S)], MSE, 8, "normal", 9),
    ("output_tanh_mse", "RefOutputTanhNet", 4, [(5, S), (3, T)], MSE, 8, "normal", 10),
    ("output_softmax_mse", "RefOutputSoftmaxNet", 4, [(5, R), (3, SM)], MSE, 8, "normal", 11),
    ("width1_batch1", "RefWidth1Net", 1, [(1, T), (1, LIN)], MSE, 1, "normal", 12),
    ("width1_batch8", "RefWidth1Net", 1, [(1, T), (1, LIN)], MSE, 8, "normal", 13),
    ("width64", "RefWidth64Net", 64, [(64, R), (64, R), (10, SM)], SCCE, 8, "normal", 14),
    ("depth1", "RefDepth1Net", 5, [(3, SM)], SCCE, 8, "normal", 15),
    ("depth4", "RefDepth4Net", 6, [(9, T), (9, T), (9, T), (1, LIN)], MSE, 8, "normal", 16),
    ("depth5_batch1", "RefDepth5Net", 4, [(17, T), (17, R), (17, L, 0.2), (17, S), (1, S)], BCE, 1, "normal", 17),
    ("depth5_batch8", "RefDepth5Net", 4, [(17, T), (17, R), (17, L, 0.2), (17, S), (1, S)], BCE, 8, "normal", 18),
    ("extreme_sparse_softmax", "RefExtremeSoftmaxNet", 2, [(3, SM)], SCCE, 8, "extreme", 19),
    ("extreme_categorical_softmax", "RefExtremeCategoricalNet", 2, [(4, SM)], CCE, 8, "extreme", 20),
    ("extreme_sigmoid_bce", "RefExtremeSigmoidNet", 2, [(2, S)], BCE, 8, "extreme", 21),
    ("extreme_inputs_tanh", "RefExtremeTanhNet", 3, [(7, T), (2, LIN)], MSE, 8, "extreme", 22),
    ("output_linear_mae", "RefMaeNet", 4, [(5, R), (3, LIN)], MAE, 8, "normal", 26),
    ("output_linear_huber", "RefHuberNet", 4, [(5, T), (3, LIN)], HUBER, 8, "normal", 27),
    ("output_tanh_logcosh", "RefLogCoshNet", 4, [(6, L, 0.2), (3, T)], LOGCOSH, 8, "normal", 28),
    ("output_linear_logcosh_batch1", "RefLogCoshLinearNet", 3, [(4, R), (2, LIN)], LOGCOSH, 1, "normal", 29),
    ("hidden_elu", "RefHiddenEluNet", 5, [(9, ELU), (3, SM)], SCCE, 8, "normal", 30),
    ("hidden_selu", "RefHiddenSeluNet", 6, [(17, SELU), (2, LIN)], MSE, 8, "normal", 31),
    ("hidden_softplus", "RefHiddenSoftplusNet", 4, [(33, SP), (1, S)], BCE, 8, "normal", 32),
    ("hidden_hard_sigmoid", "RefHiddenHardSigmoidNet", 4, [(12, HS), (3, ELU)], MSE, 8, "normal", 33),
    ("output_softplus_batch1", "RefOutputSoftplusNet", 3, [(7, SELU), (2, SP)], MSE, 1, "normal", 34),
]


def normalize_layers(layers):
    return [(l[0], l[1], l[2] if len(l) > 2 else 0.2) for l in layers]


def f32(a):
    """Rounds to float32 (what StaticNet stores), returned as float64 for the exact reference computation."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def make_parameters(rng, input_size, layers):
    """Glorot-uniform kernels and small non-zero biases (so the bias path is exercised), in StaticNet's layout."""
    flat = []
    fan_in = input_size
    for units, _, _ in layers:
        limit = math.sqrt(6.0 / (fan_in + units))
        flat.append(rng.uniform(-limit, limit, size=(fan_in, units)).ravel())
        flat.append(rng.uniform(-0.1, 0.1, size=units))
        fan_in = units
    return f32(np.concatenate(flat))


def make_inputs(rng, kind, batch, input_size):
    if kind == "extreme":
        # Inputs of ±50 (and a few in between), so logits reach ±50 and beyond, where naive formulas overflow.
        return f32(rng.choice([-50.0, 50.0, -25.0, 25.0], size=(batch, input_size)))
    return f32(rng.normal(0.0, 1.0, size=(batch, input_size)))


def make_targets(rng, loss, layers, batch):
    units, activation, _ = layers[-1]
    if loss == SCCE:
        return f32(rng.randint(0, units, size=(batch, 1)))
    if loss == CCE:
        return f32(rng.dirichlet(np.ones(units), size=batch))  # soft targets: probability vectors
    if loss == BCE:
        hard = rng.randint(0, 2, size=(batch, units)).astype(np.float64)
        soft = rng.uniform(0, 1, size=(batch, units))
        return f32(np.where(np.arange(units) % 2 == 0, hard, soft))
    if activation in (S, SM):
        return f32(rng.uniform(0, 1, size=(batch, units)))
    if activation == T:
        return f32(rng.uniform(-1, 1, size=(batch, units)))
    return f32(rng.normal(0, 1, size=(batch, units)))


def unflatten(theta, input_size, layers):
    """StaticNet's flat vector → [(weight units x inputs, bias)] as torch.nn.Linear holds them."""
    params, offset, fan_in = [], 0, input_size
    for units, _, _ in layers:
        kernel = theta[offset:offset + fan_in * units].reshape(fan_in, units)
        offset += fan_in * units
        bias = theta[offset:offset + units]
        offset += units
        params.append((kernel.t(), bias))
        fan_in = units
    return params


def activate(z, activation, slope):
    if activation == R:
        return torch.relu(z)
    if activation == L:
        return F.leaky_relu(z, negative_slope=slope)
    if activation == S:
        return torch.sigmoid(z)
    if activation == T:
        return torch.tanh(z)
    if activation == SM:
        return torch.softmax(z, dim=1)
    # Keras 3's definitions are PyTorch's: ELU with alpha 1, SELU's constants, softplus, and hard_sigmoid = relu6(x + 3) / 6
    # (F.hardsigmoid; Keras 2's was the steeper clip(0.2x + 0.5, 0, 1)).
    if activation == ELU:
        return F.elu(z, alpha=1.0)
    if activation == SELU:
        return F.selu(z)
    if activation == SP:
        return F.softplus(z)
    if activation == HS:
        return F.hardsigmoid(z)
    return z


def forward(theta, x, input_size, layers):
    """Returns (logits of the last layer, outputs after its activation)."""
    h = x
    params = unflatten(theta, input_size, layers)
    for i, ((weight, bias), (_, activation, slope)) in enumerate(zip(params, layers)):
        z = F.linear(h, weight, bias)
        if i == len(layers) - 1:
            return z, activate(z, activation, slope)
        h = activate(z, activation, slope)


def loss_of(theta, x, y, input_size, layers, loss):
    logits, out = forward(theta, x, input_size, layers)
    if loss == SCCE:
        return F.cross_entropy(logits, y[:, 0].long())
    if loss == CCE:
        return F.cross_entropy(logits, y)  # probability targets (PyTorch >= 1.10)
    if loss == BCE:
        return F.binary_cross_entropy_with_logits(logits, y)
    # The regression losses average over the units, then the batch (Keras's mean over the last axis, then the batch):
    # with every sample the same width that is PyTorch's mean over all elements.
    if loss == MAE:
        return F.l1_loss(out, y)
    if loss == HUBER:
        return F.huber_loss(out, y, delta=HUBER_DELTA)  # 0.5 e^2 within delta, delta (|e| - 0.5 delta) beyond: Keras's Huber
    if loss == LOGCOSH:
        e = out - y
        return torch.mean(e + F.softplus(-2.0 * e) - math.log(2.0))  # Keras's log_cosh, written as Keras writes it
    return F.mse_loss(out, y)


def value_and_gradient(theta_np, x, y, input_size, layers, loss):
    theta = torch.tensor(theta_np, dtype=x.dtype, requires_grad=True)
    value = loss_of(theta, x, y, input_size, layers, loss)
    value.backward()
    return float(value), theta.grad.numpy().astype(np.float64)


def keras_adam(theta0, grad_fn, lr, dtype=np.float64):
    """Keras's Adam, written out; in float64 for the reference, or float32 for the conditioning check."""
    theta = theta0.astype(dtype)
    m, v, snapshots = np.zeros_like(theta), np.zeros_like(theta), {}
    for t in range(1, max(STEPS) + 1):
        g = grad_fn(theta)[1].astype(dtype)
        m = dtype(B1) * m + dtype(1 - B1) * g
        v = dtype(B2) * v + dtype(1 - B2) * g * g
        lr_t = dtype(lr * math.sqrt(1 - B2 ** t) / (1 - B1 ** t))
        theta = theta - lr_t * m / (np.sqrt(v) + dtype(EPS))
        if t in STEPS:
            snapshots[str(t)] = theta.astype(np.float64)
    return snapshots


def torch_sgd_momentum(theta0, x, y, input_size, layers, loss, lr):
    theta = torch.tensor(theta0, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([theta], lr=lr, momentum=MOMENTUM)
    snapshots = {}
    for t in range(1, max(STEPS) + 1):
        optimizer.zero_grad()
        loss_of(theta, x, y, input_size, layers, loss).backward()
        optimizer.step()
        if t in STEPS:
            snapshots[str(t)] = theta.detach().numpy().astype(np.float64)
    return snapshots


def close(expected, actual):
    """The tests' tolerance: relative 1e-5, absolute 1e-6 near zero."""
    expected, actual = np.asarray(expected).ravel(), np.asarray(actual).ravel()
    return np.abs(actual - expected) <= np.maximum(1e-5 * np.abs(expected), 1e-6)


def check_conditioning(name, reference, x, y, theta, input_size, layers, loss, lr_adam, lr_sgd):
    """PyTorch itself, in float32, must meet the tests' tolerance against the float64 reference; otherwise the case
    measures float32 rounding (e.g. a chaotic optimizer trajectory), not agreement, and is refused here."""
    x32, y32 = x.float(), y.float()

    def grad32(t):
        return value_and_gradient(t.astype(np.float32), x32, y32, input_size, layers, loss)

    value, gradient = grad32(theta)
    _, outputs = forward(torch.tensor(theta, dtype=torch.float32), x32, input_size, layers)
    checks = {"outputs": (reference["outputs"], outputs.detach().numpy()), "loss": ([reference["loss_value"]], [value]),
              "gradient": (reference["gradient"], gradient)}
    if reference["adam"]["after_steps"]:
        for k, v in keras_adam(theta, grad32, lr_adam, np.float32).items():
            checks["adam " + k] = (reference["adam"]["after_steps"][k], v)
    for k, v in torch_sgd_momentum(theta.astype(np.float32), x32, y32, input_size, layers, loss, lr_sgd).items():
        checks["sgd " + k] = (reference["sgd_momentum"]["after_steps"][k], v)
    for what, (expected, actual) in checks.items():
        ok = close(expected, actual)
        if not ok.all():
            i = int(np.argmin(ok))
            raise SystemExit(f"{name}: PyTorch float32 misses the tolerance on {what}[{i}]: "
                             f"{np.asarray(actual).ravel()[i]!r} vs float64 {np.asarray(expected).ravel()[i]!r}")


def numbers(a):
    """Shortest text that reads back to the same float64 (float32 inputs stay exact)."""
    return [float(v) for v in np.asarray(a).ravel()]


def make_case(name, network, input_size, layers, loss, batch, kind, seed):
    layers = normalize_layers(layers)
    rng = np.random.RandomState(seed)
    theta = make_parameters(rng, input_size, layers)
    x_np = make_inputs(rng, kind, batch, input_size)
    y_np = make_targets(rng, loss, layers, batch)
    x, y = torch.tensor(x_np), torch.tensor(y_np)

    def grad_fn(t):
        return value_and_gradient(t, x, y, input_size, layers, loss)

    value, gradient = grad_fn(theta)
    _, outputs = forward(torch.tensor(theta), x, input_size, layers)
    lr_adam, lr_sgd = RATES["extreme" if kind == "extreme" else "default"]
    fixture = {
        "name": name,
        "network": network,
        "input_size": input_size,
        "layers": [{"units": u, "activation": a, "negative_slope": s} for u, a, s in layers],
        "loss": loss,
        "batch": batch,
        "conventions": (
            "float64 reference from float32 inputs and parameters; loss and gradient averaged over the batch; "
            "MSE and BCE averaged over units too; Adam in Keras's form (eps added to sqrt(v), bias correction in the "
            "step size), computed explicitly; SGD momentum by torch.optim.SGD, equal to Keras's form for a constant "
            "learning rate; parameter layout per layer: kernel inputs x units row-major (= Linear.weight.T), then bias"),
        "torch_version": torch.__version__,
        "inputs": numbers(x_np),
        "targets": numbers(y_np),
        "parameters": numbers(theta),
        "outputs": numbers(outputs.detach().numpy()),
        "loss_value": value,
        "gradient": numbers(gradient),
        "adam": {"learning_rate": lr_adam, "beta1": B1, "beta2": B2, "epsilon": EPS,
                 "omitted_because": NO_ADAM.get(name),
                 "after_steps": {} if name in NO_ADAM else {k: numbers(v) for k, v in keras_adam(theta, grad_fn, lr_adam).items()}},
        "sgd_momentum": {"learning_rate": lr_sgd, "momentum": MOMENTUM,
                         "after_steps": {k: numbers(v) for k, v in torch_sgd_momentum(theta, x, y, input_size, layers, loss, lr_sgd).items()}},
    }
    if loss == HUBER:
        fixture["huber_delta"] = HUBER_DELTA
    check_conditioning(name, fixture, x, y, theta, input_size, layers, loss, lr_adam, lr_sgd)
    return fixture


def main():
    import layer_fixtures  # the Dropout, BatchNormalization and regularisation cases (it imports this module's helpers)

    os.makedirs(OUT, exist_ok=True)
    for fixture in [make_case(*case) for case in CASES] + layer_fixtures.make_all():
        path = os.path.join(OUT, fixture["name"] + ".json")
        temporary = path + ".tmp"
        with open(temporary, "w", encoding="utf-8", newline="\n") as f:
            json.dump(fixture, f, indent=1)
            f.write("\n")
        os.replace(temporary, path)  # atomic: never a half-written fixture
        print(f"{fixture['name']}: loss {fixture['loss_value']:.6g}, {len(fixture['gradient'])} parameters")


if __name__ == "__main__":
    main()
