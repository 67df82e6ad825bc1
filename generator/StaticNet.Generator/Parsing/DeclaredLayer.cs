using System;

namespace StaticNet.Generator.Parsing;

/// <summary>One argument of a shape attribute as written: its parameter or property name and its value as a number.</summary>
/// <param name="Name">The constructor parameter's name (<c>units</c>) or the property's (<c>NegativeSlope</c>).</param>
/// <param name="Value">The value: every argument StaticNet's attributes take (ints, floats, doubles, enums) is exact as a double.</param>
internal sealed record DeclaredArgument(string Name, double Value);

/// <summary>
/// One shape attribute (<c>[Input]</c> or a layer) as written, before any rule is applied: raw numbers, so that values no
/// enum defines and out-of-range factors can still be reported. Free of Roslyn types, so the rules can be tested alone.
/// </summary>
/// <param name="Type">The attribute's type without the suffix: <c>Input</c>, <c>Dense</c>, <c>Dropout</c>, …</param>
/// <param name="Arguments">The arguments given, constructor ones (defaults filled in) first.</param>
/// <param name="OnNetworkDeclaration">Whether the attribute sits on the same partial declaration as [Network].</param>
internal sealed record DeclaredLayer(string Type, Model.EquatableArray<DeclaredArgument> Arguments, bool OnNetworkDeclaration = true)
{
    public const string InputType = "Input";

    public bool IsInput => Type == InputType;

    public static DeclaredLayer Create(string type, params (string Name, double Value)[] arguments) =>
        new(type, new Model.EquatableArray<DeclaredArgument>(Array.ConvertAll(arguments, a => new DeclaredArgument(a.Name, a.Value))));

    /// <summary>Whether the argument named <paramref name="name"/> was given (constructor arguments always are).</summary>
    public bool Has(string name)
    {
        foreach (DeclaredArgument argument in Arguments)
        {
            if (argument.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The argument named <paramref name="name"/>, or <paramref name="fallback"/> when it was not given.</summary>
    public double Get(string name, double fallback)
    {
        foreach (DeclaredArgument argument in Arguments)
        {
            if (argument.Name == name)
            {
                return argument.Value;
            }
        }

        return fallback;
    }

    /// <summary>An integer argument; a value that is not a whole number in int's range reads as <see cref="int.MinValue"/>, which every rule refuses.</summary>
    public int GetInt(string name, int fallback)
    {
        double value = Get(name, fallback);
        return value >= int.MinValue && value <= int.MaxValue && value == Math.Floor(value) ? (int)value : int.MinValue;
    }
}
