namespace StaticNet;

/// <summary>
/// What every generated network offers the runtime: its shape, its flat parameter buffer, and the generated forward pass,
/// training step and loss. The training loop (<see cref="NetworkTraining"/>) works through this interface, so it is written once
/// for every network while each network's arithmetic stays generated, unrolled code.
/// </summary>
public interface INetwork
{
    /// <summary>The number of input features per sample.</summary>
    int InputSize { get; }

    /// <summary>The number of output units.</summary>
    int OutputSize { get; }

    /// <summary>The number of floats in one sample's target: 1 for sparse categorical cross-entropy (the class index), else <see cref="OutputSize"/>.</summary>
    int TargetSize { get; }

    /// <summary>The total number of trainable parameters.</summary>
    int ParameterCount { get; }

    /// <summary>The loss the network is trained on.</summary>
    Loss Loss { get; }

    /// <summary>The layers in order, with their place in <see cref="Parameters"/>.</summary>
    IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>All parameters, layer after layer, each Dense layer as its kernel (inputs × units, row-major) then its bias.</summary>
    Span<float> Parameters { get; }

    /// <summary>Fills the parameters with each layer's initialisers, drawing from a generator seeded with <paramref name="seed"/>.</summary>
    void InitializeParameters(int seed);

    /// <summary>Runs one sample through the network.</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// Runs forward, the loss and backward for one sample; adds the loss's gradient into <paramref name="gradient"/> (same layout as
    /// <see cref="Parameters"/>), writes the network's output into <paramref name="prediction"/>, and returns the loss.
    /// </summary>
    float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient, Span<float> prediction);

    /// <summary>
    /// Runs forward, the loss and backward for <paramref name="count"/> samples (rows of <paramref name="inputs"/> and
    /// <paramref name="targets"/>); adds the sum of their gradients into <paramref name="gradient"/>, writes their outputs into
    /// <paramref name="predictions"/>, and returns the summed loss. The same sums as one <see cref="TrainStep"/> per sample, faster.
    /// </summary>
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradient, Span<float> predictions);

    /// <summary>Runs forward and the loss for one sample; writes the output into <paramref name="prediction"/> and returns the loss.</summary>
    float ComputeLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> prediction);
}
