using System.Globalization;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Hardening;

/// <summary>
/// Settings that are knowable before training fail at <c>Fit</c>'s (or the search's) start, before any parameter moves;
/// settings that would mean nothing are refused where they are written.
/// </summary>
public sealed class FailingEarlyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snet-hardening").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Dataset Data => TestData.ScaledIris();

    /// <summary>Overwrites log <c>key</c> with a scripted value per epoch.</summary>
    private sealed class Script(string key, params double[] values) : Callback
    {
        public override void OnEpochEnd(EpochResult result) => result.Add(key, values[result.Epoch - 1]);
    }

    /// <summary>Fails the test if training reaches its first epoch.</summary>
    private sealed class NoEpoch : Callback
    {
        public override void OnEpochBegin(int epoch) => Assert.Fail("Training started although the settings were invalid.");
    }

    /// <summary>Runs Fit with the callbacks, expecting it to throw before the first epoch and leave the parameters alone.</summary>
    private static TException FailsBeforeTraining<TException>(IOptimizer? optimizer, params Callback[] callbacks)
        where TException : Exception
    {
        var net = new IrisNet(1);
        float[] before = net.Parameters.ToArray();
        var error = Assert.Throws<TException>(() => net.Fit(Data, epochs: 2, optimizer: optimizer, callbacks: [.. callbacks, new NoEpoch()]));
        Assert.Equal(before, net.Parameters.ToArray());
        return error;
    }

    [Fact]
    public void A_checkpoint_path_naming_an_unknown_value_fails_before_training()
    {
        var error = FailsBeforeTraining<InvalidOperationException>(null, new ModelCheckpoint(Path.Combine(_folder, "{epoch}-{val_auc:F3}.snet")));
        Assert.Contains("'val_auc', which the epochs will not log; they log epoch, loss, accuracy", error.Message, StringComparison.Ordinal);

        // A key a callback adds (learning_rate) is known from the start.
        var checkpoint = new ModelCheckpoint(Path.Combine(_folder, "lr-{learning_rate:G3}.snet"));
        new IrisNet(1).Fit(Data, epochs: 1, optimizer: new Sgd(0.05f), callbacks: [new ReduceLROnPlateau(monitor: "loss"), checkpoint]);
        Assert.Equal("lr-0.05.snet", Path.GetFileName(checkpoint.LastSaved));
    }

    [Fact]
    public void A_missing_checkpoint_folder_is_created_and_one_that_cannot_be_written_fails_before_training()
    {
        string nested = Path.Combine(_folder, "runs", "a", "ckpt-{epoch}.snet");
        var checkpoint = new ModelCheckpoint(nested);
        new IrisNet(1).Fit(Data, epochs: 2, callbacks: [checkpoint]);
        Assert.Equal(["ckpt-1.snet", "ckpt-2.snet"], Directory.GetFiles(Path.Combine(_folder, "runs", "a")).Select(Path.GetFileName).Order());

        // A folder below a file can never be made.
        string file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "x");
        var error = FailsBeforeTraining<InvalidOperationException>(null, new ModelCheckpoint(Path.Combine(file, "sub", "ckpt.snet")));
        Assert.Contains("The checkpoint folder " + Path.Combine(file, "sub") + " cannot be written", error.Message, StringComparison.Ordinal);

        // A placeholder in the folder: made as each file is saved.
        var perEpoch = new ModelCheckpoint(Path.Combine(_folder, "epoch-{epoch}", "weights.snet"));
        new IrisNet(1).Fit(Data, epochs: 2, callbacks: [perEpoch]);
        Assert.True(File.Exists(Path.Combine(_folder, "epoch-2", "weights.snet")));
    }

    [Theory]
    [InlineData("ckpt-{epoch.snet", 6, "a '{' that is never closed")]
    [InlineData("ckpt-epoch}.snet", 11, "a '}' that closes no placeholder")]
    [InlineData("ckpt-{}.snet", 6, "the placeholder '{}', which names no log key")]
    [InlineData("ckpt-{1st}.snet", 6, "the placeholder '{1st}', which names no log key")]
    [InlineData("ckpt-{epoch:Q}.snet", 6, "the format 'Q', which an integer cannot take")]
    public void A_checkpoint_pattern_that_would_name_one_file_by_accident_is_refused_where_it_is_written(string pattern, int at, string what)
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelCheckpoint(pattern));
        Assert.Equal("path", error.ParamName);
        Assert.Contains($"at character {at}, {what}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Doubled_braces_are_literal_braces_in_a_checkpoint_path()
    {
        var checkpoint = new ModelCheckpoint(Path.Combine(_folder, "run{{1}}-{epoch:D2}.snet"));
        new IrisNet(1).Fit(Data, epochs: 1, callbacks: [checkpoint]);
        Assert.Equal("run{1}-01.snet", Path.GetFileName(checkpoint.LastSaved));
    }

    [Fact]
    public void Save_best_only_never_saves_on_a_monitor_that_is_nan_and_says_from_inf_and_the_file()
    {
        var nan = new ModelCheckpoint(Path.Combine(_folder, "nan-{epoch}.snet"), monitor: "loss", saveBestOnly: true);
        new IrisNet(1).Fit(Data, epochs: 3, callbacks: [new Script("loss", double.NaN, double.NaN, double.NaN), nan]);
        Assert.Null(nan.LastSaved);
        Assert.Empty(Directory.GetFiles(_folder, "nan-*"));

        var log = new StringWriter();
        string path = Path.Combine(_folder, "best.snet");
        var best = new ModelCheckpoint(path, monitor: "loss", saveBestOnly: true, verbose: true);
        new IrisNet(1).Fit(Data, epochs: 3, log: log, verbose: 2, callbacks: [new Script("loss", 0.84659, 0.9, double.NaN), best]);
        string text = log.ToString();
        Assert.Contains($"Epoch 1: loss improved from inf to 0.84659, saving model to {path}", text, StringComparison.Ordinal);
        Assert.Contains("Epoch 2: loss did not improve from 0.84659", text, StringComparison.Ordinal);
        Assert.Contains("Epoch 3: loss did not improve from 0.84659", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_callbacks_on_an_optimizer_that_follows_a_schedule_fail_before_training()
    {
        var plateau = FailsBeforeTraining<InvalidOperationException>(new Adam(new ExponentialDecay(0.01, 10, 0.9)), new ReduceLROnPlateau(monitor: "loss"));
        Assert.Contains("ReduceLROnPlateau sets the optimizer's learning rate between epochs, but the optimizer follows a ExponentialDecay schedule", plateau.Message, StringComparison.Ordinal);
        var scheduler = FailsBeforeTraining<InvalidOperationException>(new Sgd(new CosineDecay(0.1, 100)), new LearningRateScheduler((_, lr) => lr));
        Assert.Contains("LearningRateScheduler", scheduler.Message, StringComparison.Ordinal);
        Assert.Contains("CosineDecay", scheduler.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void An_early_stopping_baseline_must_be_a_number_a_value_can_beat(double baseline)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(baseline: baseline));
        Assert.Equal("baseline", error.ParamName);
    }

    [Theory]
    [InlineData('\n')]
    [InlineData('\r')]
    [InlineData('"')]
    [InlineData('.')]
    [InlineData('e')]
    [InlineData('7')]
    [InlineData('_')]
    public void A_csv_separator_that_would_split_or_join_values_is_refused(char separator)
    {
        var error = Assert.Throws<ArgumentException>(() => new CSVLogger(Path.Combine(_folder, "log.csv"), separator));
        Assert.Equal("separator", error.ParamName);
        Assert.Equal(';', new CSVLogger(Path.Combine(_folder, "log.csv"), ';').Separator);
        Assert.Equal('\t', new CSVLogger(Path.Combine(_folder, "log.csv"), '\t').Separator);
    }

    [Fact]
    public void Appending_to_a_csv_log_with_other_columns_is_refused_before_training_and_the_file_kept()
    {
        string file = Path.Combine(_folder, "log.csv");
        new IrisNet(1).Fit(Data, epochs: 2, validationSplit: 0.2, callbacks: [new CSVLogger(file)]);
        byte[] before = File.ReadAllBytes(file);

        // No validation this time: its val_ columns would read NA and the new values have no column of their own.
        var error = FailsBeforeTraining<InvalidOperationException>(null, new CSVLogger(file, append: true));
        Assert.Contains("whose header is 'epoch,accuracy,loss,val_accuracy,val_loss', but this run logs epoch,accuracy,loss", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file));

        // The same columns append.
        new IrisNet(1).Fit(Data, epochs: 1, validationSplit: 0.2, callbacks: [new CSVLogger(file, append: true)]);
        Assert.Equal(4, File.ReadAllLines(file).Length);
        Assert.DoesNotContain("NA", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("val_loss", "val_ names are the validation values'")]
    [InlineData("val_f1", "val_ names are the validation values'")]
    [InlineData("learning_rate", "Two values would be logged as 'learning_rate'")]
    [InlineData("epoch", "Two values would be logged as 'epoch'")]
    [InlineData("loss", "Two values would be logged as 'loss'")]
    public void A_metric_named_like_a_key_the_run_logs_is_refused(string name, string why)
    {
        var error = Assert.Throws<ArgumentException>(() => new IrisNet(1).Fit(Data, epochs: 1, metrics: [new F1Score(Average.Macro, name: name)]));
        Assert.Equal("metrics", error.ParamName);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_callback_or_metric_is_named_by_its_position()
    {
        var callback = Assert.Throws<ArgumentNullException>(() => new IrisNet(1).Fit(Data, callbacks: [new Script("loss", 1), null!]));
        Assert.Equal("callbacks", callback.ParamName);
        Assert.Contains("callbacks[1] is null", callback.Message, StringComparison.Ordinal);
        var metric = Assert.Throws<ArgumentNullException>(() => new IrisNet(1).Fit(Data, metrics: [null!]));
        Assert.Equal("metrics", metric.ParamName);
        Assert.Contains("metrics[0] is null", metric.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_can_save_model_bundles_with_the_scaler_and_names_and_refuses_ones_that_do_not_fit_before_training()
    {
        Dataset raw = TestData.Iris();
        var (scaler, scaled) = StandardScaler.FitTransform(raw);
        string[] species = ["setosa", "versicolor", "virginica"];
        var checkpoint = new ModelCheckpoint(Path.Combine(_folder, "iris-{epoch}.snetmodel"), saveWeightsOnly: false, scaler: scaler, classNames: species);
        var net = new IrisNet(1);
        net.Fit(scaled, epochs: 2, callbacks: [checkpoint]);
        ModelBundle<IrisNet> bundle = ModelBundle.Load<IrisNet>(checkpoint.LastSaved!);
        Assert.Equal(net.Parameters.ToArray(), bundle.Network.Parameters.ToArray());
        Assert.Equal(species, bundle.ClassNames);
        Assert.Equal(net.PredictClass(scaler.Transform(raw).FeaturesOf(0)), bundle.PredictClass(raw.FeaturesOf(0)));

        var names = FailsBeforeTraining<InvalidOperationException>(null, new ModelCheckpoint(Path.Combine(_folder, "x.snetmodel"), saveWeightsOnly: false, classNames: ["a", "b"]));
        Assert.Contains("The checkpoint has 2 class names, but IrisNet has 3 outputs.", names.Message, StringComparison.Ordinal);
        var weightsOnly = Assert.Throws<ArgumentException>(() => new ModelCheckpoint("x.snet", scaler: scaler));
        Assert.Equal("saveWeightsOnly", weightsOnly.ParamName);
    }
}
