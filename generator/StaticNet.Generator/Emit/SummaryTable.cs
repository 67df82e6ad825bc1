using System.Collections.Generic;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>The Keras-style summary table (<c>model.summary()</c>), computed at compile time.</summary>
internal static class SummaryTable
{
    private const int NameWidth = 29;
    private const int ShapeWidth = 26;
    private const int Width = 65;

    public static IReadOnlyList<string> Lines(NetworkSpec spec)
    {
        var lines = new List<string>
        {
            $"Model: \"{spec.Name}\"",
            new string('_', Width),
            Row("Layer (type)", "Output Shape", "Param #"),
            new string('=', Width),
        };
        foreach (LayerSpec layer in spec.Layers)
        {
            lines.Add(Row($"{layer.Name} (Dense)", $"(None, {layer.Units})", Literals.Count(layer.ParameterCount)));
        }

        lines.Add(new string('=', Width));
        lines.Add($"Total params: {Literals.Count(spec.ParameterCount)}");
        lines.Add($"Trainable params: {Literals.Count(spec.ParameterCount)}");
        lines.Add("Non-trainable params: 0");
        lines.Add(new string('_', Width));
        return lines;
    }

    private static string Row(string name, string shape, string parameters) =>
        (" " + name.PadRight(NameWidth - 1) + shape.PadRight(ShapeWidth) + parameters).TrimEnd();
}
