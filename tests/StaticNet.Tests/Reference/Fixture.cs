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
    FixtureOptimizer SgdMomentum)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Reference", "fixtures");

    public static IEnumerable<string> Names => System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order()!;

    public static Fixture Load(string name) =>
        JsonSerializer.Deserialize<Fixture>(File.ReadAllText(Path.Combine(Directory, name + ".json")), Options)
        ?? throw new InvalidDataException($"Fixture {name} is empty.");
}

/// <summary>A layer as the fixture describes it.</summary>
public sealed record FixtureLayer(int Units, string Activation, float NegativeSlope);

/// <summary>An optimizer's settings and the parameters it reached after some steps.</summary>
public sealed record FixtureOptimizer(
    double LearningRate,
    double? Beta1,
    double? Beta2,
    double? Epsilon,
    double? Momentum,
    string? OmittedBecause,
    [property: JsonPropertyName("after_steps")] Dictionary<string, double[]> AfterSteps);
