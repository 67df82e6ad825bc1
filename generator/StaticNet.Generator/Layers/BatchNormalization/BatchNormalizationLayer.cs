using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers.BatchNormalization;

/// <summary>
/// Batch normalisation per channel (per feature of a flat input): γ and β trainable, the moving mean and variance non-trainable; batch statistics in
/// training, moving ones in inference.
/// </summary>
/// <param name="Index">0-based position among the layers.</param>
/// <param name="Name">Keras-style name: <c>batch_normalization_1</c>.</param>
/// <param name="Prefix">Generated members' prefix: <c>BatchNormalization1</c>.</param>
/// <param name="Input">One sample's input shape.</param>
/// <param name="Output">The same shape.</param>
/// <param name="Parameters">γ, β, the moving mean, the moving variance.</param>
/// <param name="Momentum">The weight of the old value in the moving statistics' update.</param>
/// <param name="Epsilon">Added to the variance before its square root.</param>
internal sealed record BatchNormalizationLayer(
    int Index,
    string Name,
    string Prefix,
    TensorShape Input,
    TensorShape Output,
    EquatableArray<ParameterTensor> Parameters,
    float Momentum,
    float Epsilon)
    : LayerModel("BatchNormalization", Index, Name, Prefix, Input, Output, Parameters)
{
    /// <summary>Values normalised separately: the channels (the last axis).</summary>
    public int Features => Input.Channels;

    /// <summary>Rows of <see cref="Features"/> per sample: 1 for a flat input, height × width for an image.</summary>
    public int Positions => Input.Positions;

    public override bool UsesBatchStatistics => true;

    public override bool HasTrainingMode => true;

    /// <summary>x̂ per sample, and 1/√(σ² + ε) per feature, for the backward pass.</summary>
    public override EquatableArray<ScratchBuffer> TrainingScratch => new(new[]
    {
        new ScratchBuffer("Normalized", Input.Size, PerSample: true),
        new ScratchBuffer("InverseStd", Features, PerSample: false),
    });
}
