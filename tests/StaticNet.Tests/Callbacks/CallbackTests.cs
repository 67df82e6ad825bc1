using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Callbacks;

/// <summary>
/// The built-in callbacks against Keras's semantics, traced by hand from keras/src/callbacks/*.py on scripted monitor
/// values (a callback ahead of them overwrites the logged value), and the History that Fit returns.
/// </summary>
public class CallbackTests
{
    /// <summary>Overwrites log <c>key</c> with a scripted value per epoch, and snapshots the parameters at each epoch's end.</summary>
    private sealed class Script(string key, params double[] values) : Callback
    {
        public List<float[]> Parameters { get; } = [];

        public override void OnEpochEnd(EpochResult result)
        {
            result.Add(key, values[result.Epoch - 1]);
            Parameters.Add(Context.Network.Parameters.ToArray());
        }
    }

    private static Dataset Data => TestData.ScaledIris();

    [Fact]
    public void Early_stopping_stops_after_patience_epochs_without_improvement_and_restores_the_best_weights()
    {
        var script = new Script("loss", 5, 4, 4.5, 4.2, 4.1, 3.0, 2.0);
        var stopping = new EarlyStopping(monitor: "loss", patience: 2, restoreBestWeights: true);
        var net = new IrisNet(1);
        History history = net.Fit(Data, epochs: 7, callbacks: [script, stopping]);

        // idx0 best 5; idx1 best 4; idx2 wait 1; idx3 wait 2 ≥ patience: stop at epoch 4, best epoch 2.
        Assert.Equal(4, history.Count);
        Assert.Equal(4, stopping.StoppedEpoch);
        Assert.Equal(2, stopping.BestEpoch);
        Assert.Equal(4.0, stopping.Best);
        Assert.Equal(script.Parameters[1], net.Parameters.ToArray());
        Assert.Equal([5, 4, 4.5, 4.2], history["loss"]);
    }

    [Fact]
    public void Early_stopping_honours_min_delta_mode_baseline_and_start_from_epoch()
    {
        // min_delta 0.5: 4.6 after 5 is not an improvement; patience 1 stops at the first non-improvement after idx 0.
        var delta = new EarlyStopping(monitor: "loss", minDelta: 0.5, patience: 1);
        Assert.Equal(2, new IrisNet(1).Fit(Data, epochs: 5, callbacks: [new Script("loss", 5, 4.6, 4, 3, 2), delta]).Count);

        // mode max on a value that rises then falls.
        var max = new EarlyStopping(monitor: "loss", mode: MonitorMode.Max, patience: 1);
        Assert.Equal(3, new IrisNet(1).Fit(Data, epochs: 6, callbacks: [new Script("loss", 1, 2, 1.5, 3, 4, 5), max]).Count);

        // start_from_epoch 3: the first three epochs are not watched, so the early plateau does not stop training.
        var warm = new EarlyStopping(monitor: "loss", patience: 1, startFromEpoch: 3);
        Assert.Equal(5, new IrisNet(1).Fit(Data, epochs: 6, callbacks: [new Script("loss", 1, 1, 1, 0.5, 0.6, 0.7), warm]).Count);

        // A baseline never beaten: improvements do not reset the count, so the first non-improvement past patience stops.
        var baseline = new EarlyStopping(monitor: "loss", patience: 2, baseline: 0.5);
        Assert.Equal(4, new IrisNet(1).Fit(Data, epochs: 6, callbacks: [new Script("loss", 3, 2.9, 2.8, 2.85, 2.7, 2.6), baseline]).Count);
    }

    [Fact]
    public void Early_stopping_restores_the_best_weights_even_when_training_runs_to_the_end()
    {
        var script = new Script("loss", 3, 1, 2, 2.5);
        var net = new IrisNet(1);
        net.Fit(Data, epochs: 4, callbacks: [script, new EarlyStopping(monitor: "loss", patience: 10, restoreBestWeights: true)]);
        Assert.Equal(script.Parameters[1], net.Parameters.ToArray());
    }

