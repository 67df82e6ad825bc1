using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaticNet.Tests.Reference;

/// <summary>One fixture written by tests/reference/make_fixtures.py (field names as in the JSON).</summary>
public sealed record Fixture(
    string Name,
    string Network,
    int InputSize,
    IReadOnlyList<FixtureLayer> Layers,
    string Loss,
    int Batch,
    string Conventions,
    double[] Inputs,
    double[] Targets,
    double[] Parameters,
    double[] Outputs,
    double LossValue,
    double[] Gradient,
    FixtureOptimizer Adam,
    FixtureOptimizer SgdMomentum,
    double[]? NonTrainable = null,
    long? WorkspaceSeed = null,
    Dictionary<string, double[]>? Masks = null,
    double[]? InferenceOutputs = null,
    double[]? NonTrainableAfterStep = null)
{
    /// <summary>Whether the network has layers whose training step is not a sum of one-sample steps (dropout, batch normalisation).</summary>
    public bool HasLayerKinds => Layers.Any(l => l.Type is not null and not "Dense");
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Reference", "fixtures");

    public static IEnumerable<string> Names => System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order()!;

    public static Fixture Load(string name) =>
        JsonSerializer.Deserialize<Fixture>(File.ReadAllText(Path.Combine(Directory, name + ".json")), Options)
        ?? throw new InvalidDataException($"Fixture {name} is empty.");
}

/// <summary>A layer as the fixture describes it (the Dense fixtures name no type).</summary>
public sealed record FixtureLayer(
    int Units,
    string? Activation,
    float NegativeSlope,
    string? Type = null,
    float L1 = 0,
    float L2 = 0,
    float Rate = 0,
    float Momentum = 0,
    float Epsilon = 0);

/// <summary>An optimizer's settings and the parameters it reached after some steps.</summary>
public sealed record FixtureOptimizer(
    double LearningRate,
    double? Beta1,
    double? Beta2,
    double? Epsilon,
    double? Momentum,
    string? OmittedBecause,
    [property: JsonPropertyName("after_steps")] Dictionary<string, double[]> AfterSteps,
    [property: JsonPropertyName("non_trainable_after_steps")] Dictionary<string, double[]>? NonTrainableAfterSteps = null);
