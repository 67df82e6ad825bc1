"""PyTorch float64 reference steps for StaticNet's RmsProp, Adagrad, Adamax, Nadam and AdamW.

Writes tests/reference/results/optimizers.json, read by tests/StaticNet.Tests/Reference/OptimizerAgreementTests.cs.
Every case starts from the same 37 float32 parameters and applies the same six float32 gradients; the file holds the
parameters after each step, computed in float64. 37 elements take StaticNet through its 512-, 256- and 128-bit loops
and its scalar tail. The gradients include elements that are always 0 (a parameter no sample reaches), one of +-50
(large), one of about 1e-4 (where epsilon decides the step) and one that stops after two steps (its state decays).

StaticNet follows Keras 3's update rules and defaults. Where PyTorch's optimizer computes exactly Keras's rule, the
reference is PyTorch's own step; where the two differ, Keras's rule is written out below in float64, and the script first
checks that write-out against PyTorch's optimizer at a setting where the two rules coincide. The translations:
  - RMSprop: Keras divides by sqrt(v + eps) (centered: sqrt(v - a^2 + eps)), PyTorch by sqrt(v) + eps; Keras's rho is
    PyTorch's alpha (defaults 0.9 and 0.99); with momentum, Keras's buffer holds lr * g / sqrt(.) where PyTorch's holds
    g / (.) and multiplies by lr after, the same for a constant rate. Checked at eps = 0, where the two coincide.
  - Adagrad: Keras divides by sqrt(s + eps) and starts s at 0.1, PyTorch by sqrt(s) + eps (1e-10) and starts s at 0
    (initial_accumulator_value). Checked at eps = 0.
  - Adamax: Keras takes u = max(beta2 * u, |g|) and divides by (1 - beta1^t) * (u + eps); PyTorch adds eps to |g| inside
    the maximum. Checked at eps = 0.
  - AdamW: the decay is the same in both (theta *= 1 - lr * weight_decay before the Adam step); Keras's Adam adds eps to
    sqrt(v) with the bias correction folded into the step size, PyTorch adds it to the corrected sqrt(v_hat). Keras's
    default weight decay is 0.004, PyTorch's 0.01. Checked at eps = 0.
  - Nadam: Keras's momentum schedule mu_t = beta1 * (1 - 0.5 * 0.96^t) is PyTorch's with momentum_decay = 1 (PyTorch's
    default 0.004 stretches it over thousands of steps); both add eps to sqrt(v_hat). PyTorch computes the reference
    directly, through its foreach path (torch 1.13's single-tensor NAdam multiplies mu into mu_product_next twice, 2.5e-4
    off here), and the script checks it against Keras's rule written out.

Gradient clipping (Keras's optimizer arguments), applied to each gradient before the update rule:
  - global_clipnorm: Keras scales the gradients by c / max(||g||, c); PyTorch's clip_grad_norm_ by min(1, c / (||g|| +
    1e-6)). Keras's is written out and checked against PyTorch's to 1e-6 relative (the 1e-6 is all that differs); the
    reference steps are PyTorch's optimizer on the written-out clip.
  - clipvalue: clip(g, -v, v) in both (clip_grad_value_), PyTorch's own.
  - clipnorm clips each variable on its own; with one tensor here it is global_clipnorm, so the tests check it on a
    network's tensors instead (GradientClippingTests).
  The clipping cases run SGD with momentum, whose rule Keras and PyTorch share for a constant rate.

Deterministic: seeded numpy generator, one thread. Run with Debian's interpreter:
/usr/bin/python3 tests/reference/optimizer_fixtures.py
"""
import json
import os

import numpy as np
import torch

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
# Optimizers keep scalar state (NAdam's mu_product) in tensors of the default type: float64, so the reference is float64 throughout.
torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
N = 37
STEPS = 6


def problem():
    rng = np.random.default_rng(2026)
    theta = (rng.standard_normal(N) * 0.5).astype(np.float32)
    gradients = []
    for step, scale in enumerate([1.0, 0.1, 3.0, 0.5, 2.0, 0.01]):
        g = (rng.standard_normal(N) * scale).astype(np.float32)
        g[0:3] = 0.0                                  # never reached
        g[3] = 50.0 if step % 2 == 0 else -50.0        # large
        g[4] = np.float32(1e-4 * (step + 1))           # epsilon decides the step
        if step >= 2:
            g[5] = 0.0                                 # stops: its state decays
        gradients.append(g)
    return theta, gradients


def with_torch(make, theta, gradients):
    """Runs a torch.optim optimizer in float64; returns the parameters after each step."""
    p = torch.nn.Parameter(torch.tensor(theta, dtype=torch.float64))
    optimizer = make([p])
    after = []
    for g in gradients:
        p.grad = torch.tensor(g, dtype=torch.float64)
        optimizer.step()
        after.append(p.detach().numpy().copy())
    return after


