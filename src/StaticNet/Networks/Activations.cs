using System.Numerics.Tensors;

namespace StaticNet;

/// <summary>
/// Activations over whole spans, in place, and their backward passes expressed through the activation's output
/// (every supported activation's derivative is a function of its output, so the pre-activation need not be kept).
/// Generated code calls these for the output layer and for layers too wide to unroll; small hidden layers get the same
/// formulas written out inline.
/// </summary>
public static class Activations
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
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
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

    /// <summary>Softmax in place, shifted by the maximum so that no exponential overflows.</summary>
    public static void Softmax(Span<float> values) => Softmax(values, values);

    /// <summary>
    /// Writes softmax(<paramref name="logits"/>) into <paramref name="probabilities"/> (which may be the same span) and
    /// returns logsumexp(<paramref name="logits"/>), which the fused cross-entropies need. Plain loops: a classifier has a
    /// handful of outputs, for which vectorised calls cost more than they save.
    /// </summary>
    internal static float Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        float max = float.NegativeInfinity;
        foreach (float z in logits)
        {
            max = MathF.Max(max, z);
        }

        float sum = 0f;
        for (int i = 0; i < logits.Length; i++)
        {
            float e = MathF.Exp(logits[i] - max);
            probabilities[i] = e;
            sum += e;
        }

        float inverse = 1f / sum;
        for (int i = 0; i < logits.Length; i++)
        {
            probabilities[i] *= inverse;
        }

        return max + MathF.Log(sum);
    }

    /// <summary>
    /// Turns the gradient with respect to an activation's output into the gradient with respect to its input, in place:
    /// <c>gradient[i] *= f'(z[i])</c>, with <c>f'</c> written through the output <paramref name="output"/>
    /// (for softmax, the full Jacobian: <c>g_j ← a_j (g_j − Σ_k g_k a_k)</c>).
    /// </summary>
    public static void Backward(Activation activation, ReadOnlySpan<float> output, Span<float> gradient, float negativeSlope = 0.2f)
    {
        if (output.Length != gradient.Length)
        {
            ShapeGuard.ThrowLength(nameof(gradient), output.Length, gradient.Length, "the activation's output length");
        }

        switch (activation)
        {
            case Activation.Linear:
                break;
            case Activation.ReLU:
                for (int i = 0; i < output.Length; i++)
                {
                    gradient[i] = output[i] > 0f ? gradient[i] : 0f;
                }

                break;
            case Activation.LeakyReLU:
                for (int i = 0; i < output.Length; i++)
                {
                    gradient[i] = output[i] > 0f ? gradient[i] : negativeSlope * gradient[i];
                }

                break;
            case Activation.Sigmoid:
                for (int i = 0; i < output.Length; i++)
                {
                    float a = output[i];
                    gradient[i] *= a * (1f - a);
                }

                break;
            case Activation.Tanh:
                for (int i = 0; i < output.Length; i++)
                {
                    float a = output[i];
                    gradient[i] *= 1f - a * a;
                }

                break;
            case Activation.Softmax:
                float dot = TensorPrimitives.Dot(gradient, output);
                for (int i = 0; i < output.Length; i++)
                {
                    gradient[i] = output[i] * (gradient[i] - dot);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }
}
