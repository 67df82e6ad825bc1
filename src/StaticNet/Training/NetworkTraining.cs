using System.Globalization;

namespace StaticNet;

/// <summary>
/// Keras-style training and inference for any generated network: <c>Fit</c> (on a <see cref="Dataset"/>, or on a stream of batches), <see cref="Evaluate(INetwork, Dataset)"/>,
/// <see cref="Predict(INetwork, Dataset)"/>. The loop owns one gradient buffer and one workspace per worker; every batch
/// goes through the network's generated, allocation-free mini-batch step.
/// </summary>
public static partial class NetworkTraining
{
    /// <summary>
    /// Trains <paramref name="network"/> with mini-batch gradient descent, as Keras's <c>fit</c>: each epoch shuffles the
    /// samples (seeded), and each batch's gradient is the mean of its samples' (weighted) gradients.
    /// </summary>
    /// <param name="network">The network; its parameters are updated in place.</param>
    /// <param name="data">The training data.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="batchSize">Samples per gradient step (the last batch of an epoch may be smaller).</param>
    /// <param name="optimizer">The optimizer; <see cref="Adam"/> with Keras's defaults if null.</param>
    /// <param name="seed">
    /// Seeds the shuffling and the dropout masks (each worker draws its own stream of this seed): the same seed and data
    /// give the same bits.
    /// </param>
    /// <param name="validationSplit">A fraction of <paramref name="data"/> held out for validation: as in Keras, the last samples, taken before shuffling.</param>
    /// <param name="validationData">A separate validation set (instead of <paramref name="validationSplit"/>).</param>
    /// <param name="shuffle">Whether to shuffle the samples each epoch.</param>
    /// <param name="onEpochEnd">Called after each epoch with what it measured (after the callbacks).</param>
    /// <param name="log">Where to write progress (the console when null and <paramref name="verbose"/> is 1 or 2).</param>
    /// <param name="degreeOfParallelism">
    /// Threads that share each batch (1: the calling thread only). Each owns a gradient buffer and the buffers are added in
    /// a fixed order, so a given seed and degree give the same bits on every run; different degrees round differently.
    /// Worth it when one sample's step is long (tens of microseconds, e.g. 784-128-10), not for the Iris network.
    /// </param>
    /// <param name="metrics">Metrics to report beside the loss and accuracy (Keras's <c>compile(metrics=…)</c>), on the training and the validation data.</param>
    /// <param name="callbacks">Callbacks, run in order (Keras's <c>callbacks=</c>).</param>
    /// <param name="classWeight">A weight per class index (Keras's <c>class_weight</c>); classes not named weigh 1.</param>
    /// <param name="sampleWeight">A weight per sample of <paramref name="data"/> (Keras's <c>sample_weight</c>), multiplied by its class weight.</param>
    /// <param name="verbose">
    /// Keras's modes: 0 silent; 1 a live progress bar per epoch on an interactive terminal, one line per epoch elsewhere; 2
    /// one line per epoch, to <paramref name="log"/> or else the console. A <see cref="ProgbarLogger"/> among the
    /// callbacks replaces the one these make.
    /// </param>
    /// <param name="initialEpoch">
    /// Epochs already trained (Keras's <c>initial_epoch</c>), to resume from a checkpoint: training runs epochs
    /// <paramref name="initialEpoch"/> + 1 to <paramref name="epochs"/>, numbered so in the history, the log and the
    /// callbacks, and shuffles as the uninterrupted run would have from there (the shuffles of the epochs before are
    /// replayed). An optimizer with state (Adam's moments, momentum) starts afresh unless the same instance is passed, and
    /// dropout and augmentation draw their masks from the start of their streams.
    /// </param>
    /// <param name="validationFreq">
    /// Validate after every this many epochs (Keras's <c>validation_freq</c>): epochs 2, 4, 6, … for 2. Between them an
    /// epoch logs no <c>val_</c> values, callbacks that monitor one skip it, and the history's series hold NaN there.
    /// </param>
    /// <returns>The history: one result per epoch run, and each value as a series.</returns>
    /// <exception cref="NonFiniteLossException">A batch's loss was NaN or infinite.</exception>
    public static History Fit(
        this INetwork network,
        Dataset data,
        int epochs = 1,
        int batchSize = 32,
        IOptimizer? optimizer = null,
        int seed = 0,
        double validationSplit = 0,
        Dataset? validationData = null,
        bool shuffle = true,
        Action<EpochResult>? onEpochEnd = null,
        TextWriter? log = null,
        int degreeOfParallelism = 1,
        IReadOnlyList<Metric>? metrics = null,
        IReadOnlyList<Callback>? callbacks = null,
        IReadOnlyDictionary<int, float>? classWeight = null,
        IReadOnlyList<float>? sampleWeight = null,
        int verbose = 1,
        int initialEpoch = 0,
        int validationFreq = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreeOfParallelism);
        if (degreeOfParallelism > MaxDegreeOfParallelism)
        {
            throw new ArgumentOutOfRangeException(
                nameof(degreeOfParallelism),
                degreeOfParallelism,
                FormattableString.Invariant($"At most {MaxDegreeOfParallelism:N0} threads share a batch (each holds a gradient buffer of the network's size); this machine has {Environment.ProcessorCount}."));
        }