def keras_global_clip(g, c):
    """Keras's clip_by_global_norm for one tensor: g * c / max(||g||, c)."""
    norm = np.sqrt(np.sum(np.asarray(g, dtype=np.float64) ** 2))
    return np.asarray(g, dtype=np.float64) * (c / max(norm, c))


def with_torch_clipped(make, theta, gradients, clip):
    """As with_torch, each gradient clipped by `clip` (a function of the float64 gradient tensor) before the step."""
    p = torch.nn.Parameter(torch.tensor(theta, dtype=torch.float64))
    optimizer = make([p])
    after = []
    for g in gradients:
        p.grad = torch.tensor(g, dtype=torch.float64)
        clip(p)
        optimizer.step()
        after.append(p.detach().numpy().copy())
    return after


def keras_rmsprop(theta, gradients, lr, rho=0.9, momentum=0.0, eps=1e-7, centered=False):
    theta = theta.astype(np.float64)
    v = np.zeros_like(theta)
    a = np.zeros_like(theta)
    b = np.zeros_like(theta)
    after = []
    with np.errstate(invalid="ignore", divide="ignore"):
        for g in gradients:
            g = g.astype(np.float64)
            v = rho * v + (1 - rho) * g * g
            if centered:
                a = rho * a + (1 - rho) * g
                denominator = v - a * a + eps
            else:
                denominator = v + eps
            increment = lr * g / np.sqrt(denominator)
            if momentum > 0:
                b = momentum * b + increment
                theta = theta - b
            else:
                theta = theta - increment
            after.append(theta.copy())
    return after


def keras_adagrad(theta, gradients, lr, initial_accumulator_value=0.1, eps=1e-7):
    theta = theta.astype(np.float64)
    s = np.full_like(theta, initial_accumulator_value)
    after = []
    with np.errstate(invalid="ignore", divide="ignore"):
        for g in gradients:
            g = g.astype(np.float64)
            s = s + g * g
            theta = theta - lr * g / np.sqrt(s + eps)
            after.append(theta.copy())
    return after


def keras_adamax(theta, gradients, lr, beta1=0.9, beta2=0.999, eps=1e-7):
    theta = theta.astype(np.float64)
    m = np.zeros_like(theta)
    u = np.zeros_like(theta)
    after = []
    with np.errstate(invalid="ignore", divide="ignore"):
        for t, g in enumerate(gradients, start=1):
            g = g.astype(np.float64)
            m = beta1 * m + (1 - beta1) * g
            u = np.maximum(beta2 * u, np.abs(g))
            theta = theta - lr * m / ((1 - beta1 ** t) * (u + eps))
            after.append(theta.copy())
    return after


def keras_adamw(theta, gradients, lr, weight_decay=0.004, beta1=0.9, beta2=0.999, eps=1e-7):
    theta = theta.astype(np.float64)
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    after = []
    with np.errstate(invalid="ignore", divide="ignore"):
        for t, g in enumerate(gradients, start=1):
            g = g.astype(np.float64)
            theta = theta * (1 - lr * weight_decay)
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g * g
            alpha = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
            theta = theta - alpha * m / (np.sqrt(v) + eps)
            after.append(theta.copy())
    return after


def keras_nadam(theta, gradients, lr, beta1=0.9, beta2=0.999, eps=1e-7):
    theta = theta.astype(np.float64)
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    product = 1.0
    after = []
    for t, g in enumerate(gradients, start=1):
        g = g.astype(np.float64)
        mu = beta1 * (1 - 0.5 * 0.96 ** t)
        mu_next = beta1 * (1 - 0.5 * 0.96 ** (t + 1))
        product *= mu
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = mu_next * m / (1 - product * mu_next) + (1 - mu) * g / (1 - product)
        theta = theta - lr * m_hat / (np.sqrt(v / (1 - beta2 ** t)) + eps)
        after.append(theta.copy())
    return after


def agree(name, ours, theirs):
    for step, (a, b) in enumerate(zip(ours, theirs), start=1):
        if not np.allclose(a, b, rtol=1e-12, atol=1e-14, equal_nan=True):
            raise SystemExit(f"{name}: the written-out rule and PyTorch's differ at step {step}: {np.max(np.abs(a - b))}")


