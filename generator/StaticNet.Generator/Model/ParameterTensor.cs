using System.Linq;

namespace StaticNet.Generator.Model;

/// <summary>
/// One parameter tensor of a layer (Keras's weight): everything the network emitter needs to lay it out, name it,
/// initialise it, describe it and regularise it without knowing which kind of layer owns it.
/// </summary>
/// <param name="Name">Keras's name for it within the layer: <c>kernel</c>, <c>bias</c>, <c>gamma</c>, <c>moving_mean</c>, …</param>
/// <param name="Shape">Its shape (a Dense kernel: inputs × units, row-major).</param>
/// <param name="Initializer">How it is filled by <c>InitializeParameters</c>.</param>
/// <param name="Trainable">Whether the optimizer trains it (it lives in <c>Parameters</c>) or not (<c>NonTrainableParameters</c>).</param>
/// <param name="FanIn">The fan-in its initialiser uses.</param>
/// <param name="FanOut">The fan-out its initialiser uses.</param>
/// <param name="L1">L1 regularisation factor (0: none).</param>
/// <param name="L2">L2 regularisation factor (0: none).</param>
internal sealed record ParameterTensor(
    string Name,
    TensorShape Shape,
    Initializer Initializer,
    bool Trainable,
    int FanIn,
    int FanOut,
    float L1 = 0f,
    float L2 = 0f)
{
    public int Size => Shape.Size;

    public bool IsRegularized => L1 != 0f || L2 != 0f;

    /// <summary>The name in generated members: <c>moving_mean</c> → <c>MovingMean</c>.</summary>
    public string Member => string.Concat(Name.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part.Substring(1)));
}
