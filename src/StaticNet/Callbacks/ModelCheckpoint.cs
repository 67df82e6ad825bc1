using System.Globalization;
using System.Text.RegularExpressions;

namespace StaticNet;

/// <summary>
/// Saves the network's parameters at the end of epochs: Keras's <c>ModelCheckpoint</c> (weights only; the file is a
/// <see cref="ParameterFile"/>, written atomically, so a crash mid-save leaves the previous checkpoint intact). With
/// <paramref name="saveBestOnly"/>, only when the monitored value beats the best so far. The path may hold
/// placeholders filled from the epoch: <c>{epoch}</c> (1-based, as Keras's) and any log key, each with an optional .NET
/// format: <c>"ckpt-{epoch:D3}-{val_loss:F4}.snet"</c>.
/// </summary>
/// <param name="path">Where to save; may hold placeholders.</param>
/// <param name="monitor">The log key compared when <paramref name="saveBestOnly"/>.</param>
/// <param name="saveBestOnly">Whether to save only improvements.</param>
/// <param name="mode">Whether the value should go down or up; automatic by default.</param>
/// <param name="verbose">Whether to log each save.</param>
public sealed partial class ModelCheckpoint(
    string path,
    string monitor = "val_loss",
    bool saveBestOnly = false,
    MonitorMode mode = MonitorMode.Auto,
    bool verbose = false) : MonitorCallback(monitor, mode)
{
    private double _best;

    /// <summary>The path pattern.</summary>
    public string Path { get; } = !string.IsNullOrWhiteSpace(path) ? path : throw new ArgumentException("A path is needed.", nameof(path));

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; } = saveBestOnly;

    /// <summary>The file written last, or null.</summary>
    public string? LastSaved { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        if (SaveBestOnly)
        {
            base.OnTrainBegin(); // the monitored key matters only when comparing
        }

        _best = double.NaN;
        LastSaved = null;
        FileFor(new EpochResult(1, 1, 0, null, null, null), checkKeys: false); // a malformed pattern fails before training
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(EpochResult result)
    {
        if (SaveBestOnly)
        {
            double current = result[Monitor];
            if (!double.IsNaN(_best) && !Improves(current, _best, 0))
            {
                return;
            }

            Say(verbose, string.Create(CultureInfo.InvariantCulture, $"Epoch {result.Epoch}: {Monitor} improved from {_best:F5} to {current:F5}, saving the model"));
            _best = current;
        }

        string file = FileFor(result, checkKeys: true);
        Context.Network.SaveParameters(file);
        LastSaved = file;
        Say(verbose && !SaveBestOnly, string.Create(CultureInfo.InvariantCulture, $"Epoch {result.Epoch}: saving the model to {file}"));
    }

    private string FileFor(EpochResult result, bool checkKeys) => Placeholder().Replace(Path, match =>
    {
        string key = match.Groups["key"].Value;
        string? format = match.Groups["format"].Success ? match.Groups["format"].Value : null;
        if (key == "epoch")
        {
            return result.Epoch.ToString(format, CultureInfo.InvariantCulture);
        }

        if (!result.Logs.TryGetValue(key, out double value))
        {
            if (!checkKeys)
            {
                return key;
            }

            throw new InvalidOperationException($"The checkpoint path '{Path}' names '{key}', which epoch {result.Epoch} does not log; it logs {string.Join(", ", result.Logs.Keys)}.");
        }

        return value.ToString(format, CultureInfo.InvariantCulture);
    });

    [GeneratedRegex(@"\{(?<key>[A-Za-z_][A-Za-z0-9_]*)(?::(?<format>[^}]*))?\}")]
    private static partial Regex Placeholder();
}
