using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers.Embedding;

/// <summary>A lookup table from token ids to vectors: steps of ids in, steps × <see cref="OutputDim"/> out.</summary>
/// <param name="Index">0-based position among the layers (always 0: an embedding reads the network's input).</param>
/// <param name="Name">Keras-style name: <c>embedding_1</c>.</param>
/// <param name="Prefix">Generated members' prefix: <c>Embedding1</c>.</param>
/// <param name="Input">One sample's input shape: (steps).</param>
/// <param name="Output">Steps × output dimension.</param>
/// <param name="Parameters">The table, <c>embeddings</c> (input dimension × output dimension).</param>
/// <param name="MaskZero">Id 0 is padding: later layers skip those steps.</param>
internal sealed record EmbeddingLayer(int Index, string Name, string Prefix, TensorShape Input, TensorShape Output, EquatableArray<ParameterTensor> Parameters, bool MaskZero)
    : LayerModel("Embedding", Index, Name, Prefix, Input, Output, Parameters)
{
    /// <summary>Token ids per sample.</summary>
    public int Steps => Input.Size;

    /// <summary>The vocabulary's size.</summary>
    public int InputDim => Parameters[0].Shape.Dimensions[0];

    /// <summary>The length of each vector.</summary>
    public int OutputDim => Output.Channels;

    /// <summary>One id a step, looked up; nothing kept between steps.</summary>
    public override int StreamingState => 0;
}
