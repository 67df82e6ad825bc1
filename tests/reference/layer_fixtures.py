"""Fixtures for the layer kinds beyond Dense: Dropout, BatchNormalization and kernel L1/L2 regularisation.

Called by make_fixtures.py (its main writes these after the Dense fixtures). Each case fixes inputs, targets, trainable
parameters and non-trainable ones (moving statistics), builds the network in PyTorch with the layers written out, and
records in float64: the training-mode outputs, loss and gradient of one step; the moving statistics after it; the
inference-mode outputs; and the parameters and moving statistics after 1, 2 and 10 steps of Adam and of SGD with momentum.

Conventions (StaticNet follows Keras; each fixture says so in "conventions"):
  - Dropout masks cannot come from PyTorch's generator. The script re-implements StaticNet's: SeededRandom
    (xoshiro256** seeded through SplitMix64, src/StaticNet/Random/SeededRandom.cs) and DropoutReference.FillMask (two
    values per 64-bit draw, high half first; kept where the 32 bits, as a fraction u of 2^32, satisfy u < 1 - rate; kept
    values scaled by 1 / (1 - rate) rounded to float32), drawing as a training step does: per step, each dropout layer
    in order, batch x units values, from the workspace's stream seeded with "workspace_seed". The masks of the first
    step are written out too, so the C# test checks its draws against them.
  - BatchNormalization is written out (x - mean) / sqrt(var + eps) * gamma + beta with the batch's mean and biased
    variance in training, the moving ones in inference; moving = moving * momentum + batch * (1 - momentum), Keras's
    form with the biased variance. PyTorch's BatchNorm1d states the same layer with momentum 1 - Keras's (0.01 for
    0.99), eps 1e-5 by default, and an unbiased running variance (n / (n - 1) times ours); for batches above one the
    script checks its formulas against F.batch_norm with those translations. Momentum and epsilon are float32 values.
  - Kernel regularisation is Keras's: the loss is the batch mean of the sample losses plus L1 * sum|W| + L2 * sum W^2
    over the regularised kernels (biases are not), so its gradient adds L1 * sign(W) + 2 * L2 * W.
  - Adam and SGD with momentum as in make_fixtures.py; every step runs in training mode on the same batch with new masks.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

from make_fixtures import B1, B2, EPS, MOMENTUM, STEPS, R, L, S, T, LIN, SM, SCCE, CCE, BCE, MSE, activate, close, f32, numbers

M64 = (1 << 64) - 1


class SeededRandom:
    """StaticNet's SeededRandom: xoshiro256** seeded through SplitMix64."""

    def __init__(self, seed):
        x = seed & M64
        state = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & M64
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
            state.append(z ^ (z >> 31))
        self.s = state

    def next_uint64(self):
        s0, s1, s2, s3 = self.s
        result = (rotl((s1 * 5) & M64, 7) * 9) & M64
        t = (s1 << 17) & M64
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M64


def fill_mask(count, rate, random):
    """DropoutReference.FillMask: count values, two per draw, low 32 bits first."""
    rate32 = float(np.float32(rate))
    threshold = math.ceil((1.0 - rate32) * 4294967296.0)
    scale = float(np.float32(1.0 / (1.0 - rate32)))
    mask = []
    while len(mask) < count:
        bits = random.next_uint64()
        mask.append(scale if (bits & 0xFFFFFFFF) < threshold else 0.0)
        if len(mask) < count:
            mask.append(scale if (bits >> 32) < threshold else 0.0)
    return mask


def Dense(units, activation, slope=0.2, l1=0.0, l2=0.0):
    return {"type": "Dense", "units": units, "activation": activation, "negative_slope": slope, "l1": l1, "l2": l2}


def Dropout(rate):
    return {"type": "Dropout", "rate": rate}


def BatchNormalization(momentum=0.99, epsilon=1e-3):
    return {"type": "BatchNormalization", "momentum": momentum, "epsilon": epsilon}


DROPOUT = [Dense(11, R), Dropout(0.4), Dense(7, T), Dropout(0.25), Dense(3, SM)]
NORMALIZED = [Dense(9, T), BatchNormalization(), Dense(5, R), BatchNormalization(0.9, 0.01), Dense(2, LIN)]
REGULARIZED = [Dense(13, R, l2=0.01), Dense(5, T, l1=0.003, l2=0.001), Dense(1, S, l1=0.002)]
COMBINED = [Dense(17, T, l2=1e-3), BatchNormalization(), Dropout(0.3), Dense(6, SM)]

