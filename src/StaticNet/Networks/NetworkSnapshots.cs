namespace StaticNet;

/// <summary>
/// Serving while training. <c>Fit</c> updates parameters in place, so a thread calling <c>Forward</c> on the instance
/// being trained reads a mix of old and new weights. A snapshot is a separate instance with a copy of the parameters,
/// never changed afterwards: publish it by swapping one reference (for example in <c>Fit</c>'s <c>onEpochEnd</c>), and
/// readers always see one whole set of weights.
/// </summary>
/// <example>
/// <code>
/// IrisNet serving = trainer.Snapshot();             // readers: Volatile.Read(ref serving).Forward(x, y)
/// trainer.Fit(data, epochs: 100, onEpochEnd: _ => Volatile.Write(ref serving, trainer.Snapshot()));
/// </code>
/// </example>
public static class NetworkSnapshots
{
    /// <summary>
    /// A new instance of the same network with a copy of <paramref name="network"/>'s trainable and non-trainable
    /// parameters (one allocation of the parameter array, plus the constructor's initialisation).
    /// </summary>
    public static TNetwork Snapshot<TNetwork>(this TNetwork network)
        where TNetwork : class, INetwork, new()
    {
        ArgumentNullException.ThrowIfNull(network);
        var copy = new TNetwork();
        network.Parameters.CopyTo(copy.Parameters);
        network.NonTrainableParameters.CopyTo(copy.NonTrainableParameters);
        return copy;
    }
}
