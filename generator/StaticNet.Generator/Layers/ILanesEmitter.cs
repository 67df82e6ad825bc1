using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// The emitter of a kind whose inference pass can run with samples in vector lanes (<see cref="KindPlan.InferenceInLanes"/>):
/// the batch <c>Forward</c> of a network whose every layer can then keeps a tile in lanes from its inputs to its output.
/// </summary>
internal interface ILanesEmitter
{
    /// <summary>
    /// The call of the layer's lanes pass from <paramref name="site"/>'s input to its output (buffers in lanes) over
    /// <paramref name="blocks"/> blocks of samples, as one statement.
    /// </summary>
    string LanesCall(LayerPlan plan, LayerSite site, string blocks);
}