# name, StaticNet class, input size, layers, loss, batch, data seed, workspace seed
CASES = [
    ("dropout_batch1", "RefDropoutNet", 5, DROPOUT, SCCE, 1, 41, 101),
    ("dropout_batch8", "RefDropoutNet", 5, DROPOUT, SCCE, 8, 42, 102),
    ("batchnorm_batch1", "RefBatchNormNet", 4, NORMALIZED, MSE, 1, 43, 0),
    ("batchnorm_batch8", "RefBatchNormNet", 4, NORMALIZED, MSE, 8, 44, 0),
    ("regularized_batch1", "RefRegularizedNet", 6, REGULARIZED, BCE, 1, 45, 0),
    ("regularized_batch8", "RefRegularizedNet", 6, REGULARIZED, BCE, 8, 46, 0),
    ("combined_batch8", "RefCombinedNet", 10, COMBINED, CCE, 8, 47, 103),
]
# A Dense layer straight before a batch normalisation has a bias whose gradient is 0 (the normalisation subtracts the
# mean): Adam would turn float32 noise into steps of the learning rate, so the networks put an activation between them.
LEARNING_RATES = (0.01, 0.1)  # Adam, SGD


def layout(input_size, layers):
    """StaticNet's layout: per layer, trainable tensors in Parameters (Dense: kernel, bias; BN: gamma, beta) and
    non-trainable ones in NonTrainableParameters (BN: moving mean, moving variance). Returns per-layer slices."""
    slices, trainable, state, width = [], 0, 0, input_size
    for layer in layers:
        entry = {}
        if layer["type"] == "Dense":
            units = layer["units"]
            entry["kernel"] = (trainable, (width, units))
            trainable += width * units
            entry["bias"] = (trainable, (units,))
            trainable += units
            width = units
        elif layer["type"] == "BatchNormalization":
            for name in ("gamma", "beta"):
                entry[name] = (trainable, (width,))
                trainable += width
            for name in ("moving_mean", "moving_variance"):
                entry[name] = (state, (width,))
                state += width
        slices.append(entry)
    return slices, trainable, state


def initial_values(rng, input_size, layers):
    slices, trainable, state = layout(input_size, layers)
    theta, moving = np.zeros(trainable), np.zeros(state)
    for layer, entry in zip(layers, slices):
        for name, (offset, shape) in entry.items():
            size = int(np.prod(shape))
            if name == "kernel":
                limit = math.sqrt(6.0 / (shape[0] + shape[1]))
                values = rng.uniform(-limit, limit, size=size)
            elif name == "gamma":
                values = rng.uniform(0.8, 1.2, size=size)
            elif name == "moving_mean":
                values = rng.uniform(-0.5, 0.5, size=size)
            elif name == "moving_variance":
                values = rng.uniform(0.5, 1.5, size=size)
            else:  # bias, beta
                values = rng.uniform(-0.1, 0.1, size=size)
            (moving if name.startswith("moving") else theta)[offset:offset + size] = values
    return f32(theta), f32(moving)


def draw_masks(layers, batch, random):
    """One training step's masks: each dropout layer in order, batch x units values."""
    masks, width = {}, None
    for i, layer in enumerate(layers):
        if layer["type"] == "Dense":
            width = layer["units"]
        elif layer["type"] == "Dropout" and layer["rate"] > 0:
            masks[i] = fill_mask(batch * width, layer["rate"], random)
    return masks


def run(theta, moving, x, input_size, layers, masks, training):
    """Logits, outputs and (training mode) the moving statistics after this step; theta and moving are tensors."""
    slices, _, _ = layout(input_size, layers)
    h, new_moving, batch = x, moving.clone(), x.shape[0]
    for i, (layer, entry) in enumerate(zip(layers, slices)):
        last = i == len(layers) - 1
        if layer["type"] == "Dense":
            (ko, (fan_in, units)), (bo, _) = entry["kernel"], entry["bias"]
            z = h @ theta[ko:ko + fan_in * units].reshape(fan_in, units) + theta[bo:bo + units]
            h = z if last else activate(z, layer["activation"], layer["negative_slope"])
        elif layer["type"] == "Dropout":
            if training:
                h = h * torch.tensor(masks[i], dtype=h.dtype).reshape(h.shape)
        else:
            width = entry["gamma"][1][0]
            gamma, beta = (theta[entry[n][0]:entry[n][0] + width] for n in ("gamma", "beta"))
            mm, mv = (moving[entry[n][0]:entry[n][0] + width] for n in ("moving_mean", "moving_variance"))
            momentum, epsilon = float(np.float32(layer["momentum"])), float(np.float32(layer["epsilon"]))
            if training:
                mean = h.mean(0)
                variance = ((h - mean) ** 2).mean(0)  # biased, as Keras normalises and updates with it
                keep = momentum
                take = 1.0 - momentum
                new_moving[entry["moving_mean"][0]:entry["moving_mean"][0] + width] = (mm * keep + mean * take).detach()
                new_moving[entry["moving_variance"][0]:entry["moving_variance"][0] + width] = (mv * keep + variance * take).detach()
                check_against_torch(h, mean, variance, mm, mv, momentum, epsilon, gamma, beta, batch)
            else:
                mean, variance = mm, mv
            h = (h - mean) / torch.sqrt(variance + epsilon) * gamma + beta
    logits = h
    outputs = activate(logits, layers[-1]["activation"], layers[-1]["negative_slope"]) if layers[-1]["type"] == "Dense" else logits
    return logits, outputs, new_moving


