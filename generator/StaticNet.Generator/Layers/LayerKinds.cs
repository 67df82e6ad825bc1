using System.Collections.Generic;
using StaticNet.Generator.Layers.Activations;
using StaticNet.Generator.Layers.BatchNormalization;
using StaticNet.Generator.Layers.Conv2D;
using StaticNet.Generator.Layers.Dense;
using StaticNet.Generator.Layers.Dropout;
using StaticNet.Generator.Layers.Embedding;
using StaticNet.Generator.Layers.Flatten;
using StaticNet.Generator.Layers.GaussianNoise;
using StaticNet.Generator.Layers.Pooling2D;
using StaticNet.Generator.Layers.RandomFlip;
using StaticNet.Generator.Layers.RandomTranslation;
using StaticNet.Generator.Layers.Recurrent;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers;

/// <summary>
/// Every layer kind StaticNet knows, in one list: the parser finds a kind by its attribute, the network emitter finds a
/// model's emitter by its type. Adding a kind adds one line here (docs/architecture.md walks through the rest).
/// </summary>
internal static class LayerKinds
{
    public static IReadOnlyList<ILayerKind> All { get; } =
    [
        DenseKind.Instance,
        DropoutKind.Instance,
        BatchNormalizationKind.Instance,
        ActivationKind.Instance,
        GaussianNoiseKind.Instance,
        FlattenKind.Instance,
        Conv2DKind.Instance,
        Pooling2DKind.Max,
        Pooling2DKind.Average,
        Pooling2DKind.GlobalMax,
        Pooling2DKind.GlobalAverage,
        RandomFlipKind.Instance,
        Conv2DKind.Conv1D,
        Pooling2DKind.Max1D,
        Pooling2DKind.GlobalAverage1D,
        RandomTranslationKind.Instance,
        EmbeddingKind.Instance,
        Pooling2DKind.GlobalMax1D,
        RecurrentKind.SimpleRnn,
        RecurrentKind.Gru,
        RecurrentKind.Lstm,
    ];

    /// <summary>The kind declared by the attribute <c>StaticNet.{Type}Attribute</c>, or null.</summary>
    public static ILayerKind? ByType(string type)
    {
        foreach (ILayerKind kind in All)
        {
            if (kind.Type == type)
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>The planner for a layer model.</summary>
    public static Planning.ILayerPlanner PlannerFor(LayerModel layer) => KindOf(layer).Planner;

    /// <summary>The emitter for a layer model. Every model comes from a kind in <see cref="All"/>, so this always finds one.</summary>
    public static ILayerEmitter EmitterFor(LayerModel layer) => KindOf(layer).Emitter;

    private static ILayerKind KindOf(LayerModel layer) =>
        ByType(layer.Type) ?? throw new System.InvalidOperationException($"No layer kind '{layer.Type}' is registered.");
}
