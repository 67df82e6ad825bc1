namespace StaticNet;

public static partial class NetworkTraining
{
    /// <summary>
    /// Trains <paramref name="network"/> on batches that a source yields one at a time, for data that does not fit in
    /// memory (Keras's <c>fit</c> on a generator or a <c>tf.data.Dataset</c>): each batch is one gradient step on its mean
    /// gradient, in the order the source gives (a source shuffles itself, if it wants to).
    /// </summary>
    /// <param name="network">The network; its parameters are updated in place.</param>
    /// <param name="batches">
    /// The batches. Without <paramref name="stepsPerEpoch"/> each epoch enumerates the source afresh, to its end (as Keras
    /// iterates a <c>tf.data.Dataset</c>), so it must give its batches again each time it is enumerated; with it, one
    /// enumeration runs through all the epochs (as Keras draws from a generator). The first batch sizes the workspace: a
    /// later batch may be smaller (the last of an epoch), not larger.
    /// </param>
    /// <param name="epochs">Epochs to train.</param>
    /// <param name="stepsPerEpoch">Batches an epoch takes from one enumeration that runs through the whole training (Keras's <c>steps_per_epoch</c>); null for one enumeration per epoch.</param>
    /// <param name="optimizer">The optimizer; <see cref="Adam"/> with Keras's defaults if null.</param>
    /// <param name="seed">Seeds the dropout masks and augmentation: the same seed and the same batches give the same bits.</param>
    /// <param name="validationData">Data to evaluate after each epoch.</param>
    /// <param name="onEpochEnd">Called after each epoch with what it measured (after the callbacks).</param>
    /// <param name="log">Where to write progress (the console when null and <paramref name="verbose"/> is 1 or 2).</param>
    /// <param name="metrics">Metrics to report beside the loss and accuracy.</param>
    /// <param name="callbacks">Callbacks, run in order.</param>
    /// <param name="classWeight">A weight per class index (Keras's <c>class_weight</c>, which Keras also applies to generators); classes not named weigh 1.</param>
    /// <param name="verbose">0 silent, 1 a progress bar (counting batches as "n/Unknown" until the first epoch ends, unless the source is a collection or <paramref name="stepsPerEpoch"/> is given), 2 one line per epoch.</param>
    /// <param name="initialEpoch">Epochs already trained: training runs epochs <paramref name="initialEpoch"/> + 1 to <paramref name="epochs"/>.</param>
    /// <param name="validationFreq">Validate after every this many epochs.</param>
    /// <returns>The history: one result per epoch run.</returns>
    /// <exception cref="ArgumentException">A batch does not fit the network (named by its number and epoch), is larger than the first, or an epoch has no batch.</exception>
    /// <exception cref="NonFiniteLossException">A batch's loss was NaN or infinite.</exception>
    /// <remarks>
    /// When a source given <paramref name="stepsPerEpoch"/> runs out, training stops there, as Keras's does, with a warning
    /// to <paramref name="log"/> (or the standard error when silent); the epoch it ran out in is not logged.
    /// </remarks>
    public static History Fit(
        this INetwork network,
        IEnumerable<Dataset> batches,
        int epochs = 1,
        int? stepsPerEpoch = null,
        IOptimizer? optimizer = null,
        int seed = 0,
        Dataset? validationData = null,
        Action<EpochResult>? onEpochEnd = null,
        TextWriter? log = null,
        IReadOnlyList<Metric>? metrics = null,
        IReadOnlyList<Callback>? callbacks = null,
        IReadOnlyDictionary<int, float>? classWeight = null,
        int verbose = 1,
        int initialEpoch = 0,
        int validationFreq = 1)
    {
        ArgumentNullException.ThrowIfNull(batches);
        int? count = KnownCount(batches);

        // The source is synchronous, so the loop below never waits: it runs to its end on this thread.
        Task<History> training = FitStream(
            network, WithoutWeights(new SynchronousBatches<Dataset>(batches)), count, epochs, stepsPerEpoch, optimizer, seed, validationData, onEpochEnd, log, metrics, callbacks, classWeight, verbose, initialEpoch, validationFreq, CancellationToken.None);
        return training.GetAwaiter().GetResult();
    }