def check_against_torch(h, mean, variance, mm, mv, momentum, epsilon, gamma, beta, batch):
    """The written-out batch normalisation equals F.batch_norm with PyTorch's conventions translated."""
    if batch < 2 or h.dtype != torch.float64:
        return  # PyTorch refuses batch statistics of one sample; the float32 rerun only checks conditioning
    running_mean, running_var = mm.detach().clone(), mv.detach().clone()
    ours = (h - mean) / torch.sqrt(variance + epsilon) * gamma + beta
    theirs = F.batch_norm(h, running_mean, running_var, gamma, beta, training=True, momentum=1.0 - momentum, eps=epsilon)
    assert torch.allclose(ours, theirs, rtol=1e-9, atol=1e-12), "batch normalisation differs from F.batch_norm"
    assert torch.allclose(running_mean, mm * momentum + mean.detach() * (1.0 - momentum), rtol=1e-9, atol=1e-12)
    unbiased = variance.detach() * batch / (batch - 1)
    assert torch.allclose(running_var, mv * momentum + unbiased * (1.0 - momentum), rtol=1e-9, atol=1e-12)


def loss_of(logits, outputs, y, loss, theta, input_size, layers):
    if loss == SCCE:
        value = F.cross_entropy(logits, y[:, 0].long())
    elif loss == CCE:
        value = F.cross_entropy(logits, y)
    elif loss == BCE:
        value = F.binary_cross_entropy_with_logits(logits, y)
    else:
        value = F.mse_loss(outputs, y)
    slices, _, _ = layout(input_size, layers)
    for layer, entry in zip(layers, slices):
        if layer["type"] == "Dense" and (layer["l1"] or layer["l2"]):
            offset, shape = entry["kernel"]
            kernel = theta[offset:offset + shape[0] * shape[1]]
            l1, l2 = float(np.float32(layer["l1"])), float(np.float32(layer["l2"]))
            value = value + l1 * kernel.abs().sum() + l2 * (kernel * kernel).sum()
    return value


def step(theta_np, moving_np, x, y, case, masks, dtype):
    """Loss, gradient, training-mode outputs and the moving statistics after one training step."""
    _, _, input_size, layers, loss, _, _, _ = case
    theta = torch.tensor(theta_np, dtype=dtype, requires_grad=True)
    moving = torch.tensor(moving_np, dtype=dtype)
    logits, outputs, new_moving = run(theta, moving, x.to(dtype), input_size, layers, masks, training=True)
    value = loss_of(logits, outputs, y.to(dtype), loss, theta, input_size, layers)
    value.backward()
    return float(value), theta.grad.numpy().astype(np.float64), outputs.detach().numpy(), new_moving.numpy().astype(np.float64)


def trajectories(theta0, moving0, x, y, case, dtype):
    """Parameters and moving statistics after 1, 2 and 10 steps of Keras's Adam and of SGD with momentum."""
    np_dtype = np.float64 if dtype == torch.float64 else np.float32
    result = {}
    for optimizer in ("adam", "sgd"):
        random = SeededRandom(case[7])
        theta, moving = theta0.astype(np_dtype), moving0.astype(np_dtype)
        m, v, velocity = np.zeros_like(theta), np.zeros_like(theta), np.zeros_like(theta)
        snapshots, states = {}, {}
        for t in range(1, max(STEPS) + 1):
            masks = draw_masks(case[3], case[5], random)
            _, g, _, moving = step(theta, moving, x, y, case, masks, dtype)
            g, moving = g.astype(np_dtype), moving.astype(np_dtype)
            if optimizer == "adam":
                m = np_dtype(B1) * m + np_dtype(1 - B1) * g
                v = np_dtype(B2) * v + np_dtype(1 - B2) * g * g
                lr_t = np_dtype(LEARNING_RATES[0] * math.sqrt(1 - B2 ** t) / (1 - B1 ** t))
                theta = theta - lr_t * m / (np.sqrt(v) + np_dtype(EPS))
            else:
                velocity = np_dtype(MOMENTUM) * velocity - np_dtype(LEARNING_RATES[1]) * g
                theta = theta + velocity
            if t in STEPS:
                snapshots[str(t)] = theta.astype(np.float64)
                states[str(t)] = moving.astype(np.float64)
        result[optimizer] = (snapshots, states)
    return result


