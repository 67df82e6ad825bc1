using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit.Network;

/// <summary>The XML-doc lines that several generated methods share: the one sample's input, and the explicit parameter buffers.</summary>
internal static class Docs
{
    public const string Input = "/// <param name=\"input\">The sample: <see cref=\"InputSize\"/> features.</param>";

    /// <summary>The <c>parameters</c> line, and the <c>nonTrainableParameters</c> line where there are any (as <see cref="Guards.ParameterList"/> declares them).</summary>
    public static void Parameters(SourceWriter w, NetworkPlan plan)
    {
        w.WriteLine("/// <param name=\"parameters\"><see cref=\"ParameterCount\"/> parameters, laid out as <see cref=\"Parameters\"/>.</param>");
        if (plan.HasNonTrainable)
        {
            w.WriteLine("/// <param name=\"nonTrainableParameters\"><see cref=\"NonTrainableParameterCount\"/> values, laid out as <see cref=\"NonTrainableParameters\"/>.</param>");
        }
    }
}
