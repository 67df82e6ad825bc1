using System;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.Dense;

/// <summary>
/// <c>[Dense(units, activation, NegativeSlope = …, KernelInitializer = …, BiasInitializer = …, L1 = …, L2 = …)]</c>: its
/// rules and its model.
/// </summary>
internal sealed class DenseKind : ILayerKind
{
    public static readonly DenseKind Instance = new();

    public string Type => "Dense";

    public string NameStem => "dense";

    public Planning.ILayerPlanner Planner => DensePlanner.Instance;

    public ILayerEmitter Emitter => DenseEmitter.Instance;

    /// <summary>
    /// (units), or (steps, units) on a sequence: Keras's Dense applies the same kernel to the last axis of every step.
    /// </summary>
    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) =>
        input.Rank == 2
            ? new TensorShape(new EquatableArray<int>(new[] { input.Dimensions[0], declared.GetInt("units", 0) }))
            : TensorShape.Vector(declared.GetInt("units", 0));

    public bool HasTrainableParameters => true;

    public long CountParameters(DeclaredLayer declared, TensorShape input) =>
        ((long)System.Math.Max(Inputs(input), 0) + 1) * System.Math.Max(declared.GetInt("units", 0), 0);

    /// <summary>The kernel's rows: the features of one step of a sequence, else the whole flat sample.</summary>
    private static int Inputs(TensorShape input) => input.Rank == 2 ? input.Channels : input.Size;

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => ActivationRules.Read(declared, "activation");

    /// <summary>On each step alone (as Keras): the mask passes on.</summary>
    public MaskUse Masking(DeclaredLayer declared) => MaskUse.PassesOn;

    public string Describe(DeclaredLayer declared) =>
        $"Dense({declared.GetInt("units", 0)}, {(Activation)declared.GetInt("activation", (int)Activation.Linear)})";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        int units = declared.GetInt("units", 0);
        if (units < 1)
        {
            context.Report(DiagnosticDescriptors.NonPositiveSize, "The number of units of '" + context.Name + "'", FormatInt(declared.Get("units", 0)));
        }

        if (context.Input.Rank > 2)
        {
            context.Report(DiagnosticDescriptors.DenseNeedsFlatInput, context.Name, context.Input.Keras);
        }

        ActivationRules.CheckFunction(declared, context, "activation");
        ParameterRules.CheckInitializers(declared, context);
        ParameterRules.CheckRegularization(declared, context);

        ActivationRules.CheckSoftmax(declared, context, "activation", units);
        if (context.Input.Rank == 2 && context.IsLast && ActivationRules.Read(declared, "activation").Function == Activation.Softmax)
        {
            // The network's output activation runs over the whole output, and a loss over classes reads one label per sample.
            context.Report(DiagnosticDescriptors.SequenceSoftmaxOutput, context.Name, context.Input.Keras);
        }

        int inputs = Inputs(context.Input);
        if (context.Input.Rank <= 2 && context.Strategy != CodeStrategy.Auto && Enum.IsDefined(typeof(CodeStrategy), context.Strategy) && units > 0 && inputs > 0
            && !DensePlanner.Fits(context.Strategy, inputs, units))
        {
            context.Report(DiagnosticDescriptors.StrategyDoesNotFit, context.Strategy, context.Name, inputs, units, DensePlanner.Choose(inputs, units));
        }
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context)
    {
        int inputs = Inputs(context.Input);
        int units = declared.GetInt("units", 0);
        var kernel = new ParameterTensor(
            "kernel",
            new TensorShape(new EquatableArray<int>(new[] { inputs, units })),
            (Initializer)declared.GetInt("KernelInitializer", (int)Initializer.GlorotUniform),
            Trainable: true,
            FanIn: inputs,
            FanOut: units,
            L1: (float)declared.Get("L1", 0),
            L2: (float)declared.Get("L2", 0));
        var bias = new ParameterTensor(
            "bias",
            TensorShape.Vector(units),
            (Initializer)declared.GetInt("BiasInitializer", (int)Initializer.Zeros),
            Trainable: true,
            FanIn: inputs,
            FanOut: units);
        ActivationFunction activation = ActivationRules.Read(declared, "activation");
        return new DenseLayer(
            context.Index,
            context.Name,
            context.Prefix,
            context.Input,
            OutputShape(declared, context.Input),
            new EquatableArray<ParameterTensor>(new[] { kernel, bias }),
            units,
            activation.Function,
            activation.NegativeSlope);
    }

    private static string FormatInt(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
