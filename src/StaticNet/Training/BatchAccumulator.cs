using System.Numerics.Tensors;

namespace StaticNet;

/// <summary>
/// Sums a mini-batch's per-sample gradients, on one thread or several. With several, the batch is cut into as many
/// contiguous parts as workers, each worker sums its part into its own gradient buffer, and the buffers are then added
/// in worker order — so the same data, seed and worker count give the same bits, however the threads are scheduled.
/// </summary>
internal sealed class BatchAccumulator
{
    private readonly INetwork _network;
    private readonly Dataset _data;
    private readonly bool _hasAccuracy;
    private readonly float[][] _gradients;
    private readonly float[][] _predictions;
    private readonly float[] _losses;
    private readonly double[] _accuracies;

    public BatchAccumulator(INetwork network, Dataset data, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        _network = network;
        _data = data;
        _hasAccuracy = Accuracy.IsDefinedFor(network.Loss);
        _gradients = Enumerable.Range(0, workers).Select(_ => new float[network.ParameterCount]).ToArray();
        _predictions = Enumerable.Range(0, workers).Select(_ => new float[network.OutputSize]).ToArray();
        _losses = new float[workers];
        _accuracies = new double[workers];
    }

    public int Workers => _gradients.Length;

    /// <summary>Sums the gradients of <paramref name="rows"/>[start..start+count) into <paramref name="gradient"/> (overwritten); returns the summed loss.</summary>
    public float Accumulate(int[] rows, int start, int count, float[] gradient, ref double accuracySum)
    {
        if (Workers == 1 || count < 2 * Workers)
        {
            float loss = Sum(rows, start, count, gradient, _predictions[0], out double accuracy);
            accuracySum += accuracy;
            return loss;
        }

        int part = (count + Workers - 1) / Workers;
        Parallel.For(0, Workers, w =>
        {
            int begin = start + Math.Min(w * part, count);
            int end = start + Math.Min((w + 1) * part, count);
            _losses[w] = Sum(rows, begin, end - begin, _gradients[w], _predictions[w], out _accuracies[w]);
        });

        // Fixed reduction order: worker 0, then 1, 2, …
        _gradients[0].CopyTo(gradient, 0);
        float total = _losses[0];
        accuracySum += _accuracies[0];
        for (int w = 1; w < Workers; w++)
        {
            TensorPrimitives.Add(gradient, _gradients[w], gradient);
            total += _losses[w];
            accuracySum += _accuracies[w];
        }

        return total;
    }

    /// <summary>
    /// Sums one part of a batch. Compiled optimised from the first call: a whole small training run can end before
    /// tiering would promote it.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private float Sum(int[] rows, int start, int count, float[] gradient, float[] prediction, out double accuracy)
    {
        Array.Clear(gradient);
        Loss loss = _network.Loss;
        float total = 0f;
        accuracy = 0;
        for (int k = start; k < start + count; k++)
        {
            int i = rows[k];
            ReadOnlySpan<float> target = _data.TargetOf(i);
            total += _network.TrainStep(_data.FeaturesOf(i), target, gradient, prediction);
            if (_hasAccuracy)
            {
                accuracy += Accuracy.OfSample(loss, prediction, target);
            }
        }

        return total;
    }
}
