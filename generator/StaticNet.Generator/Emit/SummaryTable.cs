using System.Collections.Generic;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>The Keras-style summary table (<c>model.summary()</c>), computed at compile time from the layers' tensors.</summary>
internal static class SummaryTable
{
    private const int ShapeWidth = 26;

    public static IReadOnlyList<string> Lines(NetworkPlan plan)
    {
        // Keras's columns, widened where a name (batch_normalization_1 (BatchNormalization)) is longer than its column.
        int nameWidth = 29;
        foreach (LayerPlan layer in plan.Layers)
        {
            nameWidth = System.Math.Max(nameWidth, layer.Layer.Name.Length + layer.Layer.Type.Length + 6);
        }

        int width = nameWidth + ShapeWidth + 10;
        string Row(string name, string shape, string parameters) =>
            (" " + name.PadRight(nameWidth - 1) + shape.PadRight(ShapeWidth) + parameters).TrimEnd();

        var lines = new List<string>
        {
            $"Model: \"{plan.Network.Name}\"",
            new string('_', width),
            Row("Layer (type)", "Output Shape", "Param #"),
            new string('=', width),
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

        lines.Add(new string('=', width));
        lines.Add($"Total params: {Literals.Count(plan.ParameterCount + plan.NonTrainableParameterCount)}");
        lines.Add($"Trainable params: {Literals.Count(plan.ParameterCount)}");
        lines.Add($"Non-trainable params: {Literals.Count(plan.NonTrainableParameterCount)}");
        lines.Add(new string('_', width));
        return lines;
    }
}
