namespace StaticNet.Generator.Parsing;

/// <summary>The metadata names of StaticNet's attributes.</summary>
internal static class KnownNames
{
    public const string NetworkAttribute = "StaticNet.NetworkAttribute";
    public const string InputAttribute = "StaticNet.InputAttribute";
    public const string DenseAttribute = "StaticNet.DenseAttribute";
}
