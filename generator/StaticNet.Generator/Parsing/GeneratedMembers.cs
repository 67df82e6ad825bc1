using System.Collections.Generic;
using System.Linq;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// The names (and, for methods, the parameter lists) of what the generator writes into a network class, in one place, so
/// that a user's own member of the same name is reported on the user's declaration (SNET0024) rather than as a
/// compiler error inside generated code. A test compiles generated networks and checks this list against every member
/// they contain.
/// </summary>
internal static class GeneratedMembers
{
    // Parameter lists, one letter per parameter: R ReadOnlySpan<float>, S Span<float>, i int, l long, b bool, W TrainingWorkspace.
    private static readonly Dictionary<string, string[]> Methods = new()
    {
        ["InitializeParameters"] = ["i"],
        ["Summary"] = [""],
        ["Forward"] = ["RS", "RRS", "RSi", "RRSi", "RRRS", "RRRSi"],
        ["CreateWorkspace"] = ["il"],
        ["TrainStep"] = ["RRS", "RRSS"],
        ["TrainBatch"] = ["RRiSS", "RRiSSW", "RRRiSSW", "RSRRiSSW"],
        ["ComputeLoss"] = ["RRS", "RRiSW", "RRRiSW", "RRRRiSW"],
        ["InputGradient"] = ["RiSb", "RRiSWb", "RRRiSWb"],
        ["ForwardInLanes"] = ["RRSi", "RRRSi"],
        ["ThreadWorkspace"] = ["i"],
        ["TrainingTile"] = ["i"],
        ["Step"] = ["RST", "RRST"],
    };

    /// <summary>Generated fields, constants and properties (besides each layer's, which start with its prefix).</summary>
    private static readonly HashSet<string> Values =
    [
        "InputSize", "OutputSize", "TargetSize", "ParameterCount", "NonTrainableParameterCount", "Parameters",
        "NonTrainableParameters", "Layers", "BatchTile", "WorkspacePerCall", "WorkspacePerSample", "_parameters",
        "_nonTrainableParameters", "t_workspace", "t_forwardScratch", "StreamState",
    ];

    /// <summary>The generated constructors' parameter lists: <c>N()</c> and <c>N(int seed)</c>.</summary>
    public static readonly string[] Constructors = ["", "i"];

    /// <summary>Whether <paramref name="name"/> is a generated value, or a generated or per-layer member (<c>Dense1Kernel</c>, <c>Dense1ForwardBatch</c>).</summary>
    public static bool IsReserved(string name, IEnumerable<string> layerPrefixes) =>
        Values.Contains(name) || Methods.ContainsKey(name) || layerPrefixes.Any(prefix => HasLayerPrefix(name, prefix));

    /// <summary>Whether a user method collides: a per-layer name, a generated value's name, or a generated method's name and parameter list.</summary>
    public static bool MethodCollides(string name, string parameters, IEnumerable<string> layerPrefixes) =>
        Values.Contains(name)
        || (Methods.TryGetValue(name, out string[]? lists) && lists.Contains(parameters))
        || layerPrefixes.Any(prefix => HasLayerPrefix(name, prefix));

    // Dense1, Dense1Kernel, Dense1ForwardBatch; not Dense10Kernel for Dense1.
    private static bool HasLayerPrefix(string name, string prefix) =>
        name.StartsWith(prefix, System.StringComparison.Ordinal)
        && (name.Length == prefix.Length || char.IsUpper(name[prefix.Length]));
}
