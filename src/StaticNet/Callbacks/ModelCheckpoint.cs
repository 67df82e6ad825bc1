using System.Globalization;

namespace StaticNet;

/// <summary>
/// Saves the network's parameters at the end of epochs: Keras's <c>ModelCheckpoint</c>. By default weights only (a
/// <see cref="ParameterFile"/>); with <paramref name="saveWeightsOnly"/> false, a <see cref="ModelBundle"/> that also
/// holds the scaler and the class and feature names, everything a deployed app loads. Each file is written atomically, so
/// a crash mid-save leaves the previous checkpoint intact. With
/// <paramref name="saveBestOnly"/>, only when the monitored value beats the best so far. The path may hold
/// placeholders filled from the epoch: <c>{epoch}</c> (1-based, as Keras's) and any log key, each with an optional .NET
/// format: <c>"ckpt-{epoch:D3}-{val_loss:F4}.snet"</c>.
/// </summary>
/// <param name="path">Where to save; may hold placeholders.</param>
/// <param name="monitor">The log key compared when <paramref name="saveBestOnly"/>.</param>
/// <param name="saveBestOnly">Whether to save only improvements.</param>
/// <param name="mode">Whether the value should go down or up; automatic by default.</param>
/// <param name="verbose">Whether to log each save.</param>
/// <param name="saveWeightsOnly">Whether to write parameter files (the default) rather than model bundles.</param>
/// <param name="scaler">For bundles: the scaler the inputs went through.</param>
/// <param name="classNames">For bundles: a name per output class.</param>
/// <param name="featureNames">For bundles: a name per input.</param>
public sealed class ModelCheckpoint(
    string path,
    string monitor = "val_loss",
    bool saveBestOnly = false,
    MonitorMode mode = MonitorMode.Auto,
    bool verbose = false,
    bool saveWeightsOnly = true,
    StandardScaler? scaler = null,
    IReadOnlyList<string>? classNames = null,
    IReadOnlyList<string>? featureNames = null) : MonitorCallback(monitor, mode)
{
    private readonly CheckpointPattern _pattern = CheckpointPattern.Parse(path);
    private double _best;

    /// <summary>Whether parameter files are written rather than model bundles.</summary>
    public bool SaveWeightsOnly { get; } = !saveWeightsOnly || (scaler is null && classNames is null && featureNames is null)
        ? saveWeightsOnly
        : throw new ArgumentException("A scaler and names are saved only in model bundles: pass saveWeightsOnly: false.", nameof(saveWeightsOnly));

    /// <summary>The path pattern.</summary>
    public string Path { get; } = path;

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; } = saveBestOnly;

    /// <summary>The file written last, or null.</summary>
    public string? LastSaved { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">
    /// The pattern names a value the epochs will not log, or its folder cannot be created or written: found before
    /// training rather than at the first save.
    /// </exception>
    public override void OnTrainBegin()
    {
        if (SaveBestOnly)
        {
            base.OnTrainBegin(); // the monitored key matters only when comparing
        }

        _best = SaveBestOnly ? Worst : double.NaN; // compared only when saving the best
        LastSaved = null;
        // What ModelBundle.Save would refuse at the first save, refused now.
        if (!SaveWeightsOnly && ModelBundle.Mismatch(Context.Network, scaler, classNames, featureNames) is var (_, what))
        {
            throw new InvalidOperationException($"The checkpoint has {what}.");
        }

        if (_pattern.Keys.FirstOrDefault(k => k != "epoch" && !Context.LogKeys.Contains(k)) is { } unknown)
        {
            throw new InvalidOperationException($"The checkpoint path '{Path}' names '{unknown}', which the epochs will not log; they log epoch, {string.Join(", ", Context.LogKeys)}.");
        }

        // As Keras, a missing folder is created; one that cannot be written fails now, not after the first epoch.
        if (_pattern.FixedFolder is { } folder)
        {
            AtomicFile.RequireWritableFolder(folder, "The checkpoint folder");
        }
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(EpochResult result)
    {
        string file;
        if (SaveBestOnly)
        {
            // A NaN value never improves, as in Keras: a run whose monitor is NaN every epoch saves nothing.
            if (Current(result) is not double current)
            {
                return;
            }

            if (!Improves(current, _best, 0))
            {
                Say(verbose, string.Create(CultureInfo.InvariantCulture, $"Epoch {result.Epoch}: {Monitor} did not improve from {Shown(_best)}"));
                return;
            }

            file = _pattern.Fill(result);
            Say(verbose, string.Create(CultureInfo.InvariantCulture, $"Epoch {result.Epoch}: {Monitor} improved from {Shown(_best)} to {current:F5}, saving model to {file}"));
            _best = current;
        }
        else
        {
            file = _pattern.Fill(result);
            Say(verbose, string.Create(CultureInfo.InvariantCulture, $"Epoch {result.Epoch}: saving model to {file}"));
        }

        if (_pattern.FixedFolder is null && System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        if (SaveWeightsOnly)
        {
            Context.Network.SaveParameters(file);
        }
        else
        {
            ModelBundle.Save(file, Context.Network, scaler, classNames, featureNames);
        }

        LastSaved = file;
    }

    /// <summary>A value as Keras prints it: <c>inf</c> for the starting best.</summary>
    private static string Shown(double value) => double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf" : value.ToString("F5", CultureInfo.InvariantCulture);
}