    /// <summary>
    /// As <see cref="Fit(INetwork, IEnumerable{Dataset}, int, int?, IOptimizer?, int, Dataset?, Action{EpochResult}?, TextWriter?, IReadOnlyList{Metric}?, IReadOnlyList{Callback}?, IReadOnlyDictionary{int, float}?, int, int, int)"/>,
    /// on batches that arrive asynchronously (read from a file, a database or the network; each step runs on the thread
    /// that resumes after its batch arrives). The cancellation token stops training between batches (an
    /// <see cref="OperationCanceledException"/>) and is passed to the source.
    /// </summary>
    /// <inheritdoc cref="Fit(INetwork, IEnumerable{Dataset}, int, int?, IOptimizer?, int, Dataset?, Action{EpochResult}?, TextWriter?, IReadOnlyList{Metric}?, IReadOnlyList{Callback}?, IReadOnlyDictionary{int, float}?, int, int, int)"/>
    public static Task<History> FitAsync(
        this INetwork network,
        IAsyncEnumerable<Dataset> batches,
        int epochs = 1,
        int? stepsPerEpoch = null,
        IOptimizer? optimizer = null,
        int seed = 0,
        Dataset? validationData = null,
        Action<EpochResult>? onEpochEnd = null,
        TextWriter? log = null,
        IReadOnlyList<Metric>? metrics = null,
        IReadOnlyList<Callback>? callbacks = null,
        IReadOnlyDictionary<int, float>? classWeight = null,
        int verbose = 1,
        int initialEpoch = 0,
        int validationFreq = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return FitStream(
            network, WithoutWeights(batches), null, epochs, stepsPerEpoch, optimizer, seed, validationData, onEpochEnd, log, metrics, callbacks, classWeight, verbose, initialEpoch, validationFreq, cancellationToken);
    }

    /// <summary>
    /// As <see cref="Fit(INetwork, IEnumerable{Dataset}, int, int?, IOptimizer?, int, Dataset?, Action{EpochResult}?, TextWriter?, IReadOnlyList{Metric}?, IReadOnlyList{Callback}?, IReadOnlyDictionary{int, float}?, int, int, int)"/>, on batches
    /// that come with a weight per sample (Keras's generators that yield <c>(x, y, sample_weight)</c>): each sample's loss
    /// is weighed as <c>Fit</c>'s <c>sampleWeight</c> weighs it, times its class weight, and the same batches with the
    /// same weights train the same bits as a dataset with those weights. Each weight array has one finite weight ≥ 0 per
    /// sample of its batch, or is null for all 1.
    /// </summary>
    /// <inheritdoc cref="Fit(INetwork, IEnumerable{Dataset}, int, int?, IOptimizer?, int, Dataset?, Action{EpochResult}?, TextWriter?, IReadOnlyList{Metric}?, IReadOnlyList{Callback}?, IReadOnlyDictionary{int, float}?, int, int, int)"/>
    public static History Fit(
        this INetwork network,
        IEnumerable<(Dataset Batch, float[]? SampleWeight)> batches,
        int epochs = 1,
        int? stepsPerEpoch = null,
        IOptimizer? optimizer = null,
        int seed = 0,
        Dataset? validationData = null,
        Action<EpochResult>? onEpochEnd = null,
        TextWriter? log = null,
        IReadOnlyList<Metric>? metrics = null,
        IReadOnlyList<Callback>? callbacks = null,
        IReadOnlyDictionary<int, float>? classWeight = null,
        int verbose = 1,
        int initialEpoch = 0,
        int validationFreq = 1)
    {
        ArgumentNullException.ThrowIfNull(batches);
        int? count = KnownCount(batches);
        Task<History> training = FitStream(
            network, new SynchronousBatches<(Dataset, float[]?)>(batches), count, epochs, stepsPerEpoch, optimizer, seed, validationData, onEpochEnd, log, metrics, callbacks, classWeight, verbose, initialEpoch, validationFreq, CancellationToken.None);
        return training.GetAwaiter().GetResult();
    }

