using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Generated;

/// <summary>
/// Activations over whole spans, in place, and their backward passes expressed through the activation's output
/// (every supported activation's derivative is a function of its output, so the pre-activation need not be kept).
/// Generated code calls these for the output layer and for layers too wide to unroll; small hidden layers get the same
/// formulas written out inline.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Activations
{
    /// <summary>Applies <paramref name="activation"/> to <paramref name="values"/> in place.</summary>
    public static void Apply(Activation activation, Span<float> values, float negativeSlope = 0.2f)
    {
        switch (activation)
        {
            case Activation.Linear:
                break;
            case Activation.ReLU:
                TensorPrimitives.Max(values, 0f, values);
                break;
            case Activation.LeakyReLU:
                LeakyReLU(values, negativeSlope);
                break;
            case Activation.Sigmoid:
                Sigmoid(values);
                break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(values, values);
                break;
            case Activation.Softmax:
                Softmax(values);
                break;
            case Activation.ELU or Activation.SELU or Activation.Softplus or Activation.HardSigmoid or Activation.GELU or Activation.GELUTanh or Activation.SiLU:
                ApplyExponential(activation, values);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>
    /// <see cref="Apply"/> as the runtime's loop-based layer references use it: tanh element by element with the scalar math
    /// library (<see cref="TanhPrecise"/>), correctly rounded where the vectorised approximation may be a few units in the
    /// last place off, which a saturated unit's derivative 1 − a² magnifies; the others as <see cref="Apply"/>.
    /// </summary>
    internal static void ApplyPrecise(Activation activation, Span<float> values, float negativeSlope)
    {
        if (activation == Activation.Tanh)
        {
            TanhPrecise(values);
            return;
        }

        Apply(activation, values, negativeSlope);
    }

    /// <summary>
    /// Applies <paramref name="activation"/> to rows of <paramref name="width"/> values, from <paramref name="values"/> into
    /// <paramref name="outputs"/> (the same length; they may be the same span). Softmax is taken over each row, as
    /// <see cref="LossFunctions.SoftmaxCrossEntropyBatch"/> takes it, and tanh row by row as the losses apply it, so that
    /// each row has the bits a loss gives it; the other activations element by element, as <see cref="Apply"/>.
    /// </summary>
    public static void ApplyRows(Activation activation, ReadOnlySpan<float> values, Span<float> outputs, int width, float negativeSlope = 0.2f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (values.Length % width != 0 || outputs.Length != values.Length)
        {
            ShapeGuard.ThrowLength(nameof(outputs), values.Length, outputs.Length, "the values' length, a whole number of rows");
        }

        if (activation != Activation.Softmax)
        {
            // Tanh goes a row at a time, as the losses apply it: the vectorised tanh gives a value other bits in a vector
            // block than in the scalar tail. The others are element by element, so one call does every row.
            values.CopyTo(outputs);
            int span = activation == Activation.Tanh ? width : outputs.Length;
            for (int row = 0; row < outputs.Length; row += span)
            {
                Apply(activation, outputs.Slice(row, span), negativeSlope);
            }

            return;
        }

        const int Chunk = 64;
        Span<float> logSumExp = stackalloc float[Chunk];
        int rows = values.Length / width;
        for (int first = 0; first < rows; first += Chunk)
        {
            int n = Math.Min(Chunk, rows - first);
            SoftmaxRows(values.Slice(first * width, n * width), outputs.Slice(first * width, n * width), width, logSumExp.Slice(0, n), keepLogSumExp: false);
        }
    }

    /// <summary>
    /// Tanh in place, element by element with the scalar math library: correctly rounded where the vectorised
    /// approximation (<see cref="TensorPrimitives.Tanh{T}(ReadOnlySpan{T}, Span{T})"/>) without FMA can be a few units in
    /// the last place off, which a saturated unit's derivative 1 − a² magnifies. The reference passes and the 128-bit
    /// mini-batch passes (a default Native AOT build, which has no FMA) use it.
    /// </summary>
    public static void TanhPrecise(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = MathF.Tanh(values[i]);
        }
    }

    /// <summary>Leaky ReLU in place: <c>z</c> above zero, <c>slope·z</c> below (branch-free: <c>max(z, slope·z)</c> for slope in [0, 1]).</summary>
    public static void LeakyReLU(Span<float> values, float negativeSlope)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float z = values[i];
            values[i] = MathF.Max(z, negativeSlope * z);
        }
    }

    /// <summary>Logistic sigmoid in place, without overflow for large |z|.</summary>
    public static void Sigmoid(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Sigmoid(values[i]);
        }
    }

    /// <summary>Logistic sigmoid of one value, written so that neither branch overflows.</summary>
    public static float Sigmoid(float z)
    {
        if (z >= 0f)
        {
            return 1f / (1f + MathF.Exp(-z));
        }

        float e = MathF.Exp(z);
        return e / (1f + e);
    }

    /// <summary>
    /// Softmax in place, shifted by the maximum so that no exponential overflows. The same operations, in the same order, as
    /// each row of <see cref="SoftmaxRows(ReadOnlySpan{float}, Span{float}, int, Span{float})"/>, so a network's <c>Forward</c> gives the same bits as its training step's output.
    /// The maximum is the processor's <c>max</c> (one instruction, where <c>MathF.Max</c> adds NaN and signed-zero fix-ups):
    /// any order gives the same maximum, the sign of a zero maximum cannot change <c>z − max</c>, and a NaN logit makes
    /// every probability NaN whether or not the maximum sees it.
    /// </summary>
    /// <remarks>
    /// Inlined into its caller: for a classifier's few outputs (up to 4) the work is done in one register, and a generated
    /// <c>Forward</c>, whose output length is a constant, keeps only that path. Longer spans call <see cref="SoftmaxOfMany"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Softmax(Span<float> values)
    {
        if (values.Length is > 0 and <= 4 && Vector256.IsHardwareAccelerated)
        {
            SoftmaxOfFew(values);
            return;
        }

        SoftmaxOfMany(values);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SoftmaxOfMany(Span<float> values)
    {
        ref float v0 = ref MemoryMarshal.GetReference(values);
        ShiftByMaximum(ref v0, ref v0, values.Length);
        FloatMath.Exp(values, values);
        DivideBySum(ref v0, values.Length);
    }

    /// <summary>
    /// <see cref="Softmax(Span{float})"/> of 1 to 4 values in one <see cref="Vector128{T}"/>, with the same operations in the
    /// same order (the maximum taken pairwise, which gives the same value): the shift, the exponentials, the sum in order, one
    /// division, the scaling.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SoftmaxOfFew(Span<float> values)
    {
        int n = values.Length;
        ref float v0 = ref MemoryMarshal.GetReference(values);
        float z0 = v0;
        float z1 = n > 1 ? Unsafe.Add(ref v0, 1) : z0;
        float z2 = n > 2 ? Unsafe.Add(ref v0, 2) : z0;
        float z3 = n > 3 ? Unsafe.Add(ref v0, 3) : z0;
        float max = float.MaxNative(float.MaxNative(z0, z1), float.MaxNative(z2, z3));

        // Padding lanes repeat z0 (the exponential's slow path for ±∞ and huge arguments is for real inputs only) and are
        // left out of the sum.
        Vector128<float> e = FloatMath.Exp(Vector128.Create(z0, z1, z2, z3) - Vector128.Create(max));
        float sum = 0f + e.GetElement(0);
        if (n > 1)
        {
            sum += e.GetElement(1);
        }

        if (n > 2)
        {
            sum += e.GetElement(2);
        }

        if (n > 3)
        {
            sum += e.GetElement(3);
        }

        Vector128<float> p = e * Vector128.Create(1f / sum);
        v0 = p.GetElement(0);
        if (n > 1)
        {
            Unsafe.Add(ref v0, 1) = p.GetElement(1);
        }

        if (n > 2)
        {
            Unsafe.Add(ref v0, 2) = p.GetElement(2);
        }

        if (n > 3)
        {
            Unsafe.Add(ref v0, 3) = p.GetElement(3);
        }
    }

    /// <summary>
    /// Softmax of each row of <paramref name="classes"/> logits (as many rows as <paramref name="logSumExp"/> holds), into
    /// <paramref name="probabilities"/> (which may be the same span), and each row's logsumexp. Each row is shifted by its
    /// maximum, so no exponential overflows; the exponentials and the logarithms of all rows go through one vectorised pass
    /// each (<see cref="FloatMath"/>), which is where a row-at-a-time softmax spent its time. A row's result is the same
    /// whichever rows it is computed with.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SoftmaxRows(ReadOnlySpan<float> logits, Span<float> probabilities, int classes, Span<float> logSumExp) =>
        SoftmaxRows(logits, probabilities, classes, logSumExp, keepLogSumExp: true);

    /// <summary>
    /// <see cref="SoftmaxRows(ReadOnlySpan{float}, Span{float}, int, Span{float})"/>, where without
    /// <paramref name="keepLogSumExp"/> the logarithms are skipped and <paramref name="logSumExp"/> is scratch (a forward
    /// pass needs only the probabilities, which are the same bits either way).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SoftmaxRows(ReadOnlySpan<float> logits, Span<float> probabilities, int classes, Span<float> logSumExp, bool keepLogSumExp)
    {
        int rows = logSumExp.Length;
        if (logits.Length != rows * classes || probabilities.Length != logits.Length)
        {
            ShapeGuard.ThrowLength(nameof(probabilities), rows * classes, probabilities.Length, "rows × classes");
        }

        // Chunks of rows, so the buffer of row sums fits on the stack whatever the row count.
        const int Chunk = 64;
        Span<float> sums = stackalloc float[Chunk];
        for (int first = 0; first < rows; first += Chunk)
        {
            int n = Math.Min(Chunk, rows - first);
            SoftmaxChunk(logits.Slice(first * classes, n * classes), probabilities.Slice(first * classes, n * classes), classes, logSumExp.Slice(first, n), sums.Slice(0, n), keepLogSumExp);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SoftmaxChunk(ReadOnlySpan<float> logits, Span<float> probabilities, int classes, Span<float> logSumExp, Span<float> sums, bool keepLogSumExp)
    {
        // Lengths were checked by the caller: rows × classes each.
        int rows = logSumExp.Length;
        ref float z0 = ref MemoryMarshal.GetReference(logits);
        ref float p0 = ref MemoryMarshal.GetReference(probabilities);
        // AVX2 without AVX-512's permutes; and only where 256-bit vectors are accelerated, since only then do the row path's
        // exponentials (FloatMath) take the double-precision vector form that the lanes take, so the bits agree.
        if (classes > 1 && !SampleLanes.Permutable(classes) && SampleLanes.Permutable256(classes) && Vector256.IsHardwareAccelerated)
        {
            // The class count as a type argument, so that each count's code has constant loop bounds; Permutable256 allows 2
            // to 8 here, so one of the cases returns.
            switch (classes)
            {
                case 2:
                    SoftmaxInLanes256<Constant.Two>(ref z0, ref p0, rows, logSumExp, keepLogSumExp);
                    return;
                case 3:
                    SoftmaxInLanes256<Constant.Three>(ref z0, ref p0, rows, logSumExp, keepLogSumExp);
                    return;
                case 4:
                    SoftmaxInLanes256<Constant.Four>(ref z0, ref p0, rows, logSumExp, keepLogSumExp);
                    return;
                case 5:
                    SoftmaxInLanes256<Constant.Five>(ref z0, ref p0, rows, logSumExp, keepLogSumExp);
                    return;
                case 6:
                    SoftmaxInLanes256<Constant.Six>(ref z0, ref p0, rows, logSumExp, keepLogSumExp);
                    return;
                case 7:
                    SoftmaxInLanes256<Constant.Seven>(ref z0, ref p0, rows, logSumExp, keepLogSumExp);
                    return;
                case 8:
                    SoftmaxInLanes256<Constant.Eight>(ref z0, ref p0, rows, logSumExp, keepLogSumExp);
                    return;
            }
        }

        int inLanes = classes > 1 && SampleLanes.Permutable(classes) ? rows / SampleLanes.Count * SampleLanes.Count : 0;
        if (inLanes > 0)
        {
            SoftmaxInLanes(ref z0, ref p0, classes, inLanes, logSumExp, keepLogSumExp);
            if (inLanes == rows)
            {
                return;
            }

            int done = inLanes * classes;
            SoftmaxChunk(logits.Slice(done), probabilities.Slice(done), classes, logSumExp.Slice(inLanes), sums.Slice(inLanes), keepLogSumExp);
            return;
        }

        for (int r = 0; r < rows; r++)
        {
            logSumExp[r] = ShiftByMaximum(ref Unsafe.Add(ref z0, r * classes), ref Unsafe.Add(ref p0, r * classes), classes);
        }

        FloatMath.Exp(probabilities, probabilities);

        // The sums go into a buffer so that their logarithms are one vector pass too.
        for (int r = 0; r < rows; r++)
        {
            sums[r] = DivideBySum(ref Unsafe.Add(ref p0, r * classes), classes);
        }

        if (!keepLogSumExp)
        {
            return;
        }

        FloatMath.Log(sums, sums);
        for (int r = 0; r < rows; r++)
        {
            logSumExp[r] += sums[r];
        }
    }

    /// <summary>
    /// <see cref="SoftmaxChunk"/> for <paramref name="rows"/> rows (a multiple of <see cref="SampleLanes.Count"/>) of a few
    /// classes, 16 rows at a time in 512-bit lanes (a vector per class, a lane per row; <see cref="SampleLanes.Softmax"/>)
    /// and their logarithms: the row-by-row operations in the same order, so every value is the same bits, without the per-row loops over 3 or 4 classes that were most of a classifier's
    /// softmax (Iris's 3 classes, 32 rows: 7.8 → 5.4–6.8 ns a row on Zen 4, of which the exponentials are about 3).
    /// </summary>
    private static void SoftmaxInLanes(ref float z0, ref float p0, int classes, int rows, Span<float> logSumExp, bool keepLogSumExp)
    {
        Span<Vector512<float>> buffer = stackalloc Vector512<float>[classes];
        ref Vector512<float> lanes = ref MemoryMarshal.GetReference(buffer);
        ref float logSumExp0 = ref MemoryMarshal.GetReference(logSumExp);
        for (int r = 0; r < rows; r += SampleLanes.Count)
        {
            nint block = (nint)r * classes;
            SampleLanes.BlockToLanes(ref Unsafe.Add(ref z0, block), classes, ref lanes);
            Vector512<float> max = SampleLanes.Softmax<Simd512, Vector512<float>>(ref lanes, classes, 1, out Vector512<float> sum);
            SampleLanes.BlockToRows(ref lanes, classes, ref Unsafe.Add(ref p0, block));
            Vector512.StoreUnsafe(keepLogSumExp ? max + FloatMath.Log(sum) : max, ref logSumExp0, (nuint)r);
        }
    }

    /// <summary>
    /// <see cref="SoftmaxChunk"/> where AVX2 is accelerated but not AVX-512's permutes, for rows of a few classes: 8 rows
    /// at a time into a 256-bit vector per class (a lane per row) by permutes (value by value for a last block of fewer
    /// rows, its spare lanes repeating its last row), <see cref="SampleLanes.Softmax"/> and the logarithm in lanes, and
    /// back. The row-by-row operations in the same order, so every value is the same bits, without the per-row loops over
    /// 3 or 4 classes that were most of a classifier's loss on such machines. The class count is a type (an
    /// <see cref="IConstant"/>), so that the JIT sees constant bounds and writes the loops out (Iris recipe on Zen 3:
    /// 1–3 % faster than with the count known only at run time).
    /// </summary>
    private static void SoftmaxInLanes256<TClasses>(ref float z0, ref float p0, int rows, Span<float> logSumExp, bool keepLogSumExp)
        where TClasses : struct, IConstant
    {
        const int Lanes = SampleLanes.Half;
        Span<Vector256<float>> buffer = stackalloc Vector256<float>[TClasses.Value];
        ref Vector256<float> lanes = ref MemoryMarshal.GetReference(buffer);
        ref float lane0 = ref Unsafe.As<Vector256<float>, float>(ref lanes);
        ref float logSumExp0 = ref MemoryMarshal.GetReference(logSumExp);
        for (int r = 0; r < rows; r += Lanes)
        {
            int samples = Math.Min(Lanes, rows - r);
            bool whole = samples == Lanes;
            ref float logits = ref Unsafe.Add(ref z0, (nint)r * TClasses.Value);
            ref float probabilities = ref Unsafe.Add(ref p0, (nint)r * TClasses.Value);
            if (whole)
            {
                SampleLanes.BlockToLanes256(ref logits, TClasses.Value, ref lanes);
            }
            else
            {
                SampleLanes.BlockToLanes(ref logits, TClasses.Value, samples, ref lane0, Lanes);
            }

            Vector256<float> max = SampleLanes.Softmax<Simd256, Vector256<float>>(ref lanes, TClasses.Value, 1, out Vector256<float> sum);
            Vector256<float> result = keepLogSumExp ? max + FloatMath.Log(sum) : max;
            if (whole)
            {
                SampleLanes.BlockToRows256(ref lanes, TClasses.Value, ref probabilities);
                Vector256.StoreUnsafe(result, ref logSumExp0, (nuint)r);
                continue;
            }

            SampleLanes.BlockToRows(ref lane0, TClasses.Value, samples, ref probabilities, Lanes);
            for (int t = 0; t < samples; t++)
            {
                Unsafe.Add(ref logSumExp0, r + t) = result.GetElement(t);
            }
        }
    }

    /// <summary>
    /// Writes the <paramref name="count"/> values from <paramref name="row"/> less their maximum into
    /// <paramref name="shifted"/> (which may be <paramref name="row"/>) and returns the maximum: the first step of every
    /// softmax here, shared so that a row gives the same bits on every path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ShiftByMaximum(ref float row, ref float shifted, int count)
    {
        float max = float.NegativeInfinity;
        for (int i = 0; i < count; i++)
        {
            max = float.MaxNative(max, Unsafe.Add(ref row, i));
        }

        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref shifted, i) = Unsafe.Add(ref row, i) - max;
        }

        return max;
    }

    /// <summary>Divides <paramref name="count"/> exponentials by their sum (added in order, scaled by its inverse) and returns the sum: the last step of every softmax here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float DivideBySum(ref float exponentials, int count)
    {
        float sum = 0f;
        for (int i = 0; i < count; i++)
        {
            sum += Unsafe.Add(ref exponentials, i);
        }

        float inverse = 1f / sum;
        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref exponentials, i) *= inverse;
        }

        return sum;
    }

    /// <summary>
    /// ReLU's backward step for one value: <paramref name="gradient"/> where the output is positive, else 0. Branch-free (a
    /// compare and a mask in a vector register): which units are active changes from sample to sample, so a branch here
    /// is mispredicted about half the time; the mini-batch code does the same with whole vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLUBackward(float gradient, float output) =>
        Vector128.ConditionalSelect(
            Vector128.GreaterThan(Vector128.CreateScalarUnsafe(output), Vector128<float>.Zero),
            Vector128.CreateScalarUnsafe(gradient),
            Vector128<float>.Zero).ToScalar();

    /// <summary>LeakyReLU's backward step for one value, branch-free as <see cref="ReLUBackward"/>: <paramref name="gradient"/> where the output is positive, else <c>slope · gradient</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLUBackward(float gradient, float output, float negativeSlope) =>
        Vector128.ConditionalSelect(
            Vector128.GreaterThan(Vector128.CreateScalarUnsafe(output), Vector128<float>.Zero),
            Vector128.CreateScalarUnsafe(gradient),
            Vector128.CreateScalarUnsafe(negativeSlope * gradient)).ToScalar();

    /// <summary>
    /// The gradient a saliency pass starts from, with respect to the network's <paramref name="logits"/>: one-hot at
    /// <paramref name="output"/>, carried back through the output activation (the gradient of the prediction) unless
    /// <paramref name="ofLogit"/> (the gradient of the logit itself). Allocates nothing for outputs of up to 1,024 values.
    /// </summary>
    public static void SeedOutputGradient(Activation activation, ReadOnlySpan<float> logits, Span<float> gradient, int output, bool ofLogit, float negativeSlope = 0.2f)
    {
        gradient.Clear();
        gradient[output] = 1f;
        if (ofLogit || activation == Activation.Linear)
        {
            return;
        }

        Span<float> prediction = logits.Length <= 1024 ? stackalloc float[logits.Length] : new float[logits.Length];
        logits.CopyTo(prediction);
        Apply(activation, prediction, negativeSlope);
        Backward(activation, prediction, gradient, negativeSlope);
    }

    /// <summary>
    /// Turns the gradient with respect to an activation's output into the gradient with respect to its input, in place:
    /// <c>gradient[i] *= f'(z[i])</c>, with <c>f'</c> written through the output <paramref name="output"/>
    /// (for softmax, the full Jacobian: <c>g_j ← a_j (g_j − Σ_k g_k a_k)</c>).
    /// </summary>
    /// <remarks>
    /// Inlined, so that where the activation is a constant (generated code) only its own vector loop remains; the
    /// others go through one call.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward(Activation activation, ReadOnlySpan<float> output, Span<float> gradient, float negativeSlope = 0.2f)
    {
        if (output.Length != gradient.Length)
        {
            ShapeGuard.ThrowLength(nameof(gradient), output.Length, gradient.Length, "the activation's output length");
        }

        if (!TryBackwardElementwise(activation, output, gradient, negativeSlope))
        {
            BackwardNotElementwise(activation, output, gradient);
        }
    }

    /// <summary>Linear, softmax's Jacobian, softplus, and the errors for the activations whose derivative needs the input.</summary>
    private static void BackwardNotElementwise(Activation activation, ReadOnlySpan<float> output, Span<float> gradient)
    {
        switch (activation)
        {
            case Activation.Linear:
                break;
            case Activation.Softmax:
                float dot = TensorPrimitives.Dot(gradient, output);
                for (int i = 0; i < output.Length; i++)
                {
                    gradient[i] = output[i] * (gradient[i] - dot);
                }

                break;
            case Activation.Softplus:
                BackwardExponential(activation, output, gradient);
                break;
            case Activation.GELU or Activation.GELUTanh or Activation.SiLU:
                throw new ArgumentException($"{activation}'s derivative needs its input, not only its output: call the overload that takes both.", nameof(activation));
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }
}
