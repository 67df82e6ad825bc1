using System.Runtime.CompilerServices;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Training;

/// <summary>
/// <c>Fit</c> and <c>FitAsync</c> on a stream of batches (Keras's generators and <c>tf.data</c>): the same bits as a
/// <see cref="Dataset"/> fed in the same order, with the same seed; Keras's two ways of counting epochs; what a source
/// can get wrong, named by batch and epoch.
/// </summary>
public class StreamingFitTests
{
    /// <summary>Five features, three classes, with dropout in the network: the seed decides the masks.</summary>
    private static Dataset Data(int count = 100)
    {
        var random = new SeededRandom(4);
        var features = new float[count * 5];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 3;
            targets[i] = label;
            for (int f = 0; f < 5; f++)
            {
                features[i * 5 + f] = random.NextSingle() - 0.5f + (f == label ? 1f : 0f);
            }
        }

        return new Dataset(features, targets, 5, classCount: 3);
    }

    /// <summary>The data cut into consecutive batches, as a file read a batch at a time would give them.</summary>
    private static IEnumerable<Dataset> Batches(Dataset data, int size)
    {
        for (int start = 0; start < data.Count; start += size)
        {
            yield return data.Select(Enumerable.Range(start, Math.Min(size, data.Count - start)).ToArray());
        }
    }

    private static async IAsyncEnumerable<Dataset> Slowly(Dataset data, int size, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (Dataset batch in Batches(data, size))
        {
            await Task.Delay(1, cancellationToken);
            yield return batch;
        }
    }

    [Fact]
    public void A_stream_of_a_datasets_batches_trains_the_same_bits_as_the_dataset_unshuffled()
    {
        Dataset data = Data();
        var fromDataset = new DropoutNet(seed: 1);
        History expected = fromDataset.Fit(data, epochs: 4, batchSize: 16, optimizer: new Adam(0.01f), seed: 7, shuffle: false, verbose: 0, validationData: data, metrics: [new TopKCategoricalAccuracy(2)]);

        var fromStream = new DropoutNet(seed: 1);
        History streamed = fromStream.Fit(Batches(data, 16), epochs: 4, optimizer: new Adam(0.01f), seed: 7, verbose: 0, validationData: data, metrics: [new TopKCategoricalAccuracy(2)]);

        Assert.Equal(fromDataset.Parameters.ToArray(), fromStream.Parameters.ToArray());
        Assert.Equal(expected.Keys, streamed.Keys);
        foreach (string key in expected.Keys)
        {
            Assert.Equal(expected[key], streamed[key]);
        }

        // Another seed, other dropout masks.
        var otherSeed = new DropoutNet(seed: 1);
        otherSeed.Fit(Batches(data, 16), epochs: 4, optimizer: new Adam(0.01f), seed: 8, verbose: 0);
        Assert.NotEqual(fromStream.Parameters.ToArray(), otherSeed.Parameters.ToArray());
    }

    /// <summary>The batches of <see cref="Batches"/>, each with its samples' weights (Keras's <c>(x, y, sample_weight)</c>).</summary>
    private static IEnumerable<(Dataset, float[]?)> Weighted(Dataset data, int size, float[] weights)
    {
        int start = 0;
        foreach (Dataset batch in Batches(data, size))
        {
            yield return (batch, weights[start..(start + batch.Count)]);
            start += batch.Count;
        }
    }

    private static async IAsyncEnumerable<(Dataset, float[]?)> WeightedSlowly(Dataset data, int size, float[] weights)
    {
        foreach ((Dataset, float[]?) batch in Weighted(data, size, weights))
        {
            await Task.Delay(1);
            yield return batch;
        }
    }

    [Fact]
    public async Task Sample_weights_that_come_with_each_batch_train_the_bits_of_the_dataset_with_those_weights()
    {
        Dataset data = Data();
        float[] weights = Enumerable.Range(0, data.Count).Select(i => (i % 7) * 0.5f).ToArray(); // zeros among them
        var classWeight = new Dictionary<int, float> { [1] = 2f };
        var fromDataset = new DropoutNet(seed: 1);
        History expected = fromDataset.Fit(data, epochs: 3, batchSize: 16, optimizer: new Adam(0.01f), seed: 7, shuffle: false, verbose: 0, sampleWeight: weights, classWeight: classWeight);

        var fromStream = new DropoutNet(seed: 1);
        History streamed = fromStream.Fit(Weighted(data, 16, weights), epochs: 3, optimizer: new Adam(0.01f), seed: 7, verbose: 0, classWeight: classWeight);
        Assert.Equal(fromDataset.Parameters.ToArray(), fromStream.Parameters.ToArray());
        Assert.Equal(expected["loss"], streamed["loss"]);

        var fromAsync = new DropoutNet(seed: 1);
        await fromAsync.FitAsync(WeightedSlowly(data, 16, weights), epochs: 3, optimizer: new Adam(0.01f), seed: 7, verbose: 0, classWeight: classWeight);
        Assert.Equal(fromDataset.Parameters.ToArray(), fromAsync.Parameters.ToArray());

        // The weights matter: the same batches unweighted train other bits; null weights are all 1.
        var unweighted = new DropoutNet(seed: 1);
        unweighted.Fit(Batches(data, 16), epochs: 3, optimizer: new Adam(0.01f), seed: 7, verbose: 0);
        var nullWeights = new DropoutNet(seed: 1);
        nullWeights.Fit(Batches(data, 16).Select(b => (b, (float[]?)null)), epochs: 3, optimizer: new Adam(0.01f), seed: 7, verbose: 0);
        Assert.NotEqual(unweighted.Parameters.ToArray(), fromStream.Parameters.ToArray());
        Assert.Equal(unweighted.Parameters.ToArray(), nullWeights.Parameters.ToArray());
    }

    [Fact]
    public void A_batchs_wrong_weights_are_named_by_batch_and_epoch()
    {
        Dataset data = Data(32);
        (Dataset, float[]?)[] Source(float[] second) => [(data.Select(Enumerable.Range(0, 16).ToArray()), new float[16]), (data.Select(Enumerable.Range(16, 16).ToArray()), second)];

        string count = Assert.Throws<ArgumentException>(() => new DropoutNet(seed: 1).Fit(Source(new float[15]), verbose: 0)).Message;
        Assert.Contains("Batch 2 of epoch 1", count, StringComparison.Ordinal);
        Assert.Contains("15 weights", count, StringComparison.Ordinal);
        Assert.Contains("16 samples", count, StringComparison.Ordinal);

        float[] negative = new float[16];
        negative[3] = -1f;
        string sign = Assert.Throws<ArgumentException>(() => new DropoutNet(seed: 1).Fit(Source(negative), verbose: 0)).Message;
        Assert.Contains("Batch 2 of epoch 1", sign, StringComparison.Ordinal);
        Assert.Contains("Sample 3", sign, StringComparison.Ordinal);

        float[] notANumber = new float[16];
        notANumber[5] = float.NaN;
        Assert.Contains("Sample 5", Assert.Throws<ArgumentException>(() => new DropoutNet(seed: 1).Fit(Source(notANumber), verbose: 0)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Class_weights_weigh_each_streamed_batch_as_they_weigh_the_dataset()
    {
        Dataset data = Data();
        var weights = new Dictionary<int, float> { [0] = 3f, [2] = 0.5f };
        var fromDataset = new DropoutNet(seed: 1);
        fromDataset.Fit(data, epochs: 3, batchSize: 16, optimizer: new Adam(0.01f), seed: 7, shuffle: false, verbose: 0, classWeight: weights);
        var fromStream = new DropoutNet(seed: 1);
        fromStream.Fit(Batches(data, 16), epochs: 3, optimizer: new Adam(0.01f), seed: 7, verbose: 0, classWeight: weights);
        Assert.Equal(fromDataset.Parameters.ToArray(), fromStream.Parameters.ToArray());

        var unweighted = new DropoutNet(seed: 1);
        unweighted.Fit(Batches(data, 16), epochs: 3, optimizer: new Adam(0.01f), seed: 7, verbose: 0);
        Assert.NotEqual(unweighted.Parameters.ToArray(), fromStream.Parameters.ToArray());

        // A class the network does not have is refused before the source is asked for a batch.
        int asked = 0;
        IEnumerable<Dataset> Counting()
        {
            asked++;
            yield return data;
        }

        Assert.Contains("classWeight names class 5", Assert.Throws<ArgumentException>(() => new DropoutNet(seed: 1).Fit(Counting(), verbose: 0, classWeight: new Dictionary<int, float> { [5] = 1f })).Message, StringComparison.Ordinal);
        Assert.Equal(0, asked);
    }

    [Fact]
    public async Task An_asynchronous_source_trains_the_same_bits_as_a_synchronous_one()
    {
        Dataset data = Data();
        var sync = new DropoutNet(seed: 2);
        sync.Fit(Batches(data, 32), epochs: 3, optimizer: new Adam(0.01f), seed: 5, verbose: 0);
        var async = new DropoutNet(seed: 2);
        History history = await async.FitAsync(Slowly(data, 32), epochs: 3, optimizer: new Adam(0.01f), seed: 5, verbose: 0);
        Assert.Equal(sync.Parameters.ToArray(), async.Parameters.ToArray());
        Assert.Equal(3, history.Count);
        Assert.True(history["loss"][2] < history["loss"][0]);

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DropoutNet(seed: 2).FitAsync(Slowly(data, 32), epochs: 3, verbose: 0, cancellationToken: cancel.Token));
    }

    [Fact]
    public void Steps_per_epoch_draws_every_epoch_from_one_enumeration_as_from_a_generator()
    {
        // A generator that never ends: epoch 2 continues where epoch 1 stopped.
        Dataset data = Data(96);
        int drawn = 0, enumerations = 0;
        IEnumerable<Dataset> Forever()
        {
            enumerations++;
            for (int i = 0; ; i++)
            {
                drawn++;
                yield return data.Select(Enumerable.Range((i % 6) * 16, 16).ToArray());
            }
        }

        var net = new DropoutNet(seed: 3);
        History history = net.Fit(Forever(), epochs: 3, stepsPerEpoch: 4, seed: 1, verbose: 0);
        Assert.Equal(3, history.Count);
        Assert.Equal(12, drawn);
        Assert.Equal(1, enumerations);

        // Without it, each epoch enumerates the source afresh, to its end.
        int fresh = 0;
        IEnumerable<Dataset> Counted()
        {
            fresh++;
            return Batches(data, 32);
        }

        var again = new DropoutNet(seed: 3);
        IEnumerable<Dataset> source = Counted();
        again.Fit(source, epochs: 3, seed: 1, verbose: 0);
        Assert.Equal(1, fresh); // the enumerable was made once and enumerated three times
    }

    [Fact]
    public void A_generator_that_runs_out_stops_training_with_a_warning_as_keras_does()
    {
        Dataset data = Data(96);
        var log = new StringWriter();
        History history = new DropoutNet(seed: 3).Fit(Batches(data, 16), epochs: 5, stepsPerEpoch: 4, seed: 1, verbose: 2, log: log);
        Assert.Single(history); // 6 batches: epoch 1 took 4, epoch 2 ran out after 2
        Assert.Contains("The batches ran out in epoch 2, after 2 of its 4 steps; training stopped. Give a source that yields at least stepsPerEpoch × epochs = 20 batches.", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void What_a_source_gets_wrong_is_named_by_batch_and_epoch()
    {
        Dataset data = Data(96);
        Dataset iris = TestData.Iris();
        string wrongWidth = Assert.Throws<ArgumentException>(() => new DropoutNet(seed: 1).Fit([data.Select([0, 1]), iris.Select([0, 1])], verbose: 0)).Message;
        Assert.StartsWith("Batch 2 of epoch 1: ", wrongWidth, StringComparison.Ordinal);
        Assert.Contains("4 features", wrongWidth, StringComparison.Ordinal);

        string larger = Assert.Throws<ArgumentException>(() => new DropoutNet(seed: 1).Fit([data.Select([0, 1]), data.Select([0, 1, 2])], verbose: 0)).Message;
        Assert.StartsWith("Batch 2 of epoch 1 has 3 samples, more than the first batch's 2", larger, StringComparison.Ordinal);

        Assert.Contains("Batch 1 of epoch 1 is null", Assert.Throws<ArgumentException>(() => new DropoutNet(seed: 1).Fit(new Dataset[] { null! }, verbose: 0)).Message, StringComparison.Ordinal);

        // A source that can be enumerated only once gives nothing the second time: said, not trained on silently.
        IEnumerator<Dataset> once = Batches(data, 32).GetEnumerator();
        IEnumerable<Dataset> Once()
        {
            while (once.MoveNext())
            {
                yield return once.Current;
            }
        }

        string empty = Assert.Throws<ArgumentException>(() => new DropoutNet(seed: 1).Fit(Once(), epochs: 2, verbose: 0)).Message;
        Assert.StartsWith("Epoch 2 had no batch: the source yielded none this time (a source enumerated once per epoch must give its batches again each time)", empty, StringComparison.Ordinal);

        // Settings are checked before the first batch is asked for.
        int asked = 0;
        IEnumerable<Dataset> Counting()
        {
            asked++;
            yield return data;
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new DropoutNet(seed: 1).Fit(Counting(), stepsPerEpoch: 0, verbose: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DropoutNet(seed: 1).Fit(Counting(), epochs: 0, verbose: 0));
        Assert.Throws<ArgumentException>(() => new DropoutNet(seed: 1).Fit(Counting(), metrics: [new TopKCategoricalAccuracy(2, name: "val_loss")], verbose: 0));
        Assert.Equal(0, asked);
    }

    [Fact]
    public void The_progress_bar_counts_unknown_batches_until_the_first_epoch_ends()
    {
        Dataset data = Data(96);
        var log = new StringWriter();
        IEnumerable<Dataset> Lazy()
        {
            foreach (Dataset batch in Batches(data, 16))
            {
                yield return batch;
            }
        }

        History history = new DropoutNet(seed: 3).Fit(Lazy(), epochs: 2, seed: 1, verbose: 2, log: log);
        Assert.Equal(2, history.Count);
        Assert.Contains("Epoch 1/2", log.ToString(), StringComparison.Ordinal);

        // A collection says how many batches it holds from the start.
        var spy = new ContextSpy();
        new DropoutNet(seed: 3).Fit(Batches(data, 16).ToList(), epochs: 1, verbose: 0, callbacks: [spy]);
        Assert.Equal(6, spy.BatchesAtStart);
        new DropoutNet(seed: 3).Fit(Lazy(), epochs: 2, verbose: 0, callbacks: [spy]);
        Assert.Equal(0, spy.BatchesAtStart);
        Assert.Equal(6, spy.BatchesAtEnd);
    }

    private sealed class ContextSpy : Callback
    {
        public int BatchesAtStart { get; private set; }

        public int BatchesAtEnd { get; private set; }

        public override void OnTrainBegin()
        {
            BatchesAtStart = Context.BatchesPerEpoch;
        }

        public override void OnTrainEnd(History history) => BatchesAtEnd = Context.BatchesPerEpoch;
    }
}