def make_inputs_targets(rng, input_size, layers, loss, batch):
    x = f32(rng.normal(0.0, 1.0, size=(batch, input_size)))
    units = layers[-1]["units"]
    if loss == SCCE:
        y = f32(rng.randint(0, units, size=(batch, 1)))
    elif loss == CCE:
        y = f32(rng.dirichlet(np.ones(units), size=batch))
    elif loss == BCE:
        y = f32(rng.randint(0, 2, size=(batch, units)))
    else:
        y = f32(rng.normal(0, 1, size=(batch, units)))
    return x, y


def make_case(case):
    name, network, input_size, layers, loss, batch, seed, workspace_seed = case
    rng = np.random.RandomState(seed)
    theta, moving = initial_values(rng, input_size, layers)
    x_np, y_np = make_inputs_targets(rng, input_size, layers, loss, batch)
    x, y = torch.tensor(x_np), torch.tensor(y_np)

    masks = draw_masks(layers, batch, SeededRandom(workspace_seed))
    value, gradient, outputs, moving_after = step(theta, moving, x, y, case, masks, torch.float64)
    _, inference, _ = run(torch.tensor(theta), torch.tensor(moving), x, input_size, layers, masks, training=False)
    paths = trajectories(theta, moving, x, y, case, torch.float64)
    fixture = {
        "name": name,
        "network": network,
        "input_size": input_size,
        "layers": layers,
        "loss": loss,
        "batch": batch,
        "conventions": (
            "float64 reference from float32 inputs and parameters; training-mode loss (batch mean plus the kernel "
            "regularisation penalty) and its gradient; dropout masks from StaticNet's SeededRandom and FillMask, drawn per "
            "step layer by layer from the workspace seed; batch normalisation with the batch's biased variance and Keras's "
            "moving-statistics update (PyTorch: momentum 1 - Keras's, unbiased running variance); Adam in Keras's form; "
            "SGD momentum in Keras's form"),
        "torch_version": torch.__version__,
        "inputs": numbers(x_np),
        "targets": numbers(y_np),
        "parameters": numbers(theta),
        "non_trainable": numbers(moving),
        "workspace_seed": workspace_seed,
        "masks": {str(k): v for k, v in masks.items()},
        "outputs": numbers(outputs),
        "inference_outputs": numbers(inference.detach().numpy()),
        "loss_value": value,
        "gradient": numbers(gradient),
        "non_trainable_after_step": numbers(moving_after),
        "adam": {"learning_rate": LEARNING_RATES[0], "beta1": B1, "beta2": B2, "epsilon": EPS, "omitted_because": None,
                 "after_steps": {k: numbers(v) for k, v in paths["adam"][0].items()},
                 "non_trainable_after_steps": {k: numbers(v) for k, v in paths["adam"][1].items()}},
        "sgd_momentum": {"learning_rate": LEARNING_RATES[1], "momentum": MOMENTUM,
                         "after_steps": {k: numbers(v) for k, v in paths["sgd"][0].items()},
                         "non_trainable_after_steps": {k: numbers(v) for k, v in paths["sgd"][1].items()}},
    }
    check_conditioning(fixture, theta, moving, x, y, case, masks)
    return fixture


def check_conditioning(fixture, theta, moving, x, y, case, masks):
    """PyTorch in float32 must meet the tests' tolerance against the float64 reference (see make_fixtures.py)."""
    value, gradient, outputs, moving_after = step(theta.astype(np.float32), moving.astype(np.float32), x, y, case, masks, torch.float32)
    checks = {"outputs": (fixture["outputs"], outputs), "loss": ([fixture["loss_value"]], [value]),
              "gradient": (fixture["gradient"], gradient), "moving": (fixture["non_trainable_after_step"], moving_after)}
    paths = trajectories(theta, moving, x, y, case, torch.float32)
    for optimizer, key in (("adam", "adam"), ("sgd", "sgd_momentum")):
        for k, v in paths[optimizer][0].items():
            checks[f"{optimizer} {k}"] = (fixture[key]["after_steps"][k], v)
        for k, v in paths[optimizer][1].items():
            checks[f"{optimizer} moving {k}"] = (fixture[key]["non_trainable_after_steps"][k], v)
    for what, (expected, actual) in checks.items():
        ok = close(expected, actual)
        if not ok.all():
            i = int(np.argmin(ok))
            raise SystemExit(f"{fixture['name']}: PyTorch float32 misses the tolerance on {what}[{i}]: "
                             f"{np.asarray(actual).ravel()[i]!r} vs float64 {np.asarray(expected).ravel()[i]!r}")


def make_all():
    return [make_case(case) for case in CASES]
