using StaticNet.Plotting;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Hardening;

/// <summary>Settings a long run reaches by design (a rate that decays to 0, an oversized batch) finish instead of throwing mid-training.</summary>
public class LongRunTests
{
    private static Dataset Data => TestData.ScaledIris();

    /// <summary>Overwrites log <c>key</c> with a constant, and snapshots the parameters at each epoch's end.</summary>
    private sealed class Plateau(string key) : Callback
    {
        public List<float[]> Parameters { get; } = [];

        public int BatchesPerEpoch { get; private set; }

        public override void OnTrainBegin() => BatchesPerEpoch = Context.BatchesPerEpoch;

        public override void OnEpochEnd(EpochResult result)
        {
            result.Add(key, 1.0);
            Parameters.Add(Context.Network.Parameters.ToArray());
        }
    }

    [Fact]
    public void A_schedule_that_decays_to_zero_trains_on_with_the_parameters_still()
    {
        // Read at the epoch index, a cosine over 2 steps is 0 from epoch 3 on: Keras trains on with a rate of 0.
        var snapshots = new Plateau("unused");
        History history = new IrisNet(1).Fit(Data, epochs: 5, optimizer: new Adam(0.01f), callbacks: [new LearningRateScheduler(new CosineDecay(0.01, decaySteps: 2)), snapshots]);
        Assert.Equal(5, history.Count);
        Assert.Equal([0.01, 0.005, 0, 0, 0], history["learning_rate"].Select(r => Math.Round(r, 6)));
        Assert.NotEqual(snapshots.Parameters[0], snapshots.Parameters[1]);
        Assert.Equal(snapshots.Parameters[2], snapshots.Parameters[4]);
    }

    [Fact]
    public void A_step_decay_below_floats_normal_range_is_zero_not_a_subnormal_rate_or_an_error()
    {
        var sgd = new Sgd(0.1f);
        History history = new IrisNet(1).Fit(Data, epochs: 4, optimizer: sgd, callbacks: [new LearningRateScheduler(new StepDecay(0.1, stepSize: 1, factor: 1e-20))]);
        Assert.Equal(4, history.Count);
        Assert.Equal(1e-21, history["learning_rate"][1], 1e-27); // 1e-21 is a normal float
        Assert.Equal(0.0, history["learning_rate"][2]);           // 1e-41 would be subnormal
        Assert.Equal(0f, sgd.LearningRate);
    }

    [Fact]
    public void Reduce_lr_on_plateau_bottoms_out_at_zero_without_throwing()
    {
        var sgd = new Sgd(0.1f);
        var plateau = new ReduceLROnPlateau(monitor: "loss", factor: 1e-10, patience: 0);
        History history = new IrisNet(1).Fit(Data, epochs: 8, optimizer: sgd, callbacks: [new Plateau("loss"), plateau]);
        Assert.Equal(8, history.Count);
        double[] rates = [.. history["learning_rate"]];
        Assert.True(rates.Zip(rates.Skip(1)).All(p => p.Second <= p.First), string.Join(", ", rates));
        Assert.Equal(0f, sgd.LearningRate);
    }

    [Fact]
    public void A_batch_larger_than_the_data_is_one_step_an_epoch_and_the_progress_bar_draws()
    {
        var log = new StringWriter();
        var probe = new Plateau("unused");
        History history = new IrisNet(1).Fit(Data, epochs: 2, batchSize: int.MaxValue, callbacks: [probe, new ProgbarLogger(log, interactive: true)]);
        Assert.Equal(2, history.Count);
        Assert.Equal(1, probe.BatchesPerEpoch);
        Assert.Contains("1/1", log.ToString(), StringComparison.Ordinal);

        // The same bits as a batch of exactly the data.
        var exact = new IrisNet(1);
        exact.Fit(Data, epochs: 2, batchSize: Data.Count, verbose: 0);
        var huge = new IrisNet(1);
        huge.Fit(Data, epochs: 2, batchSize: int.MaxValue, verbose: 0);
        Assert.Equal(exact.Parameters.ToArray(), huge.Parameters.ToArray());
    }

