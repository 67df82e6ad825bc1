namespace StaticNet;

/// <summary>Updates a flat parameter buffer from a gradient of the same layout.</summary>
public interface IOptimizer
{
    /// <summary>
    /// The step size the next update uses. Callbacks such as <see cref="ReduceLROnPlateau"/> and
    /// <see cref="LearningRateScheduler"/> set it between epochs.
    /// </summary>
    float LearningRate { get; set; }

    /// <summary>Applies one update. The first call fixes the parameter count; later calls must pass the same length.</summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradient);

    /// <summary>
    /// Applies one update from <paramref name="gradient"/> × <paramref name="gradientScale"/>: <c>Fit</c> passes a batch's
    /// summed gradient and 1 / its size. An optimizer may fold the scaling into its own pass over the parameters (Adam
    /// does, saving a pass over the gradient, with the same bits); by default the gradient is scaled in place first.
    /// </summary>
    void Step(Span<float> parameters, Span<float> gradient, float gradientScale)
    {
        System.Numerics.Tensors.TensorPrimitives.Multiply(gradient, gradientScale, gradient);
        Step(parameters, gradient);
    }

    /// <summary>Forgets all state (moments, step count), as if newly created.</summary>
    void Reset();
}
