"""PyTorch float64 references for StaticNet's SimpleRNN, GRU and LSTM (Keras 3's semantics).

Writes tests/reference/results/recurrent.json, read by tests/StaticNet.Tests/Reference/RecurrentAgreementTests.cs.
Each case draws float32 weights in Keras's layout, runs the layer over a batch of sequences in PyTorch (float64, batch
first), and records the output (every step's state or the last one's), and the gradients of L = sum(output * R) for a
fixed random R with respect to the kernel, the recurrent kernel, the bias and the input, translated back to Keras's
layout. Sizes are odd on purpose (3 features, 5 units, 7 steps) and batches are 1 and 8. Each case also records the
tensors after three of Keras's Adam steps on that loss (Keras's epsilon placement, written out in keras_adam), and the
masked cases a padding mask (Keras's Embedding(mask_zero=True)): the sequence is run a step at a time, the states kept
where the mask is 0, as Keras's backend.rnn does, one sample all padding, another none.

The translation from Keras to PyTorch, written out below:
  - Keras kernels are (features, gates * units) and (units, gates * units), used as x @ W; PyTorch's weight_ih and
    weight_hh are (gates * hidden, features) and (gates * hidden, hidden), used as W @ x: transposed.
  - SimpleRNN: one bias in Keras; PyTorch's bias_ih = b, bias_hh = 0 (the two enter only as their sum, so each has the
    Keras bias's gradient).
  - GRU, Keras's gate columns z, r, h; PyTorch's rows r, z, n: the first two blocks swap. With reset_after (Keras 3's
    default), Keras's bias is (2, 3 * units), the input row and the recurrent row: PyTorch's bias_ih and bias_hh (each
    with r and z swapped). PyTorch's GRU is the reset_after form (n = tanh(W_in x + b_in + r * (W_hn h + b_hn))).
    Keras's reset_after=False (n = tanh(x W_h + (r * h) U_h + b_h), one bias) has no PyTorch module: it is written out
    below with torch operations, and autograd gives its gradients.
  - LSTM: Keras's columns i, f, c, o are PyTorch's i, f, g, o (the same order); Keras's one bias is bias_ih, bias_hh = 0.
  - Both start from zero states. Keras's return_sequences=False output is the last step's h, PyTorch's output[:, -1].
  - Bidirectional (Keras's wrapper, merge_mode "concat"): PyTorch's bidirectional=True, its *_reverse weights the
    backward layer's; every step's output is [forward, backward] in both. The last state is NOT PyTorch's output[:, -1]
    (there the backward direction has read one step): Keras concatenates each direction's final state, PyTorch's h_n[0]
    and h_n[1].

Deterministic: a seeded numpy generator, one thread. Run with Debian's interpreter:
/usr/bin/python3 tests/reference/recurrent_fixtures.py
"""
import json
import os

import numpy as np
import torch

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
HERE = os.path.dirname(os.path.abspath(__file__))


def t64(a):
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64)


def gru_swap(a, units, axis):
    """Keras's z, r, h blocks to PyTorch's r, z, n (and back: the swap is its own inverse)."""
    z, r, h = np.split(np.asarray(a), 3, axis=axis)
    return np.concatenate([r, z, h], axis=axis)


def torch_weights(cell, units, kernel, recurrent, bias):
    """Keras's kernel, recurrent kernel and bias as PyTorch's weight_ih, weight_hh, bias_ih, bias_hh."""
    if cell == "GRU":
        return (gru_swap(kernel, units, 1).T, gru_swap(recurrent, units, 1).T,
                gru_swap(bias[0], units, 0), gru_swap(bias[1], units, 0))
    return kernel.T, recurrent.T, bias, np.zeros_like(bias)


