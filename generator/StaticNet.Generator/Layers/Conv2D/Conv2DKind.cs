using System;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.Conv2D;

/// <summary>
/// <c>[Conv2D(filters, kernelHeight, kernelWidth, activation, Strides = …, DilationRate = …, Padding = …, …)]</c>: its
/// rules and its model.
/// </summary>
internal sealed class Conv2DKind : ILayerKind
{
    public static readonly Conv2DKind Instance = new();

    public string Type => "Conv2D";

    public string NameStem => "conv2d";

    public Planning.ILayerPlanner Planner => Planning.PlainLayerPlanner.Instance;

    public ILayerEmitter Emitter => Conv2DEmitter.Instance;

    public bool HasTrainableParameters => true;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) =>
        Geometry(declared, input) is { } window ? Shape(window, declared.GetInt("filters", 0)) : input;

    public long CountParameters(DeclaredLayer declared, TensorShape input)
    {
        long channels = input.Rank == 3 ? Math.Max(input.Channels, 0) : 0;
        long taps = (long)Math.Max(declared.GetInt("kernelHeight", 0), 0) * Math.Max(declared.GetInt("kernelWidth", 0), 0);
        long filters = Math.Max(declared.GetInt("filters", 0), 0);
        return (taps * channels + 1) * filters;
    }

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => ActivationRules.Read(declared, "activation");

    public string Describe(DeclaredLayer declared) =>
        $"Conv2D({declared.GetInt("filters", 0)}, {declared.GetInt("kernelHeight", 0)}×{declared.GetInt("kernelWidth", 0)}, {(Activation)declared.GetInt("activation", (int)Activation.Linear)})";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        int filters = declared.GetInt("filters", 0);
        if (filters < 1)
        {
            context.Report(DiagnosticDescriptors.NonPositiveSize, "The number of filters of '" + context.Name + "'", filters);
        }

        WindowRules.Check(
            declared,
            context,
            ("kernelHeight", declared.GetInt("kernelHeight", 0)),
            ("kernelWidth", declared.GetInt("kernelWidth", 0)),
            declared.GetInt("Strides", 1),
            declared.GetInt("DilationRate", 1));
        ActivationRules.CheckFunction(declared, context, "activation");
        if (declared.GetInt("activation", (int)Activation.Linear) == (int)Activation.Softmax)
        {
            context.Report(DiagnosticDescriptors.SoftmaxOnImage, context.Name, "(height, width, filters)");
        }

        ParameterRules.CheckInitializers(declared, context);
        ParameterRules.CheckRegularization(declared, context);
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context)
    {
        Window2DGeometry window = Geometry(declared, context.Input)!;
        int filters = declared.GetInt("filters", 0);
        int taps = window.WindowHeight * window.WindowWidth;
        var kernel = new ParameterTensor(
            "kernel",
            new TensorShape(new EquatableArray<int>(new[] { window.WindowHeight, window.WindowWidth, window.Channels, filters })),
            (Initializer)declared.GetInt("KernelInitializer", (int)Initializer.GlorotUniform),
            Trainable: true,
            FanIn: taps * window.Channels,
            FanOut: taps * filters,
            L1: (float)declared.Get("L1", 0),
            L2: (float)declared.Get("L2", 0));
        var bias = new ParameterTensor(
            "bias",
            TensorShape.Vector(filters),
            (Initializer)declared.GetInt("BiasInitializer", (int)Initializer.Zeros),
            Trainable: true,
            FanIn: taps * window.Channels,
            FanOut: taps * filters);
        return new Conv2DLayer(
            context.Index,
            context.Name,
            context.Prefix,
            context.Input,
            Shape(window, filters),
            new EquatableArray<ParameterTensor>(new[] { kernel, bias }),
            window,
            filters,
            (Padding)declared.GetInt("Padding", (int)Padding.Valid),
            ActivationRules.Read(declared, "activation"));
    }

    private static TensorShape Shape(Window2DGeometry window, int filters) =>
        new(new EquatableArray<int>(new[] { window.OutputHeight, window.OutputWidth, filters }));

    /// <summary>The geometry of a declaration whose window is valid over <paramref name="input"/>, or null.</summary>
    private static Window2DGeometry? Geometry(DeclaredLayer declared, TensorShape input)
    {
        int height = declared.GetInt("kernelHeight", 0), width = declared.GetInt("kernelWidth", 0);
        int strides = declared.GetInt("Strides", 1), dilation = declared.GetInt("DilationRate", 1);
        int padding = declared.GetInt("Padding", (int)Padding.Valid);
        if (input.Rank != 3 || input.Size < 1 || height < 1 || width < 1 || strides < 1 || dilation < 1 || !Enum.IsDefined(typeof(Padding), padding))
        {
            return null;
        }

        Window2DGeometry window = Window2DGeometry.Of(input, height, width, strides, strides, dilation, (Padding)padding);
        return window.OutputHeight > 0 && window.OutputWidth > 0 ? window : null;
    }
}
