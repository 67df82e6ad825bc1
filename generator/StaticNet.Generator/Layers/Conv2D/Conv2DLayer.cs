using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers.Conv2D;

/// <summary>
/// A 2-D convolution, channels last: <c>activation(x ⊛ W + b)</c>, W stored (kernel height, kernel width, channels,
/// filters) row-major as Keras stores it; or a 1-D one (Conv1D) over a sequence, which is the same over an image one row
/// high, W stored (kernel size, channels, filters).
/// </summary>
/// <param name="Type"><c>Conv2D</c> or <c>Conv1D</c>.</param>
/// <param name="Index">0-based position among the layers.</param>
/// <param name="Name">Keras-style name: <c>conv2d_1</c>.</param>
/// <param name="Prefix">Generated members' prefix: <c>Conv2D1</c>.</param>
/// <param name="Input">Height × width × channels.</param>
/// <param name="Output">Output height × output width × filters.</param>
/// <param name="Parameters">The kernel, then the bias.</param>
/// <param name="Window">Where the kernel goes over the image.</param>
/// <param name="Filters">Output channels.</param>
/// <param name="Padding">Valid or Same (the geometry holds its effect; kept for the description).</param>
/// <param name="Function">The activation.</param>
internal sealed record Conv2DLayer(
    string Type,
    int Index,
    string Name,
    string Prefix,
    TensorShape Input,
    TensorShape Output,
    EquatableArray<ParameterTensor> Parameters,
    Window2DGeometry Window,
    int Filters,
    Padding Padding,
    ActivationFunction Function)
    : LayerModel(Type, Index, Name, Prefix, Input, Output, Parameters)
{
    public ParameterTensor Kernel => Parameters[0];

    /// <summary>Values one output pixel reads: kernel height × kernel width × channels (a row of its patches, a column of its kernel).</summary>
    public int PatchSize => Window.WindowHeight * Window.WindowWidth * Window.Channels;

    public override ActivationFunction? TrailingActivation => Function;
}