def torch_module(cell, features, units, weights, bidirectional=False):
    kind = {"SimpleRNN": torch.nn.RNN, "GRU": torch.nn.GRU, "LSTM": torch.nn.LSTM}[cell]
    m = kind(features, units, batch_first=True, bidirectional=bidirectional).double()
    with torch.no_grad():
        for suffix, (ih, hh, bih, bhh) in zip(["", "_reverse"], weights):
            getattr(m, "weight_ih_l0" + suffix).copy_(t64(ih))
            getattr(m, "weight_hh_l0" + suffix).copy_(t64(hh))
            getattr(m, "bias_ih_l0" + suffix).copy_(t64(bih))
            getattr(m, "bias_hh_l0" + suffix).copy_(t64(bhh))
    return m


def keras_gradients(cell, units, m, suffix):
    """The gradients of one direction's PyTorch weights, in Keras's layout."""
    dih, dhh = getattr(m, "weight_ih_l0" + suffix).grad.numpy(), getattr(m, "weight_hh_l0" + suffix).grad.numpy()
    dbih, dbhh = getattr(m, "bias_ih_l0" + suffix).grad.numpy(), getattr(m, "bias_hh_l0" + suffix).grad.numpy()
    if cell == "GRU":
        return gru_swap(dih.T, units, 1), gru_swap(dhh.T, units, 1), np.stack([gru_swap(dbih, units, 0), gru_swap(dbhh, units, 0)])
    # Keras's one bias is bias_ih + bias_hh (bias_hh held at 0): the pre-activations depend on their sum, so each
    # has the Keras bias's gradient (they are equal; check, and take one).
    assert np.allclose(dbih, dbhh, rtol=1e-12, atol=1e-14)
    return dih.T, dhh.T, dbih


def gru_reset_before_step(xt, h, kernel, recurrent, bias, units):
    """One step of Keras's GRU with reset_after=False: z, r = sigmoid(x W + h U + b); n = tanh(x W_h + (r h) U_h + b_h)."""
    gx = xt @ kernel + bias
    gh = h @ recurrent[:, :2 * units]
    z = torch.sigmoid(gx[:, :units] + gh[:, :units])
    r = torch.sigmoid(gx[:, units:2 * units] + gh[:, units:])
    n = torch.tanh(gx[:, 2 * units:] + (r * h) @ recurrent[:, 2 * units:])
    return z * h + (1 - z) * n


def stepped_direction(cell, units, X, mask, reverse, zero_output, step):
    """One direction a step at a time, with Keras's mask: where mask[:, t] is 0 the states carry over (Keras's
    backend.rnn takes where(mask, new, old)), and the step's output is the carried h, or 0 with zero_output (Keras's
    Bidirectional forces zero_output_for_mask when it returns sequences). step(x_t, states) gives the new states."""
    batch, steps, _ = X.shape
    states = [torch.zeros(batch, units, dtype=torch.float64) for _ in range(2 if cell == "LSTM" else 1)]
    outputs = [None] * steps
    for t in (reversed(range(steps)) if reverse else range(steps)):
        keep = t64(mask[:, t:t + 1])
        new = step(X[:, t, :], states)
        states = [keep * n + (1 - keep) * o for n, o in zip(new, states)]
        outputs[t] = keep * states[0] if zero_output else states[0]
    return torch.stack(outputs, dim=1), states[0]


def module_step(cell, m):
    """A unidirectional PyTorch module run for one step from given states."""
    def step(xt, states):
        if cell == "LSTM":
            _, (h, c) = m(xt[:, None, :], (states[0][None], states[1][None]))
            return [h[0], c[0]]
        _, h = m(xt[:, None, :], states[0][None])
        return [h[0]]
    return step


