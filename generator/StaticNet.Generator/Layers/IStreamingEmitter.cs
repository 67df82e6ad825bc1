using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// The emitter of a kind whose layers can run in a streaming <c>Step</c> (<see cref="Model.LayerModel.StreamingState"/>
/// ≥ 0): one time step's statements, from <c>site.Input</c> (one step's values, or after the last recurrent layer its
/// state) into <c>site.Output</c>. Kinds that are the identity in inference are skipped and need none.
/// </summary>
internal interface IStreamingEmitter
{
    /// <param name="w">Where the statements go.</param>
    /// <param name="plan">The layer's plan.</param>
    /// <param name="site">Its input and output locals (one sample: <c>site.Count</c> is 1).</param>
    /// <param name="state">The expression of its slice of the streaming state, or null for a layer that keeps none.</param>
    void WriteStep(SourceWriter w, LayerPlan plan, LayerSite site, string? state);
}
