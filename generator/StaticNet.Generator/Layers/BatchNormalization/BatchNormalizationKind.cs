using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.BatchNormalization;

/// <summary>
/// <c>[BatchNormalization(Momentum = …, Epsilon = …)]</c>: its rules and its model (Keras's defaults: 0.99, 1e-3). It
/// normalises each channel (the last axis) over the batch and every other position, as Keras's <c>axis=-1</c>.
/// </summary>
internal sealed class BatchNormalizationKind : ILayerKind
{
    public const double DefaultMomentum = 0.99;
    public const double DefaultEpsilon = 1e-3;

    public static readonly BatchNormalizationKind Instance = new();

    public string Type => "BatchNormalization";

    public string NameStem => "batch_normalization";

    public Planning.ILayerPlanner Planner => Planning.PlainLayerPlanner.Instance;

    public ILayerEmitter Emitter => BatchNormalizationEmitter.Instance;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) => input;

    public bool HasTrainableParameters => true;

    /// <summary>γ, β and the moving statistics per channel (the last axis, Keras's <c>axis=-1</c>).</summary>
    public long CountParameters(DeclaredLayer declared, TensorShape input) => 4L * System.Math.Max(input.Channels, 0);

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => null;

    /// <summary>Keras's batch statistics would leave the padded steps out; these count every value.</summary>
    public MaskUse Masking(DeclaredLayer declared) => MaskUse.Refuses;

    public string Describe(DeclaredLayer declared) => "BatchNormalization()";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        double momentum = declared.Get("Momentum", DefaultMomentum);
        if (!(momentum >= 0 && momentum <= 1))
        {
            context.Report(DiagnosticDescriptors.InvalidBatchNormalizationFactor, "Momentum", context.Name, "in [0, 1]", momentum);
        }

        double epsilon = declared.Get("Epsilon", DefaultEpsilon);
        if (!(epsilon > 0 && epsilon <= float.MaxValue && (float)epsilon > 0))
        {
            context.Report(DiagnosticDescriptors.InvalidBatchNormalizationFactor, "Epsilon", context.Name, "a finite number > 0 (as a float)", epsilon);
        }
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context)
    {
        int features = context.Input.Channels;
        ParameterTensor Tensor(string name, Initializer initializer, bool trainable) =>
            new(name, TensorShape.Vector(features), initializer, trainable, features, features);
        return new BatchNormalizationLayer(
            context.Index,
            context.Name,
            context.Prefix,
            context.Input,
            context.Input,
            new EquatableArray<ParameterTensor>(new[]
            {
                Tensor("gamma", Initializer.Ones, trainable: true),
                Tensor("beta", Initializer.Zeros, trainable: true),
                Tensor("moving_mean", Initializer.Zeros, trainable: false),
                Tensor("moving_variance", Initializer.Ones, trainable: false),
            }),
            (float)declared.Get("Momentum", DefaultMomentum),
            (float)declared.Get("Epsilon", DefaultEpsilon));
    }
}
