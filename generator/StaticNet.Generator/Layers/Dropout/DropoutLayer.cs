using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers.Dropout;

/// <summary>Inverted dropout: in training, <c>x ⊙ mask</c> with a fresh mask per sample; in inference, the identity.</summary>
/// <param name="Index">0-based position among the layers.</param>
/// <param name="Name">Keras-style name: <c>dropout_1</c>.</param>
/// <param name="Prefix">Generated members' prefix: <c>Dropout1</c>.</param>
/// <param name="Input">One sample's input shape.</param>
/// <param name="Output">The same shape.</param>
/// <param name="Rate">The fraction dropped, in [0, 1).</param>
internal sealed record DropoutLayer(int Index, string Name, string Prefix, TensorShape Input, TensorShape Output, float Rate)
    : LayerModel("Dropout", Index, Name, Prefix, Input, Output, new EquatableArray<ParameterTensor>(System.Array.Empty<ParameterTensor>()))
{
    public override bool IsIdentityInInference => true;

    /// <summary>At rate 0 nothing is dropped and nothing scaled, so training skips the layer too.</summary>
    public override bool IsIdentityInTraining => Rate == 0f;

    public override bool IsStochastic => true;

    public override bool HasTrainingMode => true;

    /// <summary>The mask: 1 / (1 − rate) where a value is kept, 0 where it is dropped, one row per sample.</summary>
    public override EquatableArray<ScratchBuffer> TrainingScratch => new(new[] { new ScratchBuffer("Mask", Output.Size, PerSample: true) });

    /// <summary>The identity in inference, so in a streaming step too.</summary>
    public override int StreamingState => 0;
}
