using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers.RandomFlip;

/// <summary>Random left–right and top–bottom flips of images in training; the identity in inference.</summary>
/// <param name="Index">0-based position among the layers.</param>
/// <param name="Name">Keras-style name: <c>random_flip_1</c>.</param>
/// <param name="Prefix">Generated members' prefix: <c>RandomFlip1</c>.</param>
/// <param name="Input">Height × width × channels.</param>
/// <param name="Output">The same shape.</param>
/// <param name="Mode">Which flips may be applied.</param>
internal sealed record RandomFlipLayer(int Index, string Name, string Prefix, TensorShape Input, TensorShape Output, FlipMode Mode)
    : LayerModel("RandomFlip", Index, Name, Prefix, Input, Output, new EquatableArray<ParameterTensor>(System.Array.Empty<ParameterTensor>()))
{
    public override bool IsIdentityInInference => true;

    public override bool IsStochastic => true;

    public override bool HasTrainingMode => true;

    /// <summary>Which flips each sample got (one float per sample), for the backward pass.</summary>
    public override EquatableArray<ScratchBuffer> TrainingScratch => new(new[] { new ScratchBuffer("Flips", 1, PerSample: true) });
}
