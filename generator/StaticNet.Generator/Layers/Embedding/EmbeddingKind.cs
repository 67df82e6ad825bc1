using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.Embedding;

/// <summary><c>[Embedding(inputDim, outputDim, EmbeddingsInitializer = …)]</c>: its rules and its model.</summary>
internal sealed class EmbeddingKind : ILayerKind
{
    public static readonly EmbeddingKind Instance = new();

    public string Type => "Embedding";

    public string NameStem => "embedding";

    public Planning.ILayerPlanner Planner => Planning.PlainLayerPlanner.Instance;

    public ILayerEmitter Emitter => EmbeddingEmitter.Instance;

    /// <summary>Steps × outputDim; for an input that is not a sequence of ids, still a sequence, so later layers are checked.</summary>
    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) =>
        new(new EquatableArray<int>(new[] { System.Math.Max(input.Size, 1), System.Math.Max(declared.GetInt("outputDim", 0), 1) }));

    public bool HasTrainableParameters => true;

    public long CountParameters(DeclaredLayer declared, TensorShape input) =>
        (long)System.Math.Max(declared.GetInt("inputDim", 0), 0) * System.Math.Max(declared.GetInt("outputDim", 0), 0);

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => null;

    /// <summary>With MaskZero, id 0 is padding (Keras's mask_zero).</summary>
    public MaskUse Masking(DeclaredLayer declared) => declared.GetInt("MaskZero", 0) != 0 ? MaskUse.Produces : MaskUse.Refuses;

    public string Describe(DeclaredLayer declared) => $"Embedding({declared.GetInt("inputDim", 0)}, {declared.GetInt("outputDim", 0)}{(declared.GetInt("MaskZero", 0) != 0 ? ", MaskZero" : string.Empty)})";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        foreach (string size in new[] { "inputDim", "outputDim" })
        {
            if (declared.GetInt(size, 0) < 1)
            {
                context.Report(DiagnosticDescriptors.NonPositiveSize, $"The {size} of '{context.Name}'", declared.Get(size, 0).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (context.Index != 0)
        {
            context.Report(DiagnosticDescriptors.EmbeddingNotFirst, context.Name);
        }
        else if (context.Input.Rank != 1)
        {
            context.Report(DiagnosticDescriptors.EmbeddingNeedsTokens, context.Name, context.Input.Keras);
        }

        context.CheckDefined<Initializer>(declared.GetInt("EmbeddingsInitializer", (int)Initializer.RandomUniform));
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context)
    {
        int inputDim = declared.GetInt("inputDim", 0), outputDim = declared.GetInt("outputDim", 0);
        var table = new ParameterTensor(
            "embeddings",
            new TensorShape(new EquatableArray<int>(new[] { inputDim, outputDim })),
            (Initializer)declared.GetInt("EmbeddingsInitializer", (int)Initializer.RandomUniform),
            Trainable: true,
            FanIn: inputDim,
            FanOut: outputDim);
        return new EmbeddingLayer(context.Index, context.Name, context.Prefix, context.Input, OutputShape(declared, context.Input), new EquatableArray<ParameterTensor>(new[] { table }), declared.GetInt("MaskZero", 0) != 0);
    }
}
