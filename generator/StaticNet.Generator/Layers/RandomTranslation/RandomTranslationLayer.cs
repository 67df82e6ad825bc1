using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers.RandomTranslation;

/// <summary>Random shifts of images in training; the identity in inference.</summary>
/// <param name="Index">0-based position among the layers.</param>
/// <param name="Name">Keras-style name: <c>random_translation_1</c>.</param>
/// <param name="Prefix">Generated members' prefix: <c>RandomTranslation1</c>.</param>
/// <param name="Input">Height × width × channels.</param>
/// <param name="Output">The same shape.</param>
/// <param name="HeightFactor">The largest vertical shift, as a fraction of the height.</param>
/// <param name="WidthFactor">The largest horizontal shift, as a fraction of the width.</param>
/// <param name="FillMode">How the part shifted in is filled.</param>
/// <param name="Interpolation">How the image is read between pixels.</param>
/// <param name="FillValue">The constant fill.</param>
internal sealed record RandomTranslationLayer(
    int Index,
    string Name,
    string Prefix,
    TensorShape Input,
    TensorShape Output,
    float HeightFactor,
    float WidthFactor,
    FillMode FillMode,
    Interpolation Interpolation,
    float FillValue)
    : LayerModel("RandomTranslation", Index, Name, Prefix, Input, Output, new EquatableArray<ParameterTensor>(System.Array.Empty<ParameterTensor>()))
{
    public override bool IsIdentityInInference => true;

    public override bool IsStochastic => true;

    public override bool HasTrainingMode => true;

    /// <summary>Each sample's shift (rows down, columns right), for the backward pass.</summary>
    public override EquatableArray<ScratchBuffer> TrainingScratch => new(new[] { new ScratchBuffer("Shifts", 2, PerSample: true) });
}
