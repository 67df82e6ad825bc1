"""The rational tanh of the recurrent gates (src/StaticNet/Layers/GateFunctions.cs): its coefficients and its error.

tanh(x) = x * p(t) / q(t), t = x^2, x clamped to +-9 (tanh(9) rounds to 1 in float32), with p and q of degree 4 and
p(0) = q(0) = 1, so that tanh(x) = x for tiny x. The coefficients minimise the largest relative error of p/q against
tanh(x)/x on [0, 9]: Lawson's iteratively reweighted least squares on the linearised residual p - g q (g = tanh(x)/x),
in s = x^2 / 81 for conditioning, then rescaled to powers of t.

The script then models the C# evaluation in float32 (Horner's rule, 1 + t (P1 + t (P2 + t (P3 + t P4))), the same for
q, then (x p) / q; fused multiply-adds emulated exactly in float64) over every 13th float of (0, 9] and prints the
largest error in the unit the C# test uses (2^-23 of |tanh(x)|). Run: /usr/bin/python3 tests/reference/tanh_rational_fit.py
Printed when the coefficients were made: fit 2.14e-08; float32 model at most 2.64 (the C# code measured 2.57 over every
7th float of [0, 10], with and without AVX-512).
"""
import numpy as np

LIMIT = 9.0
DEGREE = 4


def fit():
    x = np.unique(np.concatenate([np.linspace(0, LIMIT, 40000), LIMIT * np.sin(np.linspace(0, np.pi / 2, 40000))]))
    s = (x / LIMIT) ** 2
    g = np.where(x > 0, np.tanh(x) / np.where(x > 0, x, 1), 1.0)
    powers = s[:, None] ** np.arange(1, DEGREE + 1)[None, :]
    weights = np.ones_like(s) / len(s)
    best, best_error, q_previous = None, np.inf, np.ones_like(s)
    for _ in range(600):
        a = np.hstack([powers, -(g[:, None] * powers)])
        scale = np.sqrt(weights) / (g * q_previous)  # relative error of p/q, q taken from the last round
        coefficients, *_ = np.linalg.lstsq(a * scale[:, None], (g - 1) * scale, rcond=None)
        p = 1 + powers @ coefficients[:DEGREE]
        q = 1 + powers @ coefficients[DEGREE:]
        q_previous = q
        error = np.abs(p / q / g - 1)
        if error.max() < best_error:
            best, best_error = coefficients, error.max()
        weights = weights * error
        weights /= weights.sum()
    rescale = LIMIT ** (2 * np.arange(1, DEGREE + 1))
    return best[:DEGREE] / rescale, best[DEGREE:] / rescale, best_error


def fma(a, b, c):
    return (a.astype(np.float64) * b.astype(np.float64) + c.astype(np.float64)).astype(np.float32)


def horner(c, t):
    value = np.full_like(t, c[-1])
    for coefficient in c[-2::-1]:
        value = fma(value, t, np.full_like(t, coefficient))
    return fma(value, t, np.ones_like(t))


def main():
    p, q, error = fit()
    p32, q32 = p.astype(np.float32), q.astype(np.float32)
    print(f"fit: largest relative error {error:.3g}")
    print("P1..P4:", ", ".join(np.format_float_scientific(v, unique=True) + "f" for v in p32))
    print("Q1..Q4:", ", ".join(np.format_float_scientific(v, unique=True) + "f" for v in q32))
    x = np.arange(1, 0x41100000, 13, dtype=np.uint32).view(np.float32)
    clamped = np.minimum(x, np.float32(LIMIT))
    t = (clamped * clamped).astype(np.float32)
    y = ((clamped * horner(p32, t)).astype(np.float32) / horner(q32, t)).astype(np.float32)
    exact = np.tanh(x.astype(np.float64))
    units = np.abs(y - exact) / (np.maximum(np.abs(exact), 1e-37) * 2.0 ** -23)
    print(f"float32 model: at most {units.max():.3g} units of 2^-23 |tanh(x)| (at x = {x[units.argmax()]!r})")


if __name__ == "__main__":
    main()
