using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.Pooling2D;

/// <summary>
/// <c>[MaxPooling2D(poolHeight, poolWidth, Strides = …, Padding = …)]</c>, <c>[AveragePooling2D(…)]</c> and their global
/// forms <c>[GlobalMaxPooling2D]</c>, <c>[GlobalAveragePooling2D]</c> (one window over the whole image, giving a vector
/// of channels, as Keras's default <c>keepdims=False</c>): one kind class for the four, as they differ only in what a
/// window computes and where it goes.
/// </summary>
internal sealed class Pooling2DKind : ILayerKind
{
    public static readonly Pooling2DKind Max = new("MaxPooling2D", "max_pooling2d", isGlobal: false, sequence: false);

    public static readonly Pooling2DKind Average = new("AveragePooling2D", "average_pooling2d", isGlobal: false, sequence: false);

    public static readonly Pooling2DKind GlobalMax = new("GlobalMaxPooling2D", "global_max_pooling2d", isGlobal: true, sequence: false);

    public static readonly Pooling2DKind GlobalAverage = new("GlobalAveragePooling2D", "global_average_pooling2d", isGlobal: true, sequence: false);

    /// <summary><c>[MaxPooling1D(poolSize)]</c> over a sequence: a window one row high.</summary>
    public static readonly Pooling2DKind Max1D = new("MaxPooling1D", "max_pooling1d", isGlobal: false, sequence: true);

    /// <summary><c>[GlobalAveragePooling1D]</c>: each channel's mean over the steps.</summary>
    public static readonly Pooling2DKind GlobalAverage1D = new("GlobalAveragePooling1D", "global_average_pooling1d", isGlobal: true, sequence: true);

    /// <summary><c>[GlobalMaxPooling1D]</c>: each channel's maximum over the steps.</summary>
    public static readonly Pooling2DKind GlobalMax1D = new("GlobalMaxPooling1D", "global_max_pooling1d", isGlobal: true, sequence: true);

    private readonly bool _global;
    private readonly bool _sequence;

    private Pooling2DKind(string type, string stem, bool isGlobal, bool sequence)
    {
        Type = type;
        NameStem = stem;
        _global = isGlobal;
        _sequence = sequence;
    }

    public string Type { get; }

    public string NameStem { get; }

    public Planning.ILayerPlanner Planner => Pooling2DPlanner.Instance;

    public ILayerEmitter Emitter => Pooling2DEmitter.Instance;

    public bool HasTrainableParameters => false;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) =>
        Geometry(declared, input) is { } window ? Shape(window) : input;

    /// <summary>A global pooling's one window: the whole image (or sequence), so the output is a vector of the channels.</summary>
    private static Window2DGeometry Whole(TensorShape input)
    {
        TensorShape image = WindowRules.AsImage(input);
        return Window2DGeometry.Of(image, image.Dimensions[0], image.Dimensions[1], 1, 1, 1, Padding.Valid);
    }

    public long CountParameters(DeclaredLayer declared, TensorShape input) => 0;

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => null;

    /// <summary>Only the mean over the steps leaves padding out (Keras's GlobalAveragePooling1D); a window or a maximum would take it in.</summary>
    public MaskUse Masking(DeclaredLayer declared) => this == GlobalAverage1D ? MaskUse.Consumes : MaskUse.Refuses;

    public string Describe(DeclaredLayer declared) =>
        _global ? Type + "()" : _sequence ? $"{Type}({declared.GetInt("poolSize", 0)})" : $"{Type}({declared.GetInt("poolHeight", 0)}×{declared.GetInt("poolWidth", 0)})";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        if (!_global)
        {
            WindowRules.CheckPool(declared, context, _sequence);
        }
        else
        {
            WindowRules.CheckRank(context, _sequence);
        }
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context)
    {
        Window2DGeometry window = Geometry(declared, context.Input)!;
        return new Pooling2DLayer(Type, context.Index, context.Name, context.Prefix, context.Input, Shape(window), window, (Padding)declared.GetInt("Padding", (int)Padding.Valid), context.Masked);
    }

    /// <summary>Output rows × columns × channels; a global pooling's single position gives just the channels.</summary>
    private TensorShape Shape(Window2DGeometry window) => _global
        ? TensorShape.Vector(window.Channels)
        : new(new EquatableArray<int>(_sequence ? new[] { window.OutputWidth, window.Channels } : new[] { window.OutputHeight, window.OutputWidth, window.Channels }));

    /// <summary>The geometry of a declaration whose window is valid over <paramref name="input"/>, or null.</summary>
    private Window2DGeometry? Geometry(DeclaredLayer declared, TensorShape input)
    {
        if (!_global)
        {
            return WindowRules.Pool(input, declared, _sequence);
        }

        return input.Rank == (_sequence ? 2 : 3) && input.Size > 0 ? Whole(input) : null;
    }
}
