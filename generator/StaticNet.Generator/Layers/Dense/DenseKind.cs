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

    public ILayerEmitter Emitter => DenseEmitter.Instance;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) => TensorShape.Vector(declared.GetInt("units", 0));

    public bool HasTrainableParameters => true;

    public long CountParameters(DeclaredLayer declared, TensorShape input) =>
        ((long)System.Math.Max(input.Size, 0) + 1) * System.Math.Max(declared.GetInt("units", 0), 0);

    public string Describe(DeclaredLayer declared) =>
        $"Dense({declared.GetInt("units", 0)}, {(Activation)declared.GetInt("activation", (int)Activation.Linear)})";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        int units = declared.GetInt("units", 0);
        if (units < 1)
        {
            context.Report(DiagnosticDescriptors.NonPositiveSize, "The number of units of '" + context.Name + "'", FormatInt(declared.Get("units", 0)));
        }

        int activation = declared.GetInt("activation", (int)Activation.Linear);
        CheckEnum<Activation>(context, activation);
        CheckEnum<Initializer>(context, declared.GetInt("KernelInitializer", (int)Initializer.GlorotUniform));
        CheckEnum<Initializer>(context, declared.GetInt("BiasInitializer", (int)Initializer.Zeros));
        double slope = declared.Get("NegativeSlope", 0.2);
        if (activation == (int)Activation.LeakyReLU && !(slope >= 0 && slope < 1))
        {
            context.Report(DiagnosticDescriptors.InvalidNegativeSlope, (float)slope);
        }

        if (activation != (int)Activation.LeakyReLU && declared.Has("NegativeSlope") && Enum.IsDefined(typeof(Activation), activation))
        {
            context.Report(DiagnosticDescriptors.NegativeSlopeIgnored, context.Name, (Activation)activation);
        }

        foreach (string factor in new[] { "L1", "L2" })
        {
            double value = declared.Get(factor, 0);
            if (!(value >= 0 && value <= float.MaxValue))
            {
                context.Report(DiagnosticDescriptors.InvalidRegularization, factor + " of '" + context.Name + "'", value);
            }
        }

        if (activation == (int)Activation.Softmax && units == 1)
        {
            context.Report(DiagnosticDescriptors.SoftmaxOnSingleUnit, context.Name);
        }

        if (activation == (int)Activation.Softmax && !context.IsLast)
        {
            context.Report(DiagnosticDescriptors.SoftmaxNotLast, context.Name);
        }

        int inputs = context.Input.Size;
        if (context.Strategy != CodeStrategy.Auto && Enum.IsDefined(typeof(CodeStrategy), context.Strategy) && units > 0 && inputs > 0
            && !NetworkPlanner.Fits(context.Strategy, inputs, units))
        {
            context.Report(DiagnosticDescriptors.StrategyDoesNotFit, context.Strategy, context.Name, inputs, units, NetworkPlanner.Choose(inputs, units));
        }
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context)
    {
        int inputs = context.Input.Size;
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
        return new DenseLayer(
            context.Index,
            context.Name,
            context.Prefix,
            context.Input,
            TensorShape.Vector(units),
            new EquatableArray<ParameterTensor>(new[] { kernel, bias }),
            units,
            (Activation)declared.GetInt("activation", (int)Activation.Linear),
            (float)declared.Get("NegativeSlope", 0.2));
    }

    private static void CheckEnum<TEnum>(LayerContext context, int value)
    {
        if (!Enum.IsDefined(typeof(TEnum), value))
        {
            context.Report(DiagnosticDescriptors.UndefinedEnumValue, value, typeof(TEnum).Name);
        }
    }

    private static string FormatInt(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