def check_write_outs(theta, gradients):
    """Each write-out of Keras's rule against PyTorch's optimizer where the two rules coincide."""
    o = torch.optim
    agree("rmsprop", keras_rmsprop(theta, gradients, 0.01, eps=0.0),
          with_torch(lambda p: o.RMSprop(p, lr=0.01, alpha=0.9, eps=0.0), theta, gradients))
    agree("rmsprop centered momentum", keras_rmsprop(theta, gradients, 0.01, rho=0.8, momentum=0.9, eps=0.0, centered=True),
          with_torch(lambda p: o.RMSprop(p, lr=0.01, alpha=0.8, eps=0.0, momentum=0.9, centered=True), theta, gradients))
    agree("adagrad", keras_adagrad(theta, gradients, 0.1, eps=0.0),
          with_torch(lambda p: o.Adagrad(p, lr=0.1, initial_accumulator_value=0.1, eps=0.0), theta, gradients))
    agree("adamax", keras_adamax(theta, gradients, 0.01, eps=0.0),
          with_torch(lambda p: o.Adamax(p, lr=0.01, eps=0.0), theta, gradients))
    agree("adamw", keras_adamw(theta, gradients, 0.01, weight_decay=0.5, eps=0.0),
          with_torch(lambda p: o.AdamW(p, lr=0.01, weight_decay=0.5, eps=0.0), theta, gradients))
    for c in (1.0, 100.0):
        for g in gradients:
            p = torch.nn.Parameter(torch.zeros(N))
            p.grad = torch.tensor(g, dtype=torch.float64)
            torch.nn.utils.clip_grad_norm_([p], c)
            if not np.allclose(keras_global_clip(g, c), p.grad.numpy(), rtol=1e-6, atol=0):
                raise SystemExit(f"global clip {c}: Keras's write-out and clip_grad_norm_ differ by more than its 1e-6")
    agree("nadam", keras_nadam(theta, gradients, 0.01),
          with_torch(lambda p: o.NAdam(p, lr=0.01, eps=1e-7, momentum_decay=1.0, foreach=True), theta, gradients))


def cases(theta, gradients):
    o = torch.optim
    yield "rmsprop", "rmsprop", {"learning_rate": 0.01}, keras_rmsprop(theta, gradients, 0.01)
    yield "rmsprop_centered", "rmsprop", {"learning_rate": 0.01, "centered": True}, \
        keras_rmsprop(theta, gradients, 0.01, centered=True)
    yield "rmsprop_momentum_centered", "rmsprop", {"learning_rate": 0.01, "rho": 0.8, "momentum": 0.9, "centered": True}, \
        keras_rmsprop(theta, gradients, 0.01, rho=0.8, momentum=0.9, centered=True)
    yield "adagrad", "adagrad", {"learning_rate": 0.1}, keras_adagrad(theta, gradients, 0.1)
    yield "adagrad_zero_start", "adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 0.0}, \
        keras_adagrad(theta, gradients, 0.1, initial_accumulator_value=0.0)
    yield "adamax", "adamax", {"learning_rate": 0.01}, keras_adamax(theta, gradients, 0.01)
    yield "adamax_betas", "adamax", {"learning_rate": 0.02, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-3}, \
        keras_adamax(theta, gradients, 0.02, beta1=0.8, beta2=0.99, eps=1e-3)
    yield "nadam", "nadam", {"learning_rate": 0.01}, \
        with_torch(lambda p: o.NAdam(p, lr=0.01, eps=1e-7, momentum_decay=1.0, foreach=True), theta, gradients)
    yield "nadam_betas", "nadam", {"learning_rate": 0.01, "beta1": 0.8, "beta2": 0.99}, \
        with_torch(lambda p: o.NAdam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-7, momentum_decay=1.0, foreach=True), theta, gradients)
    yield "adamw", "adamw", {"learning_rate": 0.01}, keras_adamw(theta, gradients, 0.01)
    yield "adamw_strong_decay", "adamw", {"learning_rate": 0.01, "weight_decay": 0.5}, \
        keras_adamw(theta, gradients, 0.01, weight_decay=0.5)
    yield "sgd_global_clipnorm", "sgd", {"learning_rate": 0.05, "momentum": 0.9, "global_clipnorm": 1.0}, \
        with_torch_clipped(lambda p: o.SGD(p, lr=0.05, momentum=0.9), theta, gradients,
                           lambda p: p.grad.copy_(torch.tensor(keras_global_clip(p.grad.numpy(), 1.0))))
    yield "sgd_clipvalue", "sgd", {"learning_rate": 0.05, "momentum": 0.9, "clipvalue": 0.5}, \
        with_torch_clipped(lambda p: o.SGD(p, lr=0.05, momentum=0.9), theta, gradients,
                           lambda p: torch.nn.utils.clip_grad_value_([p], 0.5))


def main():
    theta, gradients = problem()
    check_write_outs(theta, gradients)
    document = {
        "torch": torch.__version__,
        "conventions": "Keras 3's rules and defaults; float64 from float32 parameters and gradients; see optimizer_fixtures.py",
        "initial": [float(x) for x in theta],
        "gradients": [[float(x) for x in g] for g in gradients],
        "cases": [],
    }
    for name, optimizer, settings, after in cases(theta, gradients):
        assert all(np.all(np.isfinite(a)) for a in after), name
        document["cases"].append({"name": name, "optimizer": optimizer, "settings": settings,
                                  "after_steps": [[float(x) for x in a] for a in after]})
        moved = np.max(np.abs(after[-1] - theta))
        print(f"{name}: largest move {moved:.4g}")
    path = os.path.join(HERE, "results", "optimizers.json")
    temporary = path + ".tmp"
    with open(temporary, "w") as f:
        json.dump(document, f, indent=1)
    os.replace(temporary, path)


if __name__ == "__main__":
    main()