def run(cell, units, tensors, x, weights, return_sequences, reset_after, mask):
    """The layer on x with Keras's tensors (one (kernel, recurrent, bias) per direction): the output, dL/dx and every
    tensor's gradient in Keras's layout, for L = sum(output * weights)."""
    directions = len(tensors)
    features = x.shape[2]
    X = t64(x).requires_grad_(True)
    if cell == "GRU" and not reset_after:
        kernel, recurrent, bias = tensors[0]
        K, U, B = (t64(a).requires_grad_(True) for a in (kernel, recurrent, bias))
        step = lambda xt, states: [gru_reset_before_step(xt, states[0], K, U, B, units)]
        seq, last = stepped_direction(cell, units, X, mask if mask is not None else np.ones(x.shape[:2]), False, False, step)
        output = seq if return_sequences else last
        modules = None
    elif mask is not None:
        # Keras's mask has no PyTorch counterpart: each direction a step at a time through its own module.
        modules = [torch_module(cell, features, units, [torch_weights(cell, units, *t)]) for t in tensors]
        results = [stepped_direction(cell, units, X, mask, d == 1, directions == 2 and return_sequences, module_step(cell, m))
                   for d, m in enumerate(modules)]
        output = torch.cat([r[0] for r in results], dim=2) if return_sequences else torch.cat([r[1] for r in results], dim=1)
    else:
        # Gradients flow to the module's weights; they are read back and translated to Keras's layout.
        m = torch_module(cell, features, units, [torch_weights(cell, units, *t) for t in tensors], directions == 2)
        seq, state = m(X)
        h_n = state[0] if cell == "LSTM" else state
        output = seq if return_sequences else torch.cat([h_n[d] for d in range(directions)], dim=1)
        modules = [m]
    loss = torch.sum(output * t64(weights))
    loss.backward()

    if modules is None:
        grads = [(K.grad.numpy(), U.grad.numpy(), B.grad.numpy())]
    elif len(modules) == directions:
        grads = [keras_gradients(cell, units, m, "") for m in modules]
    else:
        grads = [keras_gradients(cell, units, modules[0], suffix) for suffix in ["", "_reverse"][:directions]]
    return output.detach().numpy(), X.grad.numpy(), grads


def keras_adam(tensors, grads, moments, step, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-7):
    """Keras 3's Adam, written out (PyTorch's adds eps to the bias-corrected sqrt(v); Keras to sqrt(v) before the
    correction, which it folds into the step size): m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
    theta -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)."""
    t = step + 1
    alpha = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    updated = []
    for d, (tensor_set, grad_set) in enumerate(zip(tensors, grads)):
        new_set = []
        for k, (theta, g) in enumerate(zip(tensor_set, grad_set)):
            m, v = moments.setdefault((d, k), (np.zeros_like(g), np.zeros_like(g)))
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g * g
            moments[(d, k)] = (m, v)
            new_set.append(np.asarray(theta, dtype=np.float64) - alpha * m / (np.sqrt(v) + eps))
        updated.append(tuple(new_set))
    return updated


def padding_mask(rng, batch, steps, scatter):
    """1 for a real step, 0 for padding: lengths from 0 (all padding) to every step, at the end or scattered."""
    mask = np.zeros((batch, steps))
    for s in range(batch):
        length = [0, steps][s] if s < 2 else int(rng.integers(1, steps))
        positions = np.sort(rng.permutation(steps)[:length]) if scatter else np.arange(length)
        mask[s, positions] = 1
    return mask


