using System.Runtime.CompilerServices;

namespace StaticNet;

/// <summary>
/// Adam's update of one element; with decoupled weight decay (AdamW), the parameter is first multiplied by
/// <c>1 − lr·λ</c>, as PyTorch's AdamW does, and flushed to 0 when that makes it subnormal (a parameter under decay
/// alone shrinks geometrically). No other value here may become subnormal (<see cref="Subnormals"/>): both moments are
/// flushed to zero (a parameter whose gradient is always 0 has m decay by β1 a step), and gradients too small to square
/// are taken as 0 (<see cref="GradientFloor"/>). Scaling a gradient by 1 changes no bits, so the result is the same
/// whether the gradient came pre-scaled.
/// </summary>
internal readonly record struct AdamRule(float Beta1, float Beta2, float Epsilon, float StepSize, float Scale, float Keep, bool Decays) : IElementwiseRule
{
    /// <summary>Adam's rule for step <paramref name="step"/> (counted from 1), with decoupled weight decay <paramref name="weightDecay"/> (0: none).</summary>
    public static AdamRule ForStep(float beta1, float beta2, float epsilon, float learningRate, long step, float gradientScale, float weightDecay)
    {
        // The bias corrections are computed in double: β^t for large t underflows gracefully and stays exact enough.
        double t = step;
        float stepSize = (float)(learningRate * Math.Sqrt(1.0 - Math.Pow(beta2, t)) / (1.0 - Math.Pow(beta1, t)));
        return new AdamRule(beta1, beta2, epsilon, stepSize, gradientScale, Keep: 1f - learningRate * weightDecay, Decays: weightDecay != 0f);
    }

    /// <summary>
    /// The smallest gradient magnitude kept: below it <c>(1 − β2)·g²</c> would underflow float's normal range (taking the
    /// slow path on Intel at every step, as a trained network's gradients of 1e-18 do), and the gradient is taken as 0.
    /// What that drops is below float's resolution anyway: <c>v</c> would gain nothing, and the step from <c>m</c> would
    /// be under <c>lr · 1e-11</c>.
    /// </summary>
    public float GradientFloor { get; } = Subnormals.SquareFloor(1f - Beta2);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Vectors<TWidth, TVector>(in UpdateBuffers buffers, int i)
        where TWidth : IVectorWidth<TVector>
        where TVector : struct
    {
        ref float p0 = ref buffers.Parameters;
        ref float g0 = ref buffers.Gradient;
        ref float m0 = ref buffers.State0;
        ref float v0 = ref buffers.State1;
        int n = buffers.Length;

        // The constants are vectors made once, outside the loop (the JIT does not hoist broadcasts out of it).
        TVector scale = TWidth.Create(Scale);
        TVector beta1 = TWidth.Create(Beta1);
        TVector oneMinusBeta1 = TWidth.Create(1f - Beta1);
        TVector beta2 = TWidth.Create(Beta2);
        TVector oneMinusBeta2 = TWidth.Create(1f - Beta2);
        TVector stepSize = TWidth.Create(StepSize);
        TVector epsilon = TWidth.Create(Epsilon);
        TVector gradientFloor = TWidth.Create(GradientFloor);
        TVector smallestNormal = TWidth.Create(Subnormals.SmallestNormal);
        TVector keep = TWidth.Create(Keep);
        for (; i + TWidth.Lanes <= n; i += TWidth.Lanes)
        {
            nuint k = (nuint)i;
            TVector g = TWidth.ZeroBelow(TWidth.Multiply(TWidth.LoadUnsafe(ref g0, k), scale), gradientFloor);
            TVector m = TWidth.ZeroBelow(TWidth.Add(TWidth.Multiply(beta1, TWidth.LoadUnsafe(ref m0, k)), TWidth.Multiply(oneMinusBeta1, g)), smallestNormal);
            TVector v = TWidth.ZeroBelow(TWidth.Add(TWidth.Multiply(beta2, TWidth.LoadUnsafe(ref v0, k)), TWidth.Multiply(oneMinusBeta2, TWidth.Multiply(g, g))), smallestNormal);
            TWidth.StoreUnsafe(m, ref m0, k);
            TWidth.StoreUnsafe(v, ref v0, k);
            TVector p = TWidth.LoadUnsafe(ref p0, k);
            if (Decays)
            {
                p = TWidth.ZeroBelow(TWidth.Multiply(p, keep), smallestNormal);
            }

            TVector step = TWidth.Divide(TWidth.Multiply(stepSize, m), TWidth.Add(TWidth.Sqrt(v), epsilon));
            TWidth.StoreUnsafe(TWidth.Subtract(p, step), ref p0, k);
        }

        return i;
    }

    public void Element(in UpdateBuffers buffers, int i)
    {
        float g = Subnormals.ZeroBelow(Unsafe.Add(ref buffers.Gradient, i) * Scale, GradientFloor);
        ref float m = ref Unsafe.Add(ref buffers.State0, i);
        ref float v = ref Unsafe.Add(ref buffers.State1, i);
        ref float p = ref Unsafe.Add(ref buffers.Parameters, i);
        m = Subnormals.Flush(Beta1 * m + (1f - Beta1) * g);
        v = Subnormals.Flush(Beta2 * v + (1f - Beta2) * (g * g));
        float decayed = Decays ? Subnormals.Flush(p * Keep) : p;
        p = decayed - StepSize * m / (MathF.Sqrt(v) + Epsilon);
    }
}
