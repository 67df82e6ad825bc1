namespace StaticNet;

/// <summary>An optimizer whose learning rate may follow a <see cref="LearningRateSchedule"/> (Adam, SGD).</summary>
internal interface IScheduledOptimizer
{
    /// <summary>The schedule the rate follows, or null for a constant rate.</summary>
    LearningRateSchedule? Schedule { get; }
}
