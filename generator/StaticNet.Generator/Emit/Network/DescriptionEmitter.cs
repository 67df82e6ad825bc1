using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.Network;

/// <summary><c>Layers</c> (each layer's <c>LayerInfo</c>, written by its emitter) and <c>Summary()</c>, Keras's table.</summary>
internal static class DescriptionEmitter
{
    public static void Write(SourceWriter w, NetworkPlan plan)
    {
        w.WriteLine("/// <summary>The layers in order, with their parameter tensors and where each lives.</summary>");
        w.WriteLine($"public static {LayerList} Layers {{ get; }} = new {LayerInfo}[]");
        w.WriteLine("{");
        foreach (LayerPlan layer in plan.Layers)
        {
            string tensors = "[" + string.Join(", ", layer.Tensors.Select(t =>
                $"new(\"{t.Tensor.Name}\", {t.Tensor.Shape.Literal}, {t.Offset}, {(t.Tensor.Trainable ? "true" : "false")}, {InitializerEnum}.{t.Tensor.Initializer})")) + "]";
            string common = $"\"{layer.Layer.Name}\", \"{layer.Layer.Type}\", {layer.Layer.Input.Literal}, {layer.Layer.Output.Literal}, {tensors}";
            w.WriteLine($"    {LayerKinds.EmitterFor(layer.Layer).Info(layer, common)},");
        }

        w.WriteLine("};");
        w.WriteLine();
        w.WriteLine("/// <summary>The Keras-style summary: each layer's output shape and parameter count, and the totals.</summary>");
        w.WriteLine("public static string Summary() =>");
        IReadOnlyList<string> lines = SummaryTable.Lines(plan);
        for (int i = 0; i < lines.Count; i++)
        {
            string text = lines[i].Replace("\\", "\\\\").Replace("\"", "\\\"");
            w.WriteLine($"    \"{text}\\n\"{(i == lines.Count - 1 ? ";" : " +")}");
        }

        w.WriteLine();
    }
}