def case(rng, name, cell, batch, steps, features, units, return_sequences, reset_after=True, bidirectional=False, masked=None):
    gates = {"SimpleRNN": 1, "GRU": 3, "LSTM": 4}[cell]
    width = gates * units
    directions = 2 if bidirectional else 1
    tensors = []
    for _ in range(directions):
        kernel = (rng.standard_normal((features, width)) * 0.5).astype(np.float32)
        recurrent = (rng.standard_normal((units, width)) * 0.5).astype(np.float32)
        bias_shape = (2, width) if cell == "GRU" and reset_after else (width,)
        bias = (rng.standard_normal(bias_shape) * 0.3).astype(np.float32)
        tensors.append((kernel, recurrent, bias))
    x = rng.standard_normal((batch, steps, features)).astype(np.float32)
    out_units = units * directions
    out_shape = (batch, steps, out_units) if return_sequences else (batch, out_units)
    weights = rng.standard_normal(out_shape).astype(np.float32)
    mask = None if masked is None else padding_mask(rng, batch, steps, scatter=masked == "scattered")

    output, input_gradient, grads = run(cell, units, tensors, x, weights, return_sequences, reset_after, mask)

    # Three of Keras's Adam steps on the same loss: the parameters after them, in Keras's layout.
    current, moments = [tuple(np.asarray(a, dtype=np.float64) for a in t) for t in tensors], {}
    step_grads = grads
    for step in range(3):
        current = keras_adam(current, step_grads, moments, step)
        step_grads = run(cell, units, current, x, weights, return_sequences, reset_after, mask)[2]

    flat = lambda a: [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]
    document = {
        "name": name, "cell": cell, "batch": batch, "steps": steps, "features": features, "units": units,
        "return_sequences": return_sequences, "reset_after": reset_after, "bidirectional": bidirectional,
        "x": flat(x), "output_weights": flat(weights), "output": flat(output), "input_gradient": flat(input_gradient),
    }
    if mask is not None:
        document["mask"] = flat(mask)
    for prefix, (kernel, recurrent, bias), (dK, dU, dB), (aK, aU, aB) in zip(["", "backward_"], tensors, grads, current):
        document.update({
            prefix + "kernel": flat(kernel), prefix + "recurrent_kernel": flat(recurrent), prefix + "bias": flat(bias),
            prefix + "kernel_gradient": flat(dK), prefix + "recurrent_kernel_gradient": flat(dU), prefix + "bias_gradient": flat(dB),
            prefix + "kernel_after_adam": flat(aK), prefix + "recurrent_kernel_after_adam": flat(aU), prefix + "bias_after_adam": flat(aB),
        })
    return document


def main():
    rng = np.random.default_rng(2026)
    cases = [
        case(rng, "simple_rnn_last", "SimpleRNN", 8, 7, 3, 5, False),
        case(rng, "simple_rnn_sequences_batch1", "SimpleRNN", 1, 7, 3, 5, True),
        case(rng, "gru_last", "GRU", 8, 7, 3, 5, False),
        case(rng, "gru_sequences_batch1", "GRU", 1, 7, 3, 5, True),
        case(rng, "gru_reset_before", "GRU", 8, 7, 3, 5, False, reset_after=False),
        case(rng, "gru_reset_before_sequences", "GRU", 1, 7, 3, 5, True, reset_after=False),
        case(rng, "lstm_last", "LSTM", 8, 7, 3, 5, False),
        case(rng, "lstm_sequences_batch1", "LSTM", 1, 7, 3, 5, True),
        case(rng, "bidirectional_gru_last", "GRU", 8, 7, 3, 5, False, bidirectional=True),
        case(rng, "bidirectional_lstm_sequences", "LSTM", 1, 7, 3, 5, True, bidirectional=True),
        case(rng, "masked_simple_rnn_sequences", "SimpleRNN", 4, 7, 3, 5, True, masked="scattered"),
        case(rng, "masked_gru_last", "GRU", 8, 7, 3, 5, False, masked="end"),
        case(rng, "masked_gru_reset_before_sequences", "GRU", 3, 7, 3, 5, True, reset_after=False, masked="scattered"),
        case(rng, "masked_lstm_last", "LSTM", 8, 7, 3, 5, False, masked="scattered"),
        case(rng, "masked_bidirectional_gru_sequences", "GRU", 3, 7, 3, 5, True, bidirectional=True, masked="scattered"),
        case(rng, "masked_bidirectional_lstm_last", "LSTM", 4, 7, 3, 5, False, bidirectional=True, masked="end"),
    ]
    document = {"torch": torch.__version__, "conventions": "Keras 3 layouts and gate orders; see recurrent_fixtures.py", "cases": cases}
    path = os.path.join(HERE, "results", "recurrent.json")
    with open(path + ".tmp", "w") as f:
        json.dump(document, f)
    os.replace(path + ".tmp", path)
    for c in cases:
        print(c["name"], "output", len(c["output"]), "max |dK|", max(abs(v) for v in c["kernel_gradient"]))


if __name__ == "__main__":
    main()
