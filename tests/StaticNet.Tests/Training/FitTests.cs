using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Training;

public class FitTests
{
    private static Dataset Xor()
    {
        float[] x = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] y = [0, 1, 1, 0];
        return new Dataset(x, y, featureCount: 2, classCount: 2);
    }

    [Fact]
    public void Fit_logs_one_keras_style_line_per_epoch_and_calls_back()
    {
        var log = new StringWriter();
        var seen = new List<EpochResult>();
        var net = new IrisNet(seed: 1);
        Dataset data = Synthetic(40, seed: 1);
        IReadOnlyList<EpochResult> history = net.Fit(data, epochs: 3, batchSize: 16, optimizer: new Adam(0.01f), seed: 1, onEpochEnd: seen.Add, log: log);

        string[] lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^Epoch 1/3 - loss: \d\.\d{4} - accuracy: \d\.\d{4}$", lines[0].TrimEnd('\r'));
        Assert.StartsWith("Epoch 3/3 - loss: ", lines[2], StringComparison.Ordinal);
        Assert.Equal(history, seen);
        Assert.Equal("Epoch 7/100 - loss: 0.4213 - accuracy: 0.8750", new EpochResult(7, 100, 0.42131, 0.875, null, null).ToString());
        Assert.Equal(
            "Epoch 1/2 - loss: 1.0000 - accuracy: 0.5000 - val_loss: 2.0000 - val_accuracy: 0.2500",
            new EpochResult(1, 2, 1, 0.5, 2, 0.25).ToString());
    }

    [Fact]
    public void Same_seed_same_bits_after_training()
    {
        Dataset data = Synthetic(50, seed: 2);
        var a = new IrisNet(seed: 3);
        var b = new IrisNet(seed: 3);
        a.Fit(data, epochs: 5, batchSize: 8, optimizer: new Adam(0.01f), seed: 4);
        b.Fit(data, epochs: 5, batchSize: 8, optimizer: new Adam(0.01f), seed: 4);
        Assert.True(a.Parameters.SequenceEqual(b.Parameters));

        var c = new IrisNet(seed: 3);
        c.Fit(data, epochs: 5, batchSize: 8, optimizer: new Adam(0.01f), seed: 5);
        Assert.False(a.Parameters.SequenceEqual(c.Parameters));
    }

    [Fact]
    public void Parallel_training_is_deterministic_for_a_worker_count_and_matches_one_thread_to_rounding()
    {
        Dataset data = Synthetic(200, seed: 9);
        float[] Train(int workers)
        {
            var net = new LoopClassifierNetFor4(seed: 3);
            net.Fit(data, epochs: 3, batchSize: 32, optimizer: new Sgd(0.05f), seed: 1, degreeOfParallelism: workers);
            return net.Parameters.ToArray();
        }

        float[] one = Train(1), two = Train(2), twoAgain = Train(2), three = Train(3);
        Assert.Equal(two, twoAgain); // bit for bit
        for (int k = 0; k < one.Length; k++)
        {
            // Only the order of additions differs between worker counts.
            Assert.Equal(one[k], two[k], 1e-4f);
            Assert.Equal(one[k], three[k], 1e-4f);
        }
    }

    [Fact]
    public void Batch_gradient_is_the_mean_of_the_sample_gradients()
    {
        // One epoch of one batch with plain SGD(lr 1): θ1 = θ0 − mean_i ∇L_i(θ0).
        Dataset data = Synthetic(5, seed: 6);
        var net = new IrisNet(seed: 6);
        float[] before = net.Parameters.ToArray();
        var expected = new float[IrisNet.ParameterCount];
        for (int i = 0; i < data.Count; i++)
        {
            net.TrainStep(data.FeaturesOf(i), data.TargetOf(i), expected);
        }

        net.Fit(data, epochs: 1, batchSize: 5, optimizer: new Sgd(learningRate: 1f), shuffle: false);
        for (int k = 0; k < before.Length; k++)
        {
            Assert.Equal(before[k] - expected[k] / 5, net.Parameters[k], 1e-5f);
        }
    }

    [Fact]
    public void Fit_learns_xor()
    {
        var net = new XorNet(seed: 2);
        var history = net.Fit(Xor(), epochs: 500, batchSize: 4, optimizer: new Adam(0.05f), seed: 1);
        Assert.True(history[^1].Loss < 0.05, $"final loss {history[^1].Loss}");
        Assert.Equal(1.0, net.Evaluate(Xor()).Accuracy);
        Assert.Equal([0, 1, 1, 0], net.PredictClasses(Xor()));
    }

    [Fact]
    public void A_non_finite_loss_stops_training_and_names_epoch_and_batch()
    {
        // Sample 5 has a target of 3.4e38: its squared error overflows to infinity in the third batch of two.
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8];
        float[] y = [0, 0, 0, 0, 0, float.MaxValue, 0, 0];
        var data = new Dataset(x, y, featureCount: 1);
        var net = new SingleUnitNet(seed: 1);
        var error = Assert.Throws<NonFiniteLossException>(() => net.Fit(data, epochs: 2, batchSize: 2, optimizer: new Sgd(0.01f), shuffle: false));
        Assert.Equal((1, 3), (error.Epoch, error.Batch));
        Assert.Contains("epoch 1, batch 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_split_holds_out_the_last_samples_and_reports_val_metrics()
    {
        Dataset data = Synthetic(50, seed: 3);
        var net = new IrisNet(seed: 1);
        var history = net.Fit(data, epochs: 2, batchSize: 10, validationSplit: 0.2, seed: 1);
        Assert.NotNull(history[0].ValidationLoss);
        Assert.NotNull(history[0].ValidationAccuracy);

        // The reported validation loss is the loss on the last 10 samples after the epoch.
        var holdout = data.Select(Enumerable.Range(40, 10).ToArray());
        Assert.Equal(net.Evaluate(holdout).Loss, history[^1].ValidationLoss!.Value, 1e-9);
    }

    [Fact]
    public void Shape_mismatches_between_data_and_network_are_explained()
    {
        var net = new IrisNet();
        var wrongFeatures = new Dataset(new float[10], new float[2], featureCount: 5);
        var error = Assert.Throws<ArgumentException>(() => net.Fit(wrongFeatures));
        Assert.Contains("5 features per sample but IrisNet takes 4", error.Message, StringComparison.Ordinal);

        var categorical = new CategoricalNet();
        var sparse = new Dataset(new float[8], [0f, 2f], featureCount: 4, classCount: 3);
        error = Assert.Throws<ArgumentException>(() => categorical.Fit(sparse));
        Assert.Contains("use Dataset.ToOneHot()", error.Message, StringComparison.Ordinal);
        categorical.Fit(sparse.ToOneHot(), epochs: 1);
    }

    [Fact]
    public void Mean_squared_error_reports_no_accuracy()
    {
        var net = new SingleUnitNet();
        var data = new Dataset([1f, 2f], [2f, 4f], featureCount: 1);
        var history = net.Fit(data, epochs: 1);
        Assert.Null(history[0].Accuracy);
        Assert.DoesNotContain("accuracy", history[0].ToString(), StringComparison.Ordinal);
        Assert.Null(net.Evaluate(data).Accuracy);
    }

    /// <summary>Three separable blobs in four dimensions, labelled 0..2.</summary>
    internal static Dataset Synthetic(int count, int seed)
    {
        var random = new SeededRandom(seed);
        var x = new float[count * 4];
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 3;
            y[i] = label;
            for (int j = 0; j < 4; j++)
            {
                x[i * 4 + j] = (j == label ? 2f : 0f) + (float)random.NextGaussian() * 0.5f;
            }
        }

        return new Dataset(x, y, featureCount: 4, classCount: 3);
    }
}

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class XorNet;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(4)]
[Dense(40, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class LoopClassifierNetFor4;
