using System.Numerics;

namespace StaticNet;

/// <summary>
/// Adam, with Keras's defaults and Keras's update (Kingma and Ba's "epsilon hat" form):
/// <code>
/// t  ← t + 1
/// m  ← β1·m + (1 − β1)·g
/// v  ← β2·v + (1 − β2)·g²
/// θ  ← θ − lr·sqrt(1 − β2^t)/(1 − β1^t) · m / (sqrt(v) + ε)
/// </code>
/// PyTorch adds ε to the bias-corrected <c>sqrt(v̂)</c> instead; the two agree except when <c>sqrt(v)</c> is near ε.
/// </summary>
/// <param name="learningRate">The step size (Keras's default 0.001).</param>
/// <param name="beta1">Decay of the first moment.</param>
/// <param name="beta2">Decay of the second moment.</param>
/// <param name="epsilon">Added to <c>sqrt(v)</c> to keep the division finite.</param>
public sealed class Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f) : IOptimizer
{
    private float[] _m = [];
    private float[] _v = [];

    /// <summary>The step size.</summary>
    public float LearningRate { get; set; } = learningRate;

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; } = beta1;

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; } = beta2;

    /// <summary>Added to <c>sqrt(v)</c>.</summary>
    public float Epsilon { get; } = epsilon;

    /// <summary>How many steps have been taken.</summary>
    public long Iterations { get; private set; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        OptimizerState.EnsureSize(ref _m, parameters.Length, gradient.Length);
        OptimizerState.EnsureSize(ref _v, parameters.Length, gradient.Length);
        Iterations++;

        // The bias corrections are computed in double: β^t for large t underflows gracefully and stays exact enough.
        double t = Iterations;
        float stepSize = (float)(LearningRate * Math.Sqrt(1.0 - Math.Pow(Beta2, t)) / (1.0 - Math.Pow(Beta1, t)));
        float b1 = Beta1, b2 = Beta2, oneMinusB1 = 1f - Beta1, oneMinusB2 = 1f - Beta2, eps = Epsilon;
        Span<float> m = _m, v = _v;

        // The vector and scalar paths do the same float operations in the same order, so the result does not depend on
        // the vector width of the machine.
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= parameters.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(gradient[i..]);
                var mi = b1 * new Vector<float>(m[i..]) + oneMinusB1 * g;
                var vi = b2 * new Vector<float>(v[i..]) + oneMinusB2 * (g * g);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                var update = stepSize * mi / (Vector.SquareRoot(vi) + new Vector<float>(eps));
                (new Vector<float>(parameters[i..]) - update).CopyTo(parameters[i..]);
            }
        }

        for (; i < parameters.Length; i++)
        {
            float g = gradient[i];
            float mi = b1 * m[i] + oneMinusB1 * g;
            float vi = b2 * v[i] + oneMinusB2 * (g * g);
            m[i] = mi;
            v[i] = vi;
            parameters[i] -= stepSize * mi / (MathF.Sqrt(vi) + eps);
        }
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _m = [];
        _v = [];
        Iterations = 0;
    }
}
