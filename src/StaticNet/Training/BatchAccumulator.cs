using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet;

/// <summary>
/// Sums a mini-batch's per-sample gradients, on one thread or several. With several, the batch is cut into as many
/// contiguous parts as workers, each worker sums its part into its own gradient buffer with its own workspace (and its
/// own dropout stream), and the buffers are then added in worker order — so the same data, seed and worker count give the
/// same bits, however the threads are scheduled. Non-trainable state (moving statistics) is updated by each worker on its
/// own copy and the copies averaged in worker order, as Keras aggregates per-replica batch-normalisation statistics.
/// </summary>
internal sealed class BatchAccumulator
{
    private readonly INetwork _network;
    private readonly bool _hasAccuracy;
    private readonly int _workers;
    private readonly Generated.AlignedFloats[] _gradients; // workers 1.. only: worker 0 sums straight into the caller's buffer
    private readonly float[][] _states;    // per-worker copies of the non-trainable parameters, when several workers update them
    private readonly TrainingWorkspace[] _workspaces;
    private readonly float[][] _predictions;
    private readonly float[][] _inputs;
    private readonly float[][] _targets;
    private readonly float[] _losses;
    private readonly double[] _accuracies;
    private readonly int[] _partCounts;         // samples each worker took in the last Accumulate
    private readonly float[][] _weights;        // per-worker gathered weights

    public BatchAccumulator(INetwork network, Dataset data, int workers, int batchSize, int seed, float[]? sampleWeights = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        _network = network;
        Data = data;
        _hasAccuracy = Accuracy.IsDefinedFor(network.Loss);
        _workers = workers;
        int part = (batchSize + workers - 1) / workers;
        _gradients = Enumerable.Range(0, workers).Select(w => new Generated.AlignedFloats(w == 0 ? 0 : network.ParameterCount)).ToArray();
        _states = Enumerable.Range(0, workers).Select(_ => workers > 1 ? new float[network.NonTrainableParameterCount] : []).ToArray();

        // Worker 0 takes whole batches that are too small to share, so its workspace holds a whole batch.
        _workspaces = Enumerable.Range(0, workers)
            .Select(w => network.CreateWorkspace(w == 0 ? batchSize : part, SeededRandom.StreamSeed(seed, 1 + w)))
            .ToArray();
        _predictions = Enumerable.Range(0, workers).Select(_ => Array.Empty<float>()).ToArray();
        _inputs = Enumerable.Range(0, workers).Select(_ => Array.Empty<float>()).ToArray();
        _targets = Enumerable.Range(0, workers).Select(_ => Array.Empty<float>()).ToArray();
        _losses = new float[workers];
        _accuracies = new double[workers];
        _partCounts = new int[workers];
        SampleWeights = sampleWeights;
        _weights = Enumerable.Range(0, workers).Select(_ => Array.Empty<float>()).ToArray();
    }

    /// <summary>Feeds the last batch's outputs and targets, part by part, to <paramref name="metrics"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Observe(IReadOnlyList<Metric> metrics)
    {
        int outputSize = _network.OutputSize, targetSize = _network.TargetSize;
        for (int w = 0; w < _workers; w++)
        {
            int count = _partCounts[w];
            if (count == 0)
            {
                continue;
            }

            for (int m = 0; m < metrics.Count; m++)
            {
                Metric metric = metrics[m];
                metric.Update(_predictions[w].AsSpan(0, count * outputSize), _targets[w].AsSpan(0, count * targetSize), count);
            }
        }
    }

    public int Workers => _workers;

    /// <summary>Where the rows of <see cref="Accumulate"/> are read from; a stream of batches sets each batch here in turn.</summary>
    public Dataset Data { get; set; }

    /// <summary>A weight per row of <see cref="Data"/>, or null; a stream of batches sets each batch's.</summary>
    public float[]? SampleWeights { get; set; }

    /// <summary>Sums the gradients of <paramref name="rows"/>[start..start+count) into <paramref name="gradient"/> (overwritten); returns the summed loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float Accumulate(int[] rows, int start, int count, Generated.AlignedFloats gradient, ref double accuracySum)
    {
        Array.Clear(_partCounts);
        if (Workers == 1 || count < 2 * Workers)
        {
            float loss = Sum(0, rows, start, count, gradient, _network.NonTrainableParameters, out double accuracy);
            accuracySum += accuracy;
            return loss;
        }

        return AccumulateInParallel(rows, start, count, gradient, ref accuracySum);
    }

