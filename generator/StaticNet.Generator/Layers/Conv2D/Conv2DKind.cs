using System;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.Conv2D;

/// <summary>
/// <c>[Conv2D(filters, kernelHeight, kernelWidth, activation, Strides = …, DilationRate = …, Padding = …, …)]</c> and
/// <c>[Conv1D(filters, kernelSize, activation, …)]</c> over a sequence (an image one row high to the code): their rules
/// and their model.
/// </summary>
internal sealed class Conv2DKind : ILayerKind
{
    public static readonly Conv2DKind Instance = new("Conv2D", "conv2d", sequence: false);

    public static readonly Conv2DKind Conv1D = new("Conv1D", "conv1d", sequence: true);

    private readonly bool _sequence;

    private Conv2DKind(string type, string stem, bool sequence)
    {
        Type = type;
        NameStem = stem;
        _sequence = sequence;
    }

    public string Type { get; }

    public string NameStem { get; }

    public Planning.ILayerPlanner Planner => Conv2DPlanner.Instance;

    public ILayerEmitter Emitter => Conv2DEmitter.Instance;

    public bool HasTrainableParameters => true;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) =>
        Geometry(declared, input) is { } window ? Shape(window, declared.GetInt("filters", 0)) : input;

    public long CountParameters(DeclaredLayer declared, TensorShape input)
    {
        long channels = input.Rank == (_sequence ? 2 : 3) ? Math.Max(input.Channels, 0) : 0;
        var (height, width) = Kernel(declared);
        long taps = (long)Math.Max(height, 0) * Math.Max(width, 0);
        long filters = Math.Max(declared.GetInt("filters", 0), 0);
        return (taps * channels + 1) * filters;
    }

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => ActivationRules.Read(declared, "activation");

    /// <summary>A window mixes padded steps with real ones.</summary>
    public MaskUse Masking(DeclaredLayer declared) => MaskUse.Refuses;

    public string Describe(DeclaredLayer declared) => _sequence
        ? $"Conv1D({declared.GetInt("filters", 0)}, {declared.GetInt("kernelSize", 0)}, {(Activation)declared.GetInt("activation", (int)Activation.Linear)})"
        : $"Conv2D({declared.GetInt("filters", 0)}, {declared.GetInt("kernelHeight", 0)}×{declared.GetInt("kernelWidth", 0)}, {(Activation)declared.GetInt("activation", (int)Activation.Linear)})";

    /// <summary>The kernel's rows and columns: one row of <c>kernelSize</c> for Conv1D.</summary>
    private (int Height, int Width) Kernel(DeclaredLayer declared) =>
        _sequence ? (1, declared.GetInt("kernelSize", 0)) : (declared.GetInt("kernelHeight", 0), declared.GetInt("kernelWidth", 0));

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        int filters = declared.GetInt("filters", 0);
        if (filters < 1)
        {
            context.Report(DiagnosticDescriptors.NonPositiveSize, "The number of filters of '" + context.Name + "'", filters);
        }

        var (height, width) = Kernel(declared);
        WindowRules.Check(
            declared,
            context,
            (_sequence ? "kernelSize" : "kernelHeight", height),
            (_sequence ? "kernelSize" : "kernelWidth", width),
            declared.GetInt("Strides", 1),
            declared.GetInt("DilationRate", 1),
            _sequence);
        ActivationRules.CheckFunction(declared, context, "activation");
        if (declared.GetInt("activation", (int)Activation.Linear) == (int)Activation.Softmax)
        {
            context.Report(DiagnosticDescriptors.SoftmaxOnImage, context.Name, _sequence ? "(steps, filters)" : "(height, width, filters)");
        }

        ParameterRules.CheckInitializers(declared, context);
        ParameterRules.CheckRegularization(declared, context);
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context)
    {
        Window2DGeometry window = Geometry(declared, context.Input)!;
        int filters = declared.GetInt("filters", 0);
        int taps = window.WindowHeight * window.WindowWidth;
        // Keras's layout: (kh, kw, in, out), or (k, in, out) for Conv1D: the same values as a kernel one row high.
        int[] kernelShape = _sequence ? new[] { window.WindowWidth, window.Channels, filters } : new[] { window.WindowHeight, window.WindowWidth, window.Channels, filters };
        var kernel = new ParameterTensor(
            "kernel",
            new TensorShape(new EquatableArray<int>(kernelShape)),
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
            Type,
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

    private TensorShape Shape(Window2DGeometry window, int filters) =>
        new(new EquatableArray<int>(_sequence ? new[] { window.OutputWidth, filters } : new[] { window.OutputHeight, window.OutputWidth, filters }));

    /// <summary>The geometry of a declaration whose window is valid over <paramref name="input"/>, or null.</summary>
    private Window2DGeometry? Geometry(DeclaredLayer declared, TensorShape input)
    {
        var (height, width) = Kernel(declared);
        int strides = declared.GetInt("Strides", 1);
        return WindowRules.Fit(input, _sequence, height, width, _sequence ? 1 : strides, strides, declared.GetInt("DilationRate", 1), declared.GetInt("Padding", (int)Padding.Valid));
    }
}
