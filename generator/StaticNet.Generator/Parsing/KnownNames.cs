namespace StaticNet.Generator.Parsing;

/// <summary>The metadata names of StaticNet's attributes (each layer kind's is <c>StaticNet.{Type}Attribute</c>).</summary>
internal static class KnownNames
{
    public const string NetworkAttribute = "StaticNet.NetworkAttribute";
    public const string InputAttribute = "StaticNet.InputAttribute";

    public static string AttributeOf(string type) => "StaticNet." + type + "Attribute";
}
