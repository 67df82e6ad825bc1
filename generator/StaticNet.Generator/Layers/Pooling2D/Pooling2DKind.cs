using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.Pooling2D;

/// <summary>
/// <c>[MaxPooling2D(poolHeight, poolWidth, Strides = …, Padding = …)]</c> and <c>[AveragePooling2D(…)]</c>: one kind
/// class for both, as they differ only in what a window computes.
/// </summary>
internal sealed class Pooling2DKind : ILayerKind
{
    public static readonly Pooling2DKind Max = new("MaxPooling2D", "max_pooling2d");

    public static readonly Pooling2DKind Average = new("AveragePooling2D", "average_pooling2d");

    private Pooling2DKind(string type, string stem)
    {
        Type = type;
        NameStem = stem;
    }

    public string Type { get; }

    public string NameStem { get; }

    public Planning.ILayerPlanner Planner => Planning.PlainLayerPlanner.Instance;

    public ILayerEmitter Emitter => Pooling2DEmitter.Instance;

    public bool HasTrainableParameters => false;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) =>
        Geometry(declared, input) is { } window ? Shape(window) : input;

    public long CountParameters(DeclaredLayer declared, TensorShape input) => 0;

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => null;

    public string Describe(DeclaredLayer declared) => $"{Type}({declared.GetInt("poolHeight", 0)}×{declared.GetInt("poolWidth", 0)})";

    public void Check(DeclaredLayer declared, LayerContext context) => WindowRules.CheckPool(declared, context);

    public LayerModel Build(DeclaredLayer declared, LayerContext context)
    {
        Window2DGeometry window = WindowRules.Pool(context.Input, declared);
        return new Pooling2DLayer(Type, context.Index, context.Name, context.Prefix, context.Input, Shape(window), window, (Padding)declared.GetInt("Padding", (int)Padding.Valid));
    }

    private static TensorShape Shape(Window2DGeometry window) =>
        new(new EquatableArray<int>(new[] { window.OutputHeight, window.OutputWidth, window.Channels }));

    private static Window2DGeometry? Geometry(DeclaredLayer declared, TensorShape input)
    {
        int height = declared.GetInt("poolHeight", 0), width = declared.GetInt("poolWidth", 0), strides = declared.GetInt("Strides", 0);
        int padding = declared.GetInt("Padding", (int)Padding.Valid);
        if (input.Rank != 3 || input.Size < 1 || height < 1 || width < 1 || strides < 0 || !System.Enum.IsDefined(typeof(Padding), padding))
        {
            return null;
        }

        Window2DGeometry window = WindowRules.Pool(input, declared);
        return window.OutputHeight > 0 && window.OutputWidth > 0 ? window : null;
    }
}