    /// <summary>
    /// <see cref="Accumulate"/> over several workers. A method of its own: its lambdas capture the arguments, and C# makes
    /// the closure on entry to the method that declares them, which would cost the one-worker path 64 bytes a batch.
    /// </summary>
    private float AccumulateInParallel(int[] rows, int start, int count, Generated.AlignedFloats gradient, ref double accuracySum)
    {
        bool hasState = _network.NonTrainableParameterCount > 0;
        if (hasState)
        {
            foreach (float[] state in _states)
            {
                _network.NonTrainableParameters.CopyTo(state);
            }
        }

        int part = (count + Workers - 1) / Workers;
        Parallel.For(0, Workers, w =>
        {
            int begin = start + Math.Min(w * part, count);
            int end = start + Math.Min((w + 1) * part, count);
            _losses[w] = Sum(w, rows, begin, end - begin, w == 0 ? gradient : _gradients[w], _states[w], out _accuracies[w]);
        });

        // Fixed reduction order (worker 0 + 1 + 2 …) for every element, the elements shared out among the threads.
        int length = gradient.Length;
        int chunk = (length + Workers - 1) / Workers;
        Parallel.For(0, Workers, c =>
        {
            int from = Math.Min(c * chunk, length), to = Math.Min(from + chunk, length);
            Span<float> target = gradient.Span.Slice(from, to - from);
            for (int w = 1; w < Workers; w++)
            {
                TensorPrimitives.Add(target, _gradients[w].Span.Slice(from, to - from), target);
            }
        });

        if (hasState)
        {
            Span<float> state = _network.NonTrainableParameters;
            _states[0].CopyTo(state);
            for (int w = 1; w < Workers; w++)
            {
                TensorPrimitives.Add(state, _states[w], state);
            }

            TensorPrimitives.Divide(state, Workers, state);
        }

        float total = _losses[0];
        accuracySum += _accuracies[0];
        for (int w = 1; w < Workers; w++)
        {
            total += _losses[w];
            accuracySum += _accuracies[w];
        }

        return total;
    }

    /// <summary>
    /// Sums one part of a batch with the network's generated mini-batch step: the part's rows are gathered into
    /// contiguous buffers (owned by the worker, grown once) and passed to <see cref="INetwork.TrainBatch(ReadOnlySpan{float}, Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Span{float}, TrainingWorkspace)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float Sum(int worker, int[] rows, int start, int count, Generated.AlignedFloats gradient, Span<float> state, out double accuracy)
    {
        int inputSize = _network.InputSize, targetSize = _network.TargetSize, outputSize = _network.OutputSize;
        float[] inputs = Buffer(ref _inputs[worker], count * inputSize);
        float[] targets = Buffer(ref _targets[worker], count * targetSize);
        float[] predictions = Buffer(ref _predictions[worker], count * outputSize);
        Gather(Data.Features, inputSize, rows.AsSpan(start, count), inputs);
        Gather(Data.Targets, targetSize, rows.AsSpan(start, count), targets);

        _partCounts[worker] = count;
        if (SampleWeights is not null)
        {
            float[] weights = Buffer(ref _weights[worker], count);
            for (int k = 0; k < count; k++)
            {
                weights[k] = SampleWeights[rows[start + k]];
            }

            _workspaces[worker].SampleWeights = weights.AsMemory(0, count);
        }

        gradient.Span.Clear();
        float total = _network.TrainBatch(
            _network.Parameters,
            state,
            inputs.AsSpan(0, count * inputSize),
            targets.AsSpan(0, count * targetSize),
            count,
            gradient.Span,
            predictions.AsSpan(0, count * outputSize),
            _workspaces[worker]);

        accuracy = _hasAccuracy ? Accuracy.AddSamples(0, _network.Loss, predictions.AsSpan(0, count * outputSize), targets.AsSpan(0, count * targetSize), count) : 0;

        return total;
    }

    /// <summary>
    /// Copies the <paramref name="width"/>-float rows of <paramref name="source"/> named by <paramref name="rows"/> into
    /// consecutive rows of <paramref name="destination"/>. Short rows (Iris's 4 features, a class index) are copied value
    /// by value, each row's index checked once: a span copy per row is a call to memmove each, which was a tenth of the
    /// Iris recipe's time, and a slice per row two more bounds checks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(ReadOnlySpan<float> source, int width, ReadOnlySpan<int> rows, Span<float> destination)
    {
        if (width > 16)
        {
            for (int k = 0; k < rows.Length; k++)
            {
                source.Slice(rows[k] * width, width).CopyTo(destination.Slice(k * width, width));
            }

            return;
        }

        int sourceRows = source.Length / width;
        if (destination.Length < rows.Length * width)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values, fewer than {rows.Length} rows of {width}.", nameof(destination));
        }

        ref float source0 = ref MemoryMarshal.GetReference(source);
        ref float destination0 = ref MemoryMarshal.GetReference(destination);
        for (int k = 0; k < rows.Length; k++)
        {
            int row = rows[k];
            if ((uint)row >= (uint)sourceRows)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"Row {row} is outside the {sourceRows} rows of the data.");
            }

            ref float from = ref Unsafe.Add(ref source0, (nint)row * width);
            ref float to = ref Unsafe.Add(ref destination0, (nint)k * width);
            if (width == 4)
            {
                Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref from), ref to); // a row of 4 features, Iris's, in one move
                continue;
            }

            for (int j = 0; j < width; j++)
            {
                Unsafe.Add(ref to, j) = Unsafe.Add(ref from, j);
            }
        }
    }

    private static float[] Buffer(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new float[length];
        }

        return buffer;
    }
}
