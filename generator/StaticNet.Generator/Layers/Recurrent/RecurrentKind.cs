using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.Recurrent;

/// <summary>
/// <c>[SimpleRNN(units, …)]</c>, <c>[GRU(units, …)]</c> and <c>[LSTM(units, …)]</c>: one kind class for the three cells,
/// which share their rules, their tensors' names and layouts and their code (the runtime's <c>RecurrentReference</c>).
/// </summary>
internal sealed class RecurrentKind : ILayerKind
{
    public static readonly RecurrentKind SimpleRnn = new("SimpleRNN", "simple_rnn", gates: 1);

    public static readonly RecurrentKind Gru = new("GRU", "gru", gates: 3);

    public static readonly RecurrentKind Lstm = new("LSTM", "lstm", gates: 4);

    private readonly int _gates;

    private RecurrentKind(string type, string stem, int gates)
    {
        Type = type;
        NameStem = stem;
        _gates = gates;
    }

    public string Type { get; }

    public string NameStem { get; }

    public Planning.ILayerPlanner Planner => Planning.PlainLayerPlanner.Instance;

    public ILayerEmitter Emitter => RecurrentEmitter.Instance;

    public bool HasTrainableParameters => true;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input)
    {
        int units = System.Math.Max(declared.GetInt("units", 0), 1) * (Bidirectional(declared) ? 2 : 1);
        int steps = input.Rank >= 1 ? System.Math.Max(input.Dimensions[0], 1) : 1;
        return new(new EquatableArray<int>(ReturnSequences(declared) ? new[] { steps, units } : new[] { units }));
    }

    public long CountParameters(DeclaredLayer declared, TensorShape input)
    {
        long units = System.Math.Max(declared.GetInt("units", 0), 0), features = input.Rank == 2 ? input.Channels : 0, width = _gates * units;
        return (features * width + units * width + width * (ResetAfter(declared) ? 2 : 1)) * (Bidirectional(declared) ? 2 : 1);
    }

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => null;

    /// <summary>States carry over padded steps; every step's output keeps the mask, the last state has none.</summary>
    public MaskUse Masking(DeclaredLayer declared) => ReturnSequences(declared) ? MaskUse.PassesOn : MaskUse.Consumes;

    public string Describe(DeclaredLayer declared) => $"{Type}({declared.GetInt("units", 0)})";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        if (declared.GetInt("units", 0) < 1)
        {
            context.Report(DiagnosticDescriptors.NonPositiveSize, "The number of units of '" + context.Name + "'", declared.Get("units", 0).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (context.Input.Rank != 2)
        {
            context.Report(DiagnosticDescriptors.NeedsSequence, context.Name, context.Input.Keras);
        }

        ParameterRules.CheckRegularization(declared, context);
        CheckActivation(declared, context, "Activation", Activation.Tanh);
        if (_gates > 1)
        {
            CheckActivation(declared, context, "RecurrentActivation", Activation.Sigmoid);
        }
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context)
    {
        int units = declared.GetInt("units", 0), features = context.Input.Channels, width = _gates * units;
        bool resetAfter = ResetAfter(declared);
        var kernel = new ParameterTensor(
            "kernel", Matrix(features, width), Initializer.GlorotUniform, Trainable: true, FanIn: features, FanOut: width, L1: (float)declared.Get("L1", 0), L2: (float)declared.Get("L2", 0));
        var recurrent = new ParameterTensor("recurrent_kernel", Matrix(units, width), Initializer.Orthogonal, Trainable: true, FanIn: units, FanOut: width);
        var bias = new ParameterTensor(
            "bias",
            resetAfter ? Matrix(2, width) : TensorShape.Vector(width),
            _gates == 4 && declared.GetInt("UnitForgetBias", 1) != 0 ? Initializer.UnitForgetBias : Initializer.Zeros,
            Trainable: true,
            FanIn: features,
            FanOut: width);
        var tensors = new System.Collections.Generic.List<ParameterTensor> { kernel, recurrent, bias };
        if (Bidirectional(declared))
        {
            // Keras's Bidirectional keeps a second layer's weights: the backward direction's, named after them here.
            tensors.Add(kernel with { Name = "backward_kernel" });
            tensors.Add(recurrent with { Name = "backward_recurrent_kernel" });
            tensors.Add(bias with { Name = "backward_bias" });
        }

        return new RecurrentLayer(
            Type,
            context.Index,
            context.Name,
            context.Prefix,
            context.Input,
            OutputShape(declared, context.Input),
            new EquatableArray<ParameterTensor>(tensors.ToArray()),
            (Activation)declared.GetInt("Activation", (int)Activation.Tanh),
            _gates > 1 ? (Activation)declared.GetInt("RecurrentActivation", (int)Activation.Sigmoid) : Activation.Sigmoid,
            ReturnSequences(declared),
            resetAfter,
            Bidirectional(declared),
            context.Masked);
    }

    private static bool Bidirectional(DeclaredLayer declared) => declared.GetInt("Bidirectional", 0) != 0;

    private static bool ReturnSequences(DeclaredLayer declared) => declared.GetInt("ReturnSequences", 0) != 0;

    private bool ResetAfter(DeclaredLayer declared) => _gates == 3 && declared.GetInt("ResetAfter", 1) != 0;

    private static TensorShape Matrix(int rows, int columns) => new(new EquatableArray<int>(new[] { rows, columns }));

    /// <summary>Defined, and one whose derivative the backward pass can take from its output.</summary>
    private static void CheckActivation(DeclaredLayer declared, LayerContext context, string argument, Activation fallback)
    {
        int value = declared.GetInt(argument, (int)fallback);
        context.CheckDefined<Activation>(value);
        var activation = (Activation)value;
        if (activation is Activation.Softmax or Activation.LeakyReLU or Activation.GELU or Activation.GELUTanh or Activation.SiLU)
        {
            context.Report(DiagnosticDescriptors.RecurrentActivationNotSupported, context.Name, activation, argument);
        }
    }
}