    /// <summary>
    /// As <see cref="Fit(INetwork, IEnumerable{ValueTuple{Dataset, float[]}}, int, int?, IOptimizer?, int, Dataset?, Action{EpochResult}?, TextWriter?, IReadOnlyList{Metric}?, IReadOnlyList{Callback}?, IReadOnlyDictionary{int, float}?, int, int, int)"/>,
    /// on weighted batches that arrive asynchronously; the cancellation token stops training between batches.
    /// </summary>
    /// <inheritdoc cref="Fit(INetwork, IEnumerable{ValueTuple{Dataset, float[]}}, int, int?, IOptimizer?, int, Dataset?, Action{EpochResult}?, TextWriter?, IReadOnlyList{Metric}?, IReadOnlyList{Callback}?, IReadOnlyDictionary{int, float}?, int, int, int)"/>
    public static Task<History> FitAsync(
        this INetwork network,
        IAsyncEnumerable<(Dataset Batch, float[]? SampleWeight)> batches,
        int epochs = 1,
        int? stepsPerEpoch = null,
        IOptimizer? optimizer = null,
        int seed = 0,
        Dataset? validationData = null,
        Action<EpochResult>? onEpochEnd = null,
        TextWriter? log = null,
        IReadOnlyList<Metric>? metrics = null,
        IReadOnlyList<Callback>? callbacks = null,
        IReadOnlyDictionary<int, float>? classWeight = null,
        int verbose = 1,
        int initialEpoch = 0,
        int validationFreq = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return FitStream(
            network, batches, null, epochs, stepsPerEpoch, optimizer, seed, validationData, onEpochEnd, log, metrics, callbacks, classWeight, verbose, initialEpoch, validationFreq, cancellationToken);
    }