        ArgumentNullException.ThrowIfNull(data);
        CheckRun(epochs, verbose, initialEpoch, validationFreq);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (!(validationSplit >= 0 && validationSplit < 1))
        {
            throw InvariantErrors.OutOfRange(nameof(validationSplit), validationSplit, "The validation split must be in [0, 1).");
        }

        if (validationSplit > 0 && validationData is not null)
        {
            throw new ArgumentException("Pass either a validation split or validation data, not both.", nameof(validationData));
        }

        CheckShape(network, data, nameof(data));
        metrics ??= [];
        BindMetrics(network, metrics);
        float[]? weights = SampleWeights.Combine(network, data, sampleWeight, classWeight);
        Dataset train = data;
        if (validationSplit > 0)
        {
            int trainCount = (int)(data.Count * (1 - validationSplit));
            if (trainCount == 0 || trainCount == data.Count)
            {
                throw new ArgumentException(FormattableString.Invariant($"A validation split of {validationSplit} of {data.Count} samples leaves one part empty."), nameof(validationSplit));
            }

            train = data.Select(Enumerable.Range(0, trainCount).ToArray());
            validationData = data.Select(Enumerable.Range(trainCount, data.Count - trainCount).ToArray());
            weights = weights?[..trainCount];
        }

        if (validationData is not null)
        {
            CheckShape(network, validationData, nameof(validationData));
        }

        optimizer ??= new Adam();
        var random = new SeededRandom(seed);
        var order = Enumerable.Range(0, train.Count).ToArray();

        // A batch larger than the data is the whole data, one step an epoch (as Keras); threads beyond the batch's samples
        // would have nothing to sum, so there are at most as many workers as samples in a batch (the same bits: an idle
        // worker adds nothing).
        batchSize = Math.Min(batchSize, train.Count);
        var accumulator = new BatchAccumulator(network, train, Math.Min(degreeOfParallelism, batchSize), batchSize, seed, weights);
        int batches = train.Count / batchSize + (train.Count % batchSize == 0 ? 0 : 1);
        var run = new TrainingRun(network, optimizer, epochs, batches, train.Count, metrics, validationData, validationFreq, onEpochEnd, callbacks, log, verbose);
        run.Begin();
        if (shuffle)
        {
            // The shuffles of the epochs already trained, replayed: a resumed run sees the data in the same order as an
            // uninterrupted one from here.
            for (int done = 0; done < initialEpoch; done++)
            {
                random.Shuffle(order.AsSpan());
            }
        }

        for (int epoch = initialEpoch + 1; epoch <= epochs && !run.StopTraining; epoch++)
        {
            run.BeginEpoch(epoch);
            if (shuffle)
            {
                random.Shuffle(order.AsSpan());
            }

            for (int start = 0; start < order.Length; start += batchSize)
            {
                if (!run.Step(accumulator, order, start, Math.Min(batchSize, order.Length - start)))
                {
                    break;
                }
            }

            run.EndEpoch(complete: run.EpochSoFar.Samples == train.Count);
        }

