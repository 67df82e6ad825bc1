using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Rules;

/// <summary>
/// Where a layer sits, as its kind's rules and builder see it: its position, its name, the shape it receives, the
/// network's loss and requested strategy; and where its problems go (onto its own attribute).
/// </summary>
internal sealed class LayerContext(
    int index,
    int number,
    string name,
    string prefix,
    TensorShape input,
    bool isLast,
    Loss loss,
    CodeStrategy strategy,
    int attributeIndex,
    List<Problem> problems)
{
    /// <summary>0-based position among the layers.</summary>
    public int Index { get; } = index;

    /// <summary>1-based position among the layers of this kind.</summary>
    public int Number { get; } = number;

    /// <summary>Keras-style name: <c>dense_2</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Generated members' prefix: <c>Dense2</c>.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>One sample's input shape (its size may be invalid, ≤ 0, when an earlier attribute is wrong).</summary>
    public TensorShape Input { get; } = input;

    public bool IsLast { get; } = isLast;

    public Loss Loss { get; } = loss;

    public CodeStrategy Strategy { get; } = strategy;

    /// <summary>The name of the embedding whose padding mask reaches this layer (<c>MaskZero</c>), or null.</summary>
    public string? MaskSource { get; init; }

    /// <summary>A padding mask reaches this layer.</summary>
    public bool Masked => MaskSource is not null;

    /// <summary>Reports a problem on this layer's attribute.</summary>
    public void Report(DiagnosticDescriptor descriptor, params object[] arguments) =>
        problems.Add(new Problem(descriptor, attributeIndex, arguments));

    /// <summary>Reports SNET0013 where <paramref name="value"/>, an argument of enum type <typeparamref name="TEnum"/>, names none of its members (a cast integer).</summary>
    public void CheckDefined<TEnum>(int value)
        where TEnum : struct, System.Enum
    {
        if (!System.Enum.IsDefined(typeof(TEnum), value))
        {
            Report(DiagnosticDescriptors.UndefinedEnumValue, value, typeof(TEnum).Name);
        }
    }
}
