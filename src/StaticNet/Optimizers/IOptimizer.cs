namespace StaticNet;

/// <summary>Updates a flat parameter buffer from a gradient of the same layout.</summary>
public interface IOptimizer
{
    /// <summary>Applies one update. The first call fixes the parameter count; later calls must pass the same length.</summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradient);

    /// <summary>Forgets all state (moments, step count), as if newly created.</summary>
    void Reset();
}
