using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.Network;

/// <summary>The length checks at the top of each public method: one per span, naming it, and what was expected.</summary>
internal static class Guards
{
    public static void Length(SourceWriter w, NetworkPlan plan, string name, string constant) =>
        w.WriteLine($"if ({name}.Length != {constant}) {ShapeGuard}.ThrowLength(nameof({name}), {constant}, {name}.Length, \"{plan.Network.Name}.{constant}\");");

    /// <summary>A check that <paramref name="name"/> holds <paramref name="rows"/> rows of <paramref name="constant"/> floats.</summary>
    public static void Rows(SourceWriter w, NetworkPlan plan, string name, string rows, string constant) =>
        w.WriteLine($"if ({name}.Length != {rows} * {constant}) {ShapeGuard}.ThrowLength(nameof({name}), {rows} * {constant}, {name}.Length, \"{rows} × {plan.Network.Name}.{constant}\");");

    public static void Count(SourceWriter w, string name) =>
        w.WriteLine($"if ({name} < 0) throw new global::System.ArgumentOutOfRangeException(nameof({name}), {name}, \"The sample count must not be negative.\");");

    /// <summary>The explicit parameter buffers of a static method: <c>parameters</c>, and <c>nonTrainableParameters</c> where there are any.</summary>
    public static string ParameterList(NetworkPlan plan, bool writableState) =>
        $"{ReadOnlySpan} parameters" + (plan.HasNonTrainable ? $", {(writableState ? Span : ReadOnlySpan)} nonTrainableParameters" : string.Empty);

    /// <summary>The explicit parameter buffers of <see cref="ParameterList"/> as arguments.</summary>
    public static string ParameterNames(NetworkPlan plan) =>
        "parameters" + (plan.HasNonTrainable ? ", nonTrainableParameters" : string.Empty);

    /// <summary>This instance's buffers as arguments.</summary>
    public static string InstanceArguments(NetworkPlan plan) =>
        "_parameters.Span" + (plan.HasNonTrainable ? ", _nonTrainableParameters" : string.Empty);

    /// <summary>Checks the explicit parameter buffers.</summary>
    public static void Parameters(SourceWriter w, NetworkPlan plan)
    {
        Length(w, plan, "parameters", "ParameterCount");
        if (plan.HasNonTrainable)
        {
            Length(w, plan, "nonTrainableParameters", "NonTrainableParameterCount");
        }
    }
}