    [Fact]
    public void A_degree_of_parallelism_beyond_the_batch_is_clamped_and_one_beyond_any_machine_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IrisNet(1).Fit(Data, degreeOfParallelism: 1_000_000));
        Assert.Equal("degreeOfParallelism", error.ParamName);
        Assert.Contains("At most 1,024 threads share a batch", error.Message, StringComparison.Ordinal);

        // 1,024 workers for batches of 8: 8 of them have samples, and the result is that of 8.
        var many = new IrisNet(1);
        many.Fit(Data, epochs: 2, batchSize: 8, degreeOfParallelism: NetworkTraining.MaxDegreeOfParallelism, verbose: 0);
        var eight = new IrisNet(1);
        eight.Fit(Data, epochs: 2, batchSize: 8, degreeOfParallelism: 8, verbose: 0);
        Assert.Equal(eight.Parameters.ToArray(), many.Parameters.ToArray());
    }

    [Fact]
    public void A_run_resumed_from_a_checkpoint_with_initial_epoch_continues_its_numbering_and_its_data_order()
    {
        string file = Path.Combine(Path.GetTempPath(), $"snet-resume-{Guid.NewGuid():N}.snet");
        try
        {
            // SGD without momentum keeps no state, so a resumed run can match an uninterrupted one bit for bit: only the
            // data order must be the same, which the replayed shuffles give.
            var uninterrupted = new IrisNet(1);
            uninterrupted.Fit(Data, epochs: 6, optimizer: new Sgd(0.05f), seed: 3, verbose: 0);

            new IrisNet(1).Fit(Data, epochs: 3, optimizer: new Sgd(0.05f), seed: 3, verbose: 0, callbacks: [new ModelCheckpoint(file)]);
            var resumed = new IrisNet(9);
            resumed.LoadParameters(file);
            var log = new StringWriter();
            History rest = resumed.Fit(Data, epochs: 6, optimizer: new Sgd(0.05f), seed: 3, log: log, verbose: 2, initialEpoch: 3);

            Assert.Equal([4, 5, 6], rest.Select(r => r.Epoch));
            Assert.StartsWith("Epoch 4/6 - loss: ", log.ToString(), StringComparison.Ordinal);
            Assert.Equal(uninterrupted.Parameters.ToArray(), resumed.Parameters.ToArray());
        }
        finally
        {
            File.Delete(file);
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IrisNet(1).Fit(Data, epochs: 5, initialEpoch: 5));
        Assert.Equal("initialEpoch", error.ParamName);
    }

    [Fact]
    public void Validation_every_other_epoch_logs_val_values_on_those_epochs_and_monitors_skip_the_others()
    {
        string csv = Path.Combine(Path.GetTempPath(), $"snet-freq-{Guid.NewGuid():N}.csv");
        string png = Path.ChangeExtension(csv, ".png");
        try
        {
            var stopping = new EarlyStopping(monitor: "val_loss", patience: 10);
            var plateau = new ReduceLROnPlateau(monitor: "val_loss", patience: 10);
            History history = new IrisNet(1).Fit(Data, epochs: 6, validationSplit: 0.2, validationFreq: 2, verbose: 0, optimizer: new Sgd(0.05f), callbacks: [stopping, plateau, new CSVLogger(csv)]);

            Assert.Equal(6, history.Count);
            Assert.Equal([false, true, false, true, false, true], history.Select(r => r.Logs.ContainsKey("val_loss")));
            Assert.Equal(3, history["val_loss"].Count(double.IsFinite));
            Assert.Equal(0, history.Best("val_loss").Epoch % 2);
            Assert.Equal(0, stopping.BestEpoch % 2);
            string[] rows = File.ReadAllLines(csv);
            Assert.EndsWith("NA,NA", rows[1], StringComparison.Ordinal); // epoch 1: val_accuracy and val_loss
            Assert.DoesNotContain("NA", rows[2], StringComparison.Ordinal);

            Plots.SaveLearningCurves(history, png);
            Assert.True(new FileInfo(png).Length > 1000);
        }
        finally
        {
            File.Delete(csv);
            File.Delete(png);
        }

        Assert.Equal("validationFreq", Assert.Throws<ArgumentOutOfRangeException>(() => new IrisNet(1).Fit(Data, validationFreq: 0)).ParamName);
    }

    [Fact]
    public void A_learning_curve_marks_the_restored_best_epoch_and_titles_read_in_sentence_case()
    {
        var stopping = new EarlyStopping(monitor: "val_loss", patience: 2, restoreBestWeights: true);
        History history = new IrisNet(1).Fit(Data, epochs: 8, validationSplit: 0.2, verbose: 0, metrics: [new F1Score(Average.Macro)], callbacks: [stopping]);
        ScottPlot.Plot curve = Plots.LearningCurve(history, "loss", markEpoch: stopping.BestEpoch);
        var marker = Assert.Single(curve.GetPlottables().OfType<ScottPlot.Plottables.VerticalLine>());
        Assert.Equal(stopping.BestEpoch, marker.X);
        Assert.Equal($"best epoch {stopping.BestEpoch}", marker.LegendText);
        Assert.Equal(["Loss", "Accuracy", "F1 score"], Plots.LearningCurves(history).Select(p => p.Axes.Title.Label.Text));
        Assert.Empty(Plots.LearningCurve(history).GetPlottables().OfType<ScottPlot.Plottables.VerticalLine>());
    }
}
