namespace StaticNet.Tests.Numerics;

/// <summary>
/// An independent, loop-based, double-precision implementation of what a generated network computes, driven only by the
/// layer description the network publishes (<see cref="INetwork.Layers"/>) and its loss. It shares no code with the
/// generator or the runtime's kernels, so agreement is evidence rather than tautology.
/// </summary>
internal static class ReferenceMlp
{
    public static double[] Output(INetwork network, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input)
    {
        double[] logits = Logits(network, parameters, input);
        return Activate(network.Layers[^1], logits);
    }

    public static double Loss(INetwork network, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, ReadOnlySpan<double> target)
    {
        double[] z = Logits(network, parameters, input);
        int n = z.Length;
        switch (network.Loss)
        {
            case StaticNet.Loss.MeanSquaredError:
            {
                double[] a = Activate(network.Layers[^1], z);
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum += (a[i] - target[i]) * (a[i] - target[i]);
                }

                return sum / n;
            }

            case StaticNet.Loss.BinaryCrossEntropy:
            {
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    // −[y log σ(z) + (1 − y) log(1 − σ(z))], written without cancellation.
                    sum += Math.Max(z[i], 0) - z[i] * target[i] + Math.Log(1 + Math.Exp(-Math.Abs(z[i])));
                }

                return sum / n;
            }

            case StaticNet.Loss.CategoricalCrossEntropy:
            {
                double lse = LogSumExp(z);
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum -= target[i] * (z[i] - lse);
                }

                return sum;
            }

            default:
                return LogSumExp(z) - z[(int)target[0]];
        }
    }

    private static double[] Logits(INetwork network, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input)
    {
        double[] x = input.ToArray();
        for (int l = 0; l < network.Layers.Count; l++)
        {
            LayerInfo layer = network.Layers[l];
            var z = new double[layer.Units];
            for (int j = 0; j < layer.Units; j++)
            {
                double s = parameters[layer.BiasOffset + j];
                for (int i = 0; i < layer.Inputs; i++)
                {
                    s += x[i] * parameters[layer.KernelOffset + i * layer.Units + j];
                }

                z[j] = s;
            }

            x = l == network.Layers.Count - 1 ? z : Activate(layer, z);
        }

        return x;
    }

    private static double[] Activate(LayerInfo layer, double[] z)
    {
        var a = new double[z.Length];
        if (layer.Activation == Activation.Softmax)
        {
            double lse = LogSumExp(z);
            for (int i = 0; i < z.Length; i++)
            {
                a[i] = Math.Exp(z[i] - lse);
            }

            return a;
        }

        for (int i = 0; i < z.Length; i++)
        {
            double v = z[i];
            a[i] = layer.Activation switch
            {
                Activation.ReLU => v > 0 ? v : 0,
                Activation.LeakyReLU => v > 0 ? v : layer.NegativeSlope * v,
                Activation.Sigmoid => 1 / (1 + Math.Exp(-v)),
                Activation.Tanh => Math.Tanh(v),
                _ => v,
            };
        }

        return a;
    }

    private static double LogSumExp(double[] z)
    {
        double max = z.Max();
        double sum = 0;
        foreach (double v in z)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }
}