    [Fact]
    public void A_monitor_that_will_not_be_logged_fails_before_training_and_lists_the_keys()
    {
        var net = new IrisNet(1);
        float[] before = net.Parameters.ToArray();
        var error = Assert.Throws<InvalidOperationException>(() => net.Fit(Data, epochs: 2, callbacks: [new EarlyStopping()]));
        Assert.Contains("'val_loss'", error.Message);
        Assert.Contains("loss, accuracy", error.Message);
        Assert.Contains("validationSplit", error.Message);
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Fact]
    public void Reduce_lr_on_plateau_follows_keras_with_patience_and_cooldown()
    {
        // Keras: idx0 best; idx1 wait 1; idx2 wait 2 → lr 0.05, cooldown 1; idx3 cooldown ends, wait 1; idx4 wait 2 → 0.025.
        var reduce = new ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 2, cooldown: 1);
        var sgd = new Sgd(0.1f);
        History history = new IrisNet(1).Fit(Data, epochs: 6, optimizer: sgd, callbacks: [new Script("loss", 1, 1, 1, 1, 1, 1), reduce]);
        Assert.Equal([0.1, 0.1, 0.1, 0.05, 0.05, 0.025], history["learning_rate"].Select(r => Math.Round(r, 6)));
        Assert.Equal(0.025f, sgd.LearningRate, 6); // idx5: the cooldown ends, wait 1: no reduction yet
    }

    [Fact]
    public void Reduce_lr_on_plateau_never_goes_below_its_floor_and_refuses_a_scheduled_optimizer()
    {
        var sgd = new Sgd(0.1f);
        new IrisNet(1).Fit(Data, epochs: 6, optimizer: sgd, callbacks: [new Script("loss", 1, 1, 1, 1, 1, 1), new ReduceLROnPlateau(monitor: "loss", factor: 0.1, patience: 1, minLearningRate: 0.005)]);
        Assert.Equal(0.005f, sgd.LearningRate, 6);

        var scheduled = new Adam(new ExponentialDecay(0.01, 10, 0.9));
        var error = Assert.Throws<InvalidOperationException>(() =>
            new IrisNet(1).Fit(Data, epochs: 4, optimizer: scheduled, callbacks: [new Script("loss", 1, 1, 1, 1), new ReduceLROnPlateau(monitor: "loss", patience: 1)]));
        Assert.Contains("ExponentialDecay", error.Message);
    }

    [Fact]
    public void Learning_rate_scheduler_sets_the_rate_each_epoch_from_a_function_or_a_schedule()
    {
        var sgd = new Sgd(0.1f);
        History history = new IrisNet(1).Fit(Data, epochs: 5, optimizer: sgd, callbacks: [new LearningRateScheduler(new StepDecay(0.1, stepSize: 2, factor: 0.5))]);
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025], history["learning_rate"].Select(r => Math.Round(r, 6)));

        // Keras's documented example: keep the rate for 2 epochs, then multiply by exp(-0.1) each epoch.
        var adam = new Adam(0.01f);
        History keras = new IrisNet(1).Fit(Data, epochs: 4, optimizer: adam, callbacks: [new LearningRateScheduler((epoch, lr) => epoch < 2 ? lr : lr * Math.Exp(-0.1))]);
        Assert.Equal(0.01 * Math.Exp(-0.2), keras["learning_rate"][3], 6);
    }

    [Fact]
    public void Model_checkpoint_saves_only_improvements_atomically_with_placeholders_filled()
    {
        string folder = Directory.CreateTempSubdirectory("snet-ckpt").FullName;
        try
        {
            var script = new Script("loss", 3, 2, 2.5, 1);
            var checkpoint = new ModelCheckpoint(Path.Combine(folder, "ckpt-{epoch:D2}-{loss:F1}.snet"), monitor: "loss", saveBestOnly: true);
            new IrisNet(1).Fit(Data, epochs: 4, callbacks: [script, checkpoint]);
            Assert.Equal(["ckpt-01-3.0.snet", "ckpt-02-2.0.snet", "ckpt-04-1.0.snet"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
            var loaded = new IrisNet(9);
            loaded.LoadParameters(Path.Combine(folder, "ckpt-02-2.0.snet"));
            Assert.Equal(script.Parameters[1], loaded.Parameters.ToArray());
            Assert.EndsWith("ckpt-04-1.0.snet", checkpoint.LastSaved);
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

            var bad = new ModelCheckpoint(Path.Combine(folder, "{val_auc}.snet"));
            Assert.Contains("val_auc", Assert.Throws<InvalidOperationException>(() => new IrisNet(1).Fit(Data, epochs: 1, callbacks: [bad])).Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Csv_logger_writes_keras_format_and_appends_without_a_second_header()
    {
        string file = Path.Combine(Path.GetTempPath(), $"snet-log-{Guid.NewGuid():N}.csv");
        try
        {
            History history = new IrisNet(1).Fit(Data, epochs: 2, validationSplit: 0.2, callbacks: [new CSVLogger(file)]);
            string[] lines = File.ReadAllLines(file);
            Assert.Equal("epoch,accuracy,loss,val_accuracy,val_loss", lines[0]);
            Assert.Equal(3, lines.Length);
            string[] row = lines[2].Split(',');
            Assert.Equal("1", row[0]);
            Assert.Equal(history["loss"][1], double.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture));

            new IrisNet(1).Fit(Data, epochs: 2, validationSplit: 0.2, callbacks: [new CSVLogger(file, append: true)]);
            Assert.Equal(5, File.ReadAllLines(file).Length);
            Assert.Single(File.ReadAllLines(file), l => l.StartsWith("epoch", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_callback_can_stop_training_inside_an_epoch_and_the_partial_epoch_is_not_logged()
    {
        var stopper = new StopAtBatch(epoch: 3, batch: 2);
        History history = new IrisNet(1).Fit(Data, epochs: 10, batchSize: 32, callbacks: [stopper]);
        Assert.Equal(2, history.Count);
        Assert.Equal(2 * 5 + 2, stopper.BatchesSeen); // 150 samples: 5 batches of 32 per epoch, two whole epochs, then two batches
    }

    private sealed class StopAtBatch(int epoch, int batch) : Callback
    {
        public int BatchesSeen { get; private set; }

        public override void OnBatchEnd(BatchResult result)
        {
            BatchesSeen++;
            Assert.Equal(5, result.Batches);
            Assert.InRange(result.Loss, 0, 10);
            if (result.Epoch == epoch && result.Batch == batch)
            {
                Context.StopTraining = true;
            }
        }
    }

    [Fact]
    public void History_holds_every_series_under_keras_names()
    {
        var (train, test) = Data.TrainTestSplit(0.2, seed: 42);
        History history = new IrisNet(1).Fit(
            train, epochs: 3, validationData: test, optimizer: new Adam(0.01f),
            metrics: [new Precision(Average.Macro), new F1Score(Average.Weighted), new TopKCategoricalAccuracy(k: 2)]);
        Assert.Equal(
            ["loss", "accuracy", "precision", "f1_score", "sparse_top_k_categorical_accuracy", "val_loss", "val_accuracy", "val_precision", "val_f1_score", "val_sparse_top_k_categorical_accuracy"],
            history.Keys);
        Assert.Equal([1, 2, 3], history.Epochs);
        Assert.Equal(3, history["val_precision"].Count);
        Assert.Equal(history[2].ValidationLoss, history["val_loss"][2]);

        // The validation metrics are those of the final model on the validation data.
        var network = new IrisNet(1);
        network.Fit(train, epochs: 3, optimizer: new Adam(0.01f));
        var matrix = ConfusionMatrix.Of(network, test);
        Assert.Equal(matrix.Precision(Average.Macro), history["val_precision"][2], 12);
        Assert.Equal(matrix.F1Score(Average.Weighted), history["val_f1_score"][2], 12);
        Assert.Equal(matrix.Accuracy, history["val_accuracy"][2], 6);
        Assert.Contains("val_f1_score", Assert.Throws<KeyNotFoundException>(() => history["val_recall"]).Message);
    }

    [Fact]
    public void Evaluate_reports_the_metrics_asked_for()
    {
        var net = new IrisNet(1);
        net.Fit(Data, epochs: 20, optimizer: new Adam(0.01f));
        Evaluation evaluation = net.Evaluate(Data, [new Recall(Average.Macro)]);
        Assert.Equal(["loss", "accuracy", "recall"], evaluation.Metrics.Keys);
        Assert.Equal(ConfusionMatrix.Of(net, Data).Recall(Average.Macro), evaluation["recall"], 12);
        Assert.Equal(evaluation.Loss, net.Evaluate(Data).Loss);
    }

    [Fact]
    public void Two_metrics_with_one_name_are_refused()
    {
        Assert.Contains("'precision'", Assert.Throws<ArgumentException>(() => new IrisNet(1).Fit(Data, metrics: [new Precision(Average.Macro), new Precision(Average.Micro)])).Message);
    }
}
