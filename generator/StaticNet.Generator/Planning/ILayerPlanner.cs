using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// A layer kind's part of planning: what it asks of the network-wide budgets, and, once the network planner has shared
/// them out, its <see cref="KindPlan"/>. Every decision about a kind's code is made here, in its own folder; the emitters
/// only read the plan.
/// </summary>
internal interface ILayerPlanner
{
    /// <summary>
    /// Floats of per-call workspace that would speed the layer's backward pass (Dense: its kernel transposed), or 0. The
    /// network planner grants them from the last layer back while <see cref="NetworkPlanner.BackwardScratchBudget"/> lasts.
    /// </summary>
    int BackwardScratchWanted(LayerModel layer, bool needsInputGradient);

    /// <summary>
    /// Characters the layer's code takes as specialised code, and in its compact form (null: the kind has none), for
    /// <see cref="NetworkPlanner.SourceBudget"/>: upper estimates, which a test holds to the generated code.
    /// </summary>
    (int Specialised, int? Compact) EstimatedChars(LayerModel layer, CodeStrategy requested);

    /// <summary>The kind's decisions for one layer, given what the network planner granted it.</summary>
    KindPlan Plan(LayerModel layer, KindPlanContext context);
}

/// <summary>What the network planner decided for a layer before its kind plans it.</summary>
/// <param name="Requested">The code strategy the declaration asks for.</param>
/// <param name="Compact">The source budget asks for the layer's compact form.</param>
/// <param name="BackwardScratchGranted">Its <see cref="ILayerPlanner.BackwardScratchWanted"/> was granted.</param>
/// <param name="DefersActivation">It is the network's last layer (<see cref="LayerPlan.DefersActivation"/>).</param>
/// <param name="NeedsInputGradient">Its backward pass must produce dL/dx (<see cref="LayerPlan.NeedsInputGradient"/>).</param>
internal sealed record KindPlanContext(CodeStrategy Requested, bool Compact, bool BackwardScratchGranted, bool DefersActivation, bool NeedsInputGradient);

/// <summary>The planner of a kind with no code-path decisions of its own: element-wise and normalising layers.</summary>
internal sealed class PlainLayerPlanner : ILayerPlanner
{
    public static readonly PlainLayerPlanner Instance = new();

    /// <summary>Characters of such a layer's code: a few calls of the runtime (BatchNormalization's are the largest, about 8,000).</summary>
    public const int LayerChars = 10_000;

    public int BackwardScratchWanted(LayerModel layer, bool needsInputGradient) => 0;

    public (int Specialised, int? Compact) EstimatedChars(LayerModel layer, CodeStrategy requested) => (LayerChars, null);

    public KindPlan Plan(LayerModel layer, KindPlanContext context) => KindPlan.None;
}
