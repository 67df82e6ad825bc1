using System.Globalization;

namespace StaticNet;

/// <summary>
/// Multiplies the learning rate by <paramref name="factor"/> when a monitored value has not improved by more than
/// <paramref name="minDelta"/> for <paramref name="patience"/> epochs: Keras's <c>ReduceLROnPlateau</c>. After a reduction
/// it waits <paramref name="cooldown"/> epochs before counting again, and never goes below <paramref name="minLearningRate"/>.
/// Adds <c>learning_rate</c> to each epoch's logs.
/// </summary>
/// <param name="monitor">The log key watched.</param>
/// <param name="factor">The factor per reduction, in (0, 1).</param>
/// <param name="patience">Epochs without improvement before a reduction.</param>
/// <param name="mode">Whether the value should go down or up; automatic by default.</param>
/// <param name="minDelta">The least change that counts as an improvement.</param>
/// <param name="cooldown">Epochs after a reduction before counting resumes.</param>
/// <param name="minLearningRate">The floor.</param>
/// <param name="verbose">Whether to log each reduction.</param>
public sealed class ReduceLROnPlateau(
    string monitor = "val_loss",
    double factor = 0.1,
    int patience = 10,
    MonitorMode mode = MonitorMode.Auto,
    double minDelta = 1e-4,
    int cooldown = 0,
    double minLearningRate = 0,
    bool verbose = false) : MonitorCallback(monitor, mode)
{
    private double _best;
    private int _wait;
    private int _cooldownCounter;

    /// <summary>The factor per reduction.</summary>
    public double Factor { get; } = factor is > 0 and < 1 ? factor : throw InvariantErrors.OutOfRange(nameof(factor), factor, "The factor must be in (0, 1).");

    /// <summary>Epochs without improvement before a reduction.</summary>
    public int Patience { get; } = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must not be negative.");

    /// <summary>The least change that counts as an improvement.</summary>
    public double MinDelta { get; } = double.IsFinite(minDelta) && minDelta >= 0 ? minDelta : throw InvariantErrors.OutOfRange(nameof(minDelta), minDelta, "minDelta must be finite and ≥ 0.");

    /// <summary>Epochs after a reduction before counting resumes.</summary>
    public int Cooldown { get; } = cooldown >= 0 ? cooldown : throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, "The cooldown must not be negative.");

    /// <summary>The floor.</summary>
    public double MinLearningRate { get; } = double.IsFinite(minLearningRate) && minLearningRate >= 0
        ? minLearningRate
        : throw InvariantErrors.OutOfRange(nameof(minLearningRate), minLearningRate, "The minimum learning rate must be finite and ≥ 0.");

    internal override IEnumerable<string> AddedLogKeys => ["learning_rate"];

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The optimizer follows a learning-rate schedule, which would overwrite any rate set here.</exception>
    public override void OnTrainBegin()
    {
        Hyperparameters.RequireSettableRate(Context.Optimizer, nameof(ReduceLROnPlateau));
        base.OnTrainBegin();
        _best = Worst;
        _wait = 0;
        _cooldownCounter = 0;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(EpochResult result)
    {
        result.Add("learning_rate", Context.Optimizer.LearningRate);
        if (Current(result) is not double current)
        {
            return;
        }

        if (_cooldownCounter > 0)
        {
            _cooldownCounter--;
            _wait = 0;
        }

        if (Improves(current, _best, MinDelta))
        {
            _best = current;
            _wait = 0;
            return;
        }

        if (_cooldownCounter > 0)
        {
            return;
        }

        _wait++;
        if (_wait < Patience)
        {
            return;
        }

        // The rate bottoms out at the floor, or at 0 once the product leaves float's normal range; then nothing more happens.
        float old = Context.Optimizer.LearningRate;
        float reduced = Hyperparameters.Flushed(Math.Max(old * Factor, MinLearningRate));
        if (reduced < old)
        {
            Context.Optimizer.LearningRate = reduced;
            Say(verbose, string.Create(CultureInfo.InvariantCulture, $"Epoch {result.Epoch}: ReduceLROnPlateau reducing learning rate to {reduced:G6}."));
            _cooldownCounter = Cooldown;
            _wait = 0;
        }
    }
}
