using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.Network;

/// <summary>The <c>INetwork</c> members that the public surface does not already provide under the same signature.</summary>
internal static class InterfaceEmitter
{
    public static void Write(SourceWriter w, NetworkPlan plan)
    {
        w.WriteLine($"int {INetwork}.InputSize => InputSize;");
        w.WriteLine($"int {INetwork}.OutputSize => OutputSize;");
        w.WriteLine($"int {INetwork}.TargetSize => TargetSize;");
        w.WriteLine($"int {INetwork}.ParameterCount => ParameterCount;");
        w.WriteLine($"int {INetwork}.NonTrainableParameterCount => NonTrainableParameterCount;");
        w.WriteLine($"global::StaticNet.Loss {INetwork}.Loss => global::StaticNet.Loss.{plan.Network.Loss};");
        w.WriteLine($"{LayerList} {INetwork}.Layers => Layers;");
        w.WriteLine();
        string state = plan.HasNonTrainable ? "nonTrainableParameters, " : string.Empty;
        using (w.Open($"float {INetwork}.TrainBatch({ReadOnlySpan} parameters, {Span} nonTrainableParameters, {ReadOnlySpan} inputs, {ReadOnlySpan} targets, int count, {Span} gradient, {Span} predictions, {TrainingWorkspace} workspace)"))
        {
            if (!plan.HasNonTrainable)
            {
                Guards.Length(w, plan, "nonTrainableParameters", "NonTrainableParameterCount");
            }

            w.WriteLine($"return TrainBatch(parameters, {state}inputs, targets, count, gradient, predictions, workspace);");
        }

        w.WriteLine();
    }
}