    private static Task<History> FitStream(
        INetwork network, IAsyncEnumerable<(Dataset Batch, float[]? SampleWeight)> batches, int? batchCount, int epochs, int? stepsPerEpoch, IOptimizer? optimizer, int seed, Dataset? validationData,
        Action<EpochResult>? onEpochEnd, TextWriter? log, IReadOnlyList<Metric>? metrics, IReadOnlyList<Callback>? callbacks, IReadOnlyDictionary<int, float>? classWeight,
        int verbose, int initialEpoch, int validationFreq, CancellationToken cancellationToken)
    {
        // Everything knowable is checked here, before the first batch is asked for.
        ArgumentNullException.ThrowIfNull(network);
        CheckRun(epochs, verbose, initialEpoch, validationFreq);
        if (stepsPerEpoch is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), stepsPerEpoch, "stepsPerEpoch is a number of batches > 0, or null to take each epoch's batches to the source's end.");
        }

        metrics ??= [];
        BindMetrics(network, metrics);
        if (validationData is not null)
        {
            CheckShape(network, validationData, nameof(validationData));
        }

        if (classWeight is not null)
        {
            SampleWeights.CheckClassWeight(network, classWeight);
        }

        var run = new TrainingRun(
            network, optimizer ?? new Adam(), epochs, stepsPerEpoch ?? batchCount ?? 0, 0, metrics, validationData, validationFreq, onEpochEnd, callbacks, log, verbose);
        return Stream(network, batches, stepsPerEpoch, epochs, seed, initialEpoch, classWeight, log, run, cancellationToken);
    }

    private static async Task<History> Stream(
        INetwork network, IAsyncEnumerable<(Dataset Batch, float[]? SampleWeight)> batches, int? stepsPerEpoch, int epochs, int seed, int initialEpoch, IReadOnlyDictionary<int, float>? classWeight, TextWriter? log,
        TrainingRun run, CancellationToken cancellationToken)
    {
        BatchAccumulator? accumulator = null;
        int[] rows = [];
        run.Begin();

        // With stepsPerEpoch, one enumeration feeds every epoch; without, each epoch enumerates the source afresh.
        IAsyncEnumerator<(Dataset Batch, float[]? SampleWeight)>? shared = stepsPerEpoch is null ? null : batches.GetAsyncEnumerator(cancellationToken);
        try
        {
            for (int epoch = initialEpoch + 1; epoch <= epochs && !run.StopTraining; epoch++)
            {
                run.BeginEpoch(epoch);
                IAsyncEnumerator<(Dataset Batch, float[]? SampleWeight)> source = shared ?? batches.GetAsyncEnumerator(cancellationToken);
                bool ranOut = false, stopped = false;
                try
                {
                    while (stepsPerEpoch is not int steps || run.EpochSoFar.Batches < steps)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (!await source.MoveNextAsync().ConfigureAwait(false))
                        {
                            ranOut = true;
                            break;
                        }

                        int number = run.EpochSoFar.Batches + 1;
                        Dataset batch = CheckBatch(network, source.Current.Batch, epoch, number);
                        if (accumulator is null)
                        {
                            // The first batch sizes the workspace, as a Dataset's batch size does.
                            accumulator = new BatchAccumulator(network, batch, workers: 1, batch.Count, seed);
                            rows = Enumerable.Range(0, batch.Count).ToArray();
                        }
                        else if (batch.Count > rows.Length)
                        {
                            throw new ArgumentException(
                                $"Batch {number} of epoch {epoch} has {batch.Count} samples, more than the first batch's {rows.Length}, which sized the workspace: yield batches of at most the first's size.",
                                nameof(batches));
                        }

                        accumulator.Data = batch;
                        accumulator.SampleWeights = Weights(network, batch, source.Current.SampleWeight, classWeight, epoch, number); // null when all weigh 1
                        if (!run.Step(accumulator, rows, 0, batch.Count))
                        {
                            stopped = true;
                            break;
                        }
                    }
                }
                finally
                {
                    if (shared is null)
                    {
                        await source.DisposeAsync().ConfigureAwait(false);
                    }
                }

                (int taken, int samples) = run.EpochSoFar;
                if (stepsPerEpoch is int wanted && ranOut)
                {
                    // Keras's behaviour for a generator that ends early: stop, and say so.
                    string warning = FormattableString.Invariant(
                        $"The batches ran out in epoch {epoch}, after {taken} of its {wanted} steps; training stopped. Give a source that yields at least stepsPerEpoch × epochs = {(long)wanted * (epochs - initialEpoch):N0} batches.");
                    (log ?? Console.Error).WriteLine(warning);
                    run.EndEpoch(complete: false);
                    break;
                }

                if (taken == 0)
                {
                    throw new ArgumentException($"Epoch {epoch} had no batch: the source yielded none{(epoch > initialEpoch + 1 ? " this time (a source enumerated once per epoch must give its batches again each time)" : string.Empty)}.", nameof(batches));
                }

                if (run.Context.BatchesPerEpoch == 0 && !stopped)
                {
                    run.Context.BatchesPerEpoch = taken; // known from the first epoch's end, for the progress bar
                }

                run.Context.Samples = Math.Max(run.Context.Samples, samples);
                run.EndEpoch(complete: !stopped || (stepsPerEpoch is int s && taken == s));
            }
        }
        finally
        {
            if (shared is not null)
            {
                await shared.DisposeAsync().ConfigureAwait(false);
            }
        }

        return run.End();
    }

    /// <summary>A batch checked as <c>Fit</c> checks a dataset, the message naming the batch.</summary>
    private static Dataset CheckBatch(INetwork network, Dataset? batch, int epoch, int number)
    {
        if (batch is null)
        {
            throw new ArgumentException($"Batch {number} of epoch {epoch} is null.", "batches");
        }

        try
        {
            CheckShape(network, batch, "batches");
        }
        catch (ArgumentException problem)
        {
            throw new ArgumentException($"Batch {number} of epoch {epoch}: {problem.Message}", problem);
        }

        return batch;
    }

    /// <summary>Each sample's weight (its own times its class's), checked as <c>Fit</c> checks them, the message naming the batch; null when all weigh 1.</summary>
    private static float[]? Weights(INetwork network, Dataset batch, float[]? sampleWeight, IReadOnlyDictionary<int, float>? classWeight, int epoch, int number)
    {
        try
        {
            return SampleWeights.Combine(network, batch, sampleWeight, classWeight);
        }
        catch (ArgumentException problem)
        {
            throw new ArgumentException($"Batch {number} of epoch {epoch}: {problem.Message}", "batches", problem);
        }
    }

    /// <summary>The number of batches a collection holds (the progress bar's total from the first epoch), or null for a sequence that has to be enumerated.</summary>
    private static int? KnownCount<T>(IEnumerable<T> batches) => batches switch
    {
        IReadOnlyCollection<T> collection => collection.Count,
        ICollection<T> collection => collection.Count,
        _ => null,
    };

    /// <summary>Unweighted batches as weighted ones, every weight 1 (null).</summary>
    private static async IAsyncEnumerable<(Dataset Batch, float[]? SampleWeight)> WithoutWeights(
        IAsyncEnumerable<Dataset> batches, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (Dataset batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return (batch, null);
        }
    }

    /// <summary>A synchronous source seen as an asynchronous one whose every step has already completed.</summary>
    private sealed class SynchronousBatches<T>(IEnumerable<T> source) : IAsyncEnumerable<T>
    {
        public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator(source.GetEnumerator());

        private sealed class Enumerator(IEnumerator<T> inner) : IAsyncEnumerator<T>
        {
            public T Current => inner.Current;

            public ValueTask<bool> MoveNextAsync() => new(inner.MoveNext());

            public ValueTask DisposeAsync()
            {
                inner.Dispose();
                return default;
            }
        }
    }
}
