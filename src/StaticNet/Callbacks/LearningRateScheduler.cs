namespace StaticNet;

/// <summary>
/// Sets the learning rate at the start of every epoch: Keras's <c>LearningRateScheduler</c>. The schedule is either a
/// function of the 0-based epoch index and the current rate (as Keras's <c>schedule(epoch, lr)</c>), or a
/// <see cref="LearningRateSchedule"/> read with the epoch index as its step (<c>new StepDecay(0.01, stepSize: 10)</c>
/// drops the rate tenfold every 10 epochs). Adds <c>learning_rate</c> to each epoch's logs. To change the rate every
/// step instead, give the schedule to the optimizer.
/// </summary>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, double, double> _schedule;
    private readonly bool _verbose;

    /// <summary>A scheduler from a function of (0-based epoch index, current rate) to the new rate.</summary>
    public LearningRateScheduler(Func<int, double, double> schedule, bool verbose = false)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _schedule = schedule;
        _verbose = verbose;
    }

    /// <summary>A scheduler that reads <paramref name="schedule"/> at the epoch index.</summary>
    public LearningRateScheduler(LearningRateSchedule schedule, bool verbose = false)
        : this(Read(schedule), verbose)
    {
    }

    internal override IEnumerable<string> AddedLogKeys => ["learning_rate"];

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The optimizer follows a learning-rate schedule, which would overwrite any rate set here.</exception>
    public override void OnTrainBegin() => Hyperparameters.RequireSettableRate(Context.Optimizer, nameof(LearningRateScheduler));

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The schedule gave a rate that is NaN, infinite or negative (0 is a legal rate: a cosine decays to it).</exception>
    public override void OnEpochBegin(int epoch)
    {
        double rate = _schedule(epoch - 1, Context.Optimizer.LearningRate);
        if (!double.IsFinite(rate) || rate < 0)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"The learning-rate schedule gave {rate:R} for epoch {epoch}; a rate must be finite and ≥ 0."));
        }

        Context.Optimizer.LearningRate = Hyperparameters.Flushed(rate);
        if (_verbose)
        {
            Context.WriteLine(FormattableString.Invariant($"Epoch {epoch}: LearningRateScheduler setting learning rate to {Context.Optimizer.LearningRate:G6}."));
        }
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(EpochResult result) => result.Add("learning_rate", Context.Optimizer.LearningRate);

    private static Func<int, double, double> Read(LearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return (epochIndex, _) => schedule.LearningRateAt(epochIndex);
    }
}
