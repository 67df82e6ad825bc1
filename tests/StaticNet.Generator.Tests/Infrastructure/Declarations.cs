using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Tests.Infrastructure;

/// <summary>Declarations as plain values, and the rules and planner run on them without a compilation.</summary>
internal static class Declarations
{
    public static DeclaredLayer Input(int size) => DeclaredLayer.Create("Input", ("size", size));

    public static DeclaredLayer Input(int height, int width, int channels) =>
        DeclaredLayer.Create("Input", ("height", height), ("width", width), ("channels", channels));

    public static DeclaredLayer Flatten() => DeclaredLayer.Create("Flatten");

    public static DeclaredLayer Dense(int units, StaticNet.Activation activation = StaticNet.Activation.Linear, double l1 = 0, double l2 = 0) =>
        DeclaredLayer.Create("Dense", ("units", units), ("activation", (int)activation), ("L1", l1), ("L2", l2));

    public static DeclaredLayer Conv2D(int filters, int kernelHeight, int kernelWidth, StaticNet.Activation activation = StaticNet.Activation.Linear) =>
        DeclaredLayer.Create("Conv2D", ("filters", filters), ("kernelHeight", kernelHeight), ("kernelWidth", kernelWidth), ("activation", (int)activation));

    public static DeclaredLayer Dropout(double rate) => DeclaredLayer.Create("Dropout", ("rate", rate));

    public static DeclaredLayer BatchNormalization(double momentum = 0.99, double epsilon = 1e-3) =>
        DeclaredLayer.Create("BatchNormalization", ("Momentum", momentum), ("Epsilon", epsilon));

    public static DeclaredLayer Activation(StaticNet.Activation activation) => DeclaredLayer.Create("Activation", ("activation", (int)activation));

    public static DeclaredLayer GaussianNoise(double stddev) => DeclaredLayer.Create("GaussianNoise", ("stddev", stddev));

    /// <summary>The problems the rules find.</summary>
    public static List<Problem> Check(Loss loss, DeclaredLayer[] layers, CodeStrategy strategy = CodeStrategy.Auto)
    {
        var problems = new List<Problem>();
        NetworkRules.Apply("Net", (int)loss, (int)strategy, layers, problems, out _);
        return problems;
    }

    /// <summary>The plan of a valid declaration.</summary>
    public static NetworkPlan Plan(Loss loss, DeclaredLayer[] layers, CodeStrategy strategy = CodeStrategy.Auto)
    {
        var problems = new List<Problem>();
        EquatableArray<LayerModel>? models = NetworkRules.Apply("Net", (int)loss, (int)strategy, layers, problems, out TensorShape input);
        Assert.True(models is not null, string.Join("; ", problems.Select(p => p.Descriptor.Id)));
        var network = new NetworkModel(new TypeIdentity("Samples", "Net", "class", new EquatableArray<ContainingTypeSpec>([])), loss, input, strategy, models!.Value);
        return NetworkPlanner.Plan(network);
    }
}
