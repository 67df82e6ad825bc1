using System.Collections.Generic;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>The Keras-style summary table (<c>model.summary()</c>), computed at compile time from the layers' tensors.</summary>
internal static class SummaryTable
{
    private const int NameWidth = 29;
    private const int ShapeWidth = 26;
    private const int Width = 65;

    public static IReadOnlyList<string> Lines(NetworkPlan plan)
    {
        var lines = new List<string>
        {
            $"Model: \"{plan.Network.Name}\"",
            new string('_', Width),
            Row("Layer (type)", "Output Shape", "Param #"),
            new string('=', Width),
        };
        foreach (LayerPlan layer in plan.Layers)
        {
            int parameters = 0;
            foreach (ParameterTensor tensor in layer.Layer.Parameters)
            {
                parameters += tensor.Size;
            }

            lines.Add(Row($"{layer.Layer.Name} ({layer.Layer.Type})", layer.Layer.Output.Keras, Literals.Count(parameters)));
        }

        lines.Add(new string('=', Width));
        lines.Add($"Total params: {Literals.Count(plan.ParameterCount + plan.NonTrainableParameterCount)}");
        lines.Add($"Trainable params: {Literals.Count(plan.ParameterCount)}");
        lines.Add($"Non-trainable params: {Literals.Count(plan.NonTrainableParameterCount)}");
        lines.Add(new string('_', Width));
        return lines;
    }

    private static string Row(string name, string shape, string parameters) =>
        (" " + name.PadRight(NameWidth - 1) + shape.PadRight(ShapeWidth) + parameters).TrimEnd();
}
