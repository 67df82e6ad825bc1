using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// The network-wide decisions: parameter and workspace layout, batching, fusion and the forward pass's scratch. Made by
/// <see cref="NetworkPlanner"/> from a valid model; the emitters only read it.
/// </summary>
/// <param name="Network">The model.</param>
/// <param name="Layers">One plan per layer.</param>
/// <param name="ParameterCount">Trainable parameters: the length of <c>Parameters</c> and of a gradient.</param>
/// <param name="NonTrainableParameterCount">The length of <c>NonTrainableParameters</c>.</param>
/// <param name="OutputActivation">The activation <c>Forward</c> applies to the logits (and the loss fuses): the last layer's trailing activation, whatever its kind.</param>
/// <param name="OutputNegativeSlope">Its LeakyReLU slope.</param>
/// <param name="TargetSize">Floats per target.</param>
/// <param name="BatchTile">Samples per tile of a step, so that a tile's activations and gradients stay cache-sized.</param>
/// <param name="WholeBatch">A training step takes the whole batch as one tile (batch statistics need every sample).</param>
/// <param name="FusedForward">Whether <c>Forward</c> writes every layer's statements in itself rather than calling a method per layer.</param>
/// <param name="ForwardScratch">Floats of intermediate activations one <c>Forward</c> call needs.</param>
/// <param name="ForwardOnStack">Whether they fit the stack budget; if not, <c>Forward</c> uses a per-thread buffer.</param>
/// <param name="LanesTile">
/// Samples per tile of the batch <c>Forward</c> with samples in vector lanes, or 0 where it does not run so: every layer
/// it runs must be able to (<see cref="KindPlan.InferenceInLanes"/>), and the workspace then has a buffer for the inputs
/// in lanes.
/// </param>
/// <param name="LanesWidths">The vector widths in bits, widest first, at which it runs where the machine accelerates them.</param>
/// <param name="WorkspacePerCall">Workspace floats a step needs once per call.</param>
/// <param name="WorkspacePerSample">Workspace floats a step needs per sample of a tile.</param>
/// <param name="Workspace">Where each workspace buffer lives.</param>
/// <param name="Streaming">The streaming <c>Step</c>'s plan, or null when the network gets none.</param>
internal sealed record NetworkPlan(
    NetworkModel Network,
    EquatableArray<LayerPlan> Layers,
    int ParameterCount,
    int NonTrainableParameterCount,
    Activation OutputActivation,
    float OutputNegativeSlope,
    int TargetSize,
    int BatchTile,
    bool WholeBatch,
    bool FusedForward,
    int ForwardScratch,
    bool ForwardOnStack,
    int LanesTile,
    EquatableArray<int> LanesWidths,
    int WorkspacePerCall,
    int WorkspacePerSample,
    EquatableArray<WorkspaceSlot> Workspace,
    StreamingPlan? Streaming)
{
    public int InputSize => Network.Input.Size;

    public int OutputSize => Network.OutputLayer.Output.Size;

    public bool HasNonTrainable => NonTrainableParameterCount > 0;

    /// <summary>Whether the batch <c>Forward</c> runs with samples in lanes (at <see cref="LanesWidths"/>).</summary>
    public bool InferenceInLanes => LanesTile > 0;

    public bool UsesRandom => System.Linq.Enumerable.Any(Layers, l => l.UsesRandom);

    public bool UsesTrainingFlag => System.Linq.Enumerable.Any(Layers, l => l.UsesTrainingFlag);
}

/// <summary>
/// One buffer of a training step's workspace: per call at <see cref="Offset"/>, or per sample at
/// <c>WorkspacePerCall + tile × Offset</c>, one row of <see cref="Floats"/> per sample of the tile.
/// </summary>
/// <param name="Local">The local that holds it in generated code: <c>dense1</c>, <c>dense1Gradient</c>, <c>logits</c>, <c>dropout1Mask</c>.</param>
/// <param name="Floats">Floats per call, or per sample.</param>
/// <param name="PerSample">Whether it holds a row per sample.</param>
/// <param name="Offset">Its offset among the per-call buffers, or among a sample's rows.</param>
internal sealed record WorkspaceSlot(string Local, int Floats, bool PerSample, int Offset);
