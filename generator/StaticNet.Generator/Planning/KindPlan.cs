using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// What a layer kind decided about its own code (Dense: its one-sample strategy, vector twins, a transposed kernel),
/// made by the kind's <see cref="ILayerPlanner"/> and read by its emitter. The network planner reads only the members
/// declared here, so it never names a kind. A kind with no decisions of its own uses <see cref="None"/>.
/// </summary>
internal record KindPlan
{
    /// <summary>The plan of a kind that decides nothing about its code.</summary>
    public static KindPlan None { get; } = new();

    /// <summary>Workspace buffers the kind's decisions add to what its model keeps (a transposed kernel).</summary>
    public virtual EquatableArray<ScratchBuffer> Scratch => new(System.Array.Empty<ScratchBuffer>());

    /// <summary>
    /// Operations its statements add when <c>Forward</c> is written as one method (vector or scalar multiply-adds), or
    /// null when the layer must be a call of its own method (a loop), which rules out writing <c>Forward</c> as one method.
    /// </summary>
    public virtual int? FusedForwardOperations => 0;

    /// <summary>
    /// Whether the kind's inference pass can run with samples in vector lanes (the batch <c>Forward</c> of networks of
    /// narrow layers): its emitter then writes it (<see cref="Layers.ILanesEmitter"/>). Kinds that do not are run in rows.
    /// </summary>
    public virtual bool InferenceInLanes => false;

    /// <summary>
    /// Vectors its lanes pass keeps in registers at once (<see cref="InferenceInLanes"/>): the network runs in lanes only
    /// at the widths whose registers hold every layer's (<see cref="VectorWidth.Registers"/>).
    /// </summary>
    public virtual int LanesVectors => 0;

    /// <summary>
    /// The plan once the network planner has sized a step's tile: a call of the kind's passes then computes at most
    /// <paramref name="samples"/> samples (a Dense layer's register tiles are sized by it). Unbounded where the whole
    /// batch is one tile.
    /// </summary>
    public virtual KindPlan ForTile(int samples) => this;
}