        return run.End();
    }

    /// <summary>The settings of a run that every <c>Fit</c> takes, checked before any work.</summary>
    private static void CheckRun(int epochs, int verbose, int initialEpoch, int validationFreq)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(validationFreq);
        if (initialEpoch < 0 || initialEpoch >= epochs)
        {
            throw new ArgumentOutOfRangeException(
                nameof(initialEpoch), initialEpoch, $"initialEpoch counts the epochs already trained: from 0 to epochs − 1 ({epochs - 1}), since epochs is the last epoch's number.");
        }

        if (verbose is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(verbose), verbose, "verbose is 0 (silent), 1 (progress bar) or 2 (one line per epoch).");
        }
    }

    /// <summary>Keras's "balanced" class weights for <paramref name="data"/> (scikit-learn's <c>compute_class_weight('balanced')</c>): samples / (classes × samples of the class), for <c>Fit</c>'s <c>classWeight</c>.</summary>
    public static Dictionary<int, float> BalancedClassWeights(this INetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        CheckShape(network, data, nameof(data));
        return SampleWeights.Balanced(network, data);
    }

    /// <summary>Most threads that may share a batch.</summary>
    public const int MaxDegreeOfParallelism = 1024;

    /// <summary>
    /// Binds each metric to the network (a metric that does not apply fails here, before any work) and refuses names that
    /// another value is logged under: a duplicate, <c>loss</c> or <c>accuracy</c>, a <c>val_</c> name (the validation
    /// values'), <c>learning_rate</c> (the rate callbacks') or <c>epoch</c> (the CSV log's first column).
    /// </summary>
    private static void BindMetrics(INetwork network, IReadOnlyList<Metric> metrics)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "loss", "accuracy", "learning_rate", "epoch" };
        for (int m = 0; m < metrics.Count; m++)
        {
            Metric metric = metrics[m];
            if (metric is null)
            {
                throw new ArgumentNullException(nameof(metrics), $"metrics[{m}] is null.");
            }

            metric.Bind(network.Loss, network.OutputSize);
            if (metric.Name.StartsWith("val_", StringComparison.Ordinal))
            {
                throw new ArgumentException($"metrics[{m}] is named '{metric.Name}', but val_ names are the validation values': give it another name (name: …).", nameof(metrics));
            }

            if (!names.Add(metric.Name))
            {
                throw new ArgumentException($"Two values would be logged as '{metric.Name}': give metrics[{m}] another name (name: …).", nameof(metrics));
            }
        }
    }

    /// <summary>
    /// The mean loss (and accuracy, where the loss has one) of <paramref name="network"/> on <paramref name="data"/>, in
    /// inference mode (no dropout; batch normalisation by its moving statistics). The loss includes any kernel
    /// regularisation penalty, as Keras's <c>evaluate</c> reports it.
    /// </summary>
    public static Evaluation Evaluate(this INetwork network, Dataset data) => Evaluate(network, data, metrics: []);

    /// <summary>
    /// As <see cref="Evaluate(INetwork, Dataset)"/>, with <paramref name="metrics"/> too (Keras's <c>evaluate</c> after
    /// <c>compile(metrics=…)</c>): each is under its name in <see cref="Evaluation.Metrics"/>.
    /// </summary>
    public static Evaluation Evaluate(this INetwork network, Dataset data, IReadOnlyList<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(metrics);
        CheckShape(network, data, nameof(data));
        BindMetrics(network, metrics);

        TrainingWorkspace? workspace = null;
        float[]? predictions = null;
        return Evaluate(network, data, metrics, ref workspace, ref predictions);
    }

    /// <summary>Evaluates in chunks through the generated inference-mode loss, with buffers made on the first call and reused.</summary>
    internal static Evaluation Evaluate(INetwork network, Dataset data, IReadOnlyList<Metric> metrics, ref TrainingWorkspace? workspace, ref float[]? predictions)
    {
        const int Chunk = 256;
        int chunk = Math.Min(Chunk, data.Count);
        workspace ??= network.CreateWorkspace(chunk); // ComputeLoss tiles to what any workspace holds
        if (predictions is null || predictions.Length < chunk * network.OutputSize)
        {
            predictions = new float[chunk * network.OutputSize];
        }

        bool hasAccuracy = Accuracy.IsDefinedFor(network.Loss);
        Metric.ResetAll(metrics);

        double lossSum = 0, accuracySum = 0;
        int inputSize = network.InputSize, targetSize = network.TargetSize, outputSize = network.OutputSize;
        for (int first = 0; first < data.Count; first += chunk)
        {
            int n = Math.Min(chunk, data.Count - first);
            ReadOnlySpan<float> targets = data.Targets.Slice(first * targetSize, n * targetSize);
            lossSum += network.ComputeLoss(data.Features.Slice(first * inputSize, n * inputSize), targets, n, predictions.AsSpan(0, n * outputSize), workspace);
            if (hasAccuracy)
            {
                accuracySum = Accuracy.AddSamples(accuracySum, network.Loss, predictions.AsSpan(0, n * outputSize), targets, n);
            }

            for (int m = 0; m < metrics.Count; m++)
            {
                Metric metric = metrics[m];
                metric.Update(predictions.AsSpan(0, n * outputSize), targets, n);
            }
        }

        EpochLogs values = EpochLogs.Of(lossSum / data.Count, hasAccuracy ? accuracySum / data.Count : null, metrics);

        return new Evaluation(values["loss"], values.Find("accuracy")) { Metrics = values };
    }

    /// <summary>The network's outputs (probabilities, for softmax and sigmoid outputs) for every sample: samples × outputs, row-major.</summary>
    public static float[] Predict(this INetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (!Fits(network, data))
        {
            throw FeatureMismatch(network, data, nameof(data));
        }

        CheckTokens(network, data, nameof(data));

        // The batch Forward: the mini-batch passes a tile at a time, the same bits as Evaluate's predictions.
        var outputs = new float[data.Count * network.OutputSize];
        network.Forward(data.Features, outputs, data.Count);
        return outputs;
    }

    /// <summary>The network's output for one sample.</summary>
    public static float[] Predict(this INetwork network, ReadOnlySpan<float> input)
    {
        ArgumentNullException.ThrowIfNull(network);
        var output = new float[network.OutputSize];
        network.Forward(input, output);
        return output;
    }

    /// <summary>The most probable class for one sample (for one sigmoid output: 1 above 0.5, else 0).</summary>
    public static int PredictClass(this INetwork network, ReadOnlySpan<float> input)
    {
        ArgumentNullException.ThrowIfNull(network);
        Span<float> output = network.OutputSize <= 1024 ? stackalloc float[network.OutputSize] : new float[network.OutputSize];
        network.Forward(input, output);
        return Accuracy.PredictedClass(output);
    }

    /// <summary>The most probable class for every sample (for one sigmoid output: 1 above 0.5, else 0).</summary>
    public static int[] PredictClasses(this INetwork network, Dataset data) => Classes(network, network.Predict(data), data.Count);

    /// <summary>
    /// The network's outputs for unlabelled features, one sample a row (Keras's <c>model.predict(x)</c>): rows × outputs,
    /// through the batch <c>Forward</c>. No targets are needed.
    /// </summary>
    /// <exception cref="ArgumentException">The rows are not as wide as the network's input.</exception>
    public static float[,] Predict(this INetwork network, float[,] features)
    {
        ReadOnlySpan<float> rows = Rows(network, features);
        int count = features.GetLength(0);
        CheckTokens(network, rows, nameof(features));
        var outputs = new float[count, network.OutputSize];
        if (count > 0)
        {
            network.Forward(rows, System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref outputs[0, 0], outputs.Length), count);
        }

        return outputs;
    }

    /// <summary>The most probable class for each row of unlabelled features (for one sigmoid output: 1 above 0.5, else 0).</summary>
    /// <exception cref="ArgumentException">The rows are not as wide as the network's input.</exception>
    public static int[] PredictClasses(this INetwork network, float[,] features)
    {
        float[,] outputs = network.Predict(features);
        return outputs.Length == 0
            ? []
            : Classes(network, System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref outputs[0, 0], outputs.Length), features.GetLength(0));
    }

    private static int[] Classes(INetwork network, ReadOnlySpan<float> outputs, int count)
    {
        var classes = new int[count];
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = Accuracy.PredictedClass(outputs.Slice(i * network.OutputSize, network.OutputSize));
        }

        return classes;
    }

    private static ReadOnlySpan<float> Rows(INetwork network, float[,] features)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(features);
        if (features.GetLength(1) != network.InputSize)
        {
            throw new ArgumentException(
                $"The features have {features.GetLength(1)} columns, but {network.GetType().Name} takes {network.InputSize} inputs a sample.", nameof(features));
        }

        return features.Length == 0 ? [] : System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref features[0, 0], features.Length);
    }

    /// <summary>
    /// Everything about a dataset that would otherwise fail (or, worse, train) half-way: no samples, another number of
    /// features, targets or classes than the network's, a label the network has no output for. Checked once before work,
    /// so the error is the same whatever the degree of parallelism, and names the sample.
    /// </summary>
    internal static void CheckShape(INetwork network, Dataset data, string parameterName)
    {
        if (data.Count == 0)
        {
            throw new ArgumentException("The dataset has no samples.", parameterName);
        }

        if (!Fits(network, data))
        {
            throw FeatureMismatch(network, data, parameterName);
        }

        CheckTokens(network, data, parameterName);
        if (data.TargetSize != network.TargetSize)
        {
            string hint = network.Loss == Loss.CategoricalCrossEntropy && data.ClassCount is not null
                ? " Categorical cross-entropy takes one-hot targets: use Dataset.ToOneHot(), or the sparse loss."
                : string.Empty;
            throw new ArgumentException(
                $"The dataset has {data.TargetSize} target value(s) per sample but {network.GetType().Name} with {network.Loss} needs {network.TargetSize}.{hint}",
                parameterName);
        }

        if (network.Loss == Loss.SparseCategoricalCrossEntropy)
        {
            if (data.ClassCount is int classes && classes != network.OutputSize)
            {
                throw new ArgumentException(
                    $"The dataset has {classes} classes but {network.GetType().Name} has {network.OutputSize} outputs (OutputSize): declare the last layer with {classes} units.",
                    parameterName);
            }

            CheckTargets(data, parameterName, t => LossFunctions.IsClassIndex(t, network.OutputSize), $"a class index in 0..{network.OutputSize - 1}");
        }
        else if (network.Loss is Loss.BinaryCrossEntropy or Loss.CategoricalCrossEntropy)
        {
            CheckTargets(data, parameterName, t => t is >= 0f and <= 1f, "in [0, 1] (a probability)");
        }
    }

    /// <summary>For a network that starts with an embedding, every feature is a token id it can look up; the message names the sample and step.</summary>
    internal static void CheckTokens(INetwork network, Dataset data, string parameterName)
    {
        CheckTokens(network, data.Features, parameterName);
    }

    private static void CheckTokens(INetwork network, ReadOnlySpan<float> ids, string parameterName)
    {
        if (network.Layers.Count == 0 || network.Layers[0] is not EmbeddingLayerInfo embedding)
        {
            return;
        }

        int steps = network.InputSize;
        for (int i = 0; i < ids.Length; i++)
        {
            if (!StaticNet.Generated.EmbeddingReference.IsToken(ids[i], embedding.InputDim))
            {
                throw new ArgumentException(StaticNet.Generated.EmbeddingReference.Message(ids[i], embedding.InputDim, i / steps, i % steps), parameterName);
            }
        }
    }

    private static void CheckTargets(Dataset data, string parameterName, Func<float, bool> valid, string rule)
    {
        ReadOnlySpan<float> targets = data.Targets;
        for (int i = 0; i < targets.Length; i++)
        {
            if (!valid(targets[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Sample {i / data.TargetSize} has the target {targets[i]:R}, which is not {rule}."),
                    parameterName);
            }
        }
    }

    /// <summary>
    /// The samples have the network's input size and, where the dataset knows a shape (an image), the network's input
    /// shape: 28 × 28 × 1 data does not feed a 1 × 28 × 28 network however the sizes agree. Flat data of the right size
    /// fits any network (pixels loaded from a CSV row are in the same row-major order).
    /// </summary>
    private static bool Fits(INetwork network, Dataset data) =>
        data.FeatureCount == network.InputSize && (data.SampleShape.Count == 1 || data.SampleShape.SequenceEqual(network.Layers[0].InputShape));

    private static ArgumentException FeatureMismatch(INetwork network, Dataset data, string parameterName) =>
        data.FeatureCount == network.InputSize
            ? new($"The dataset's samples are {string.Join(" × ", data.SampleShape)} but {network.GetType().Name} takes {string.Join(" × ", network.Layers[0].InputShape)} (its [Input] shape): channels go last, as in Keras.", parameterName)
            : new($"The dataset has {data.FeatureCount} features per sample but {network.GetType().Name} takes {network.InputSize} (InputSize).", parameterName);
}
